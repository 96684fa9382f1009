#!/usr/bin/env bash
# Sign (when credentials are configured), wrap dist/ViteDesk.app into a .dmg with hdiutil, notarize (idem).
# Usage: packaging/macos/make_dmg.sh VERSION [APP] [OUT_DIR]
# Signing:   MACOS_SIGN_IDENTITY="Developer ID Application: ..." (a keychain identity)
# Notarizing: MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID, MACOS_NOTARY_PASSWORD (app-specific password)
set -euo pipefail
VERSION=$1 APP=${2:-dist/ViteDesk.app} OUT=${3:-dist}
DMG="$OUT/ViteDesk-$VERSION.dmg"
ENTITLEMENTS="$(dirname "$0")/entitlements.plist"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp --entitlements "$ENTITLEMENTS" \
        --sign "$MACOS_SIGN_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
else
    echo "MACOS_SIGN_IDENTITY not set: the app is not signed (Gatekeeper will ask the person to confirm)"
fi

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "ViteDesk $VERSION" -srcfolder "$STAGE" -ov -format UDZO "$DMG"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
fi
if [ -n "${MACOS_SIGN_IDENTITY:-}" ] && [ -n "${MACOS_NOTARY_APPLE_ID:-}" ] \
    && [ -n "${MACOS_NOTARY_TEAM_ID:-}" ] && [ -n "${MACOS_NOTARY_PASSWORD:-}" ]; then
    xcrun notarytool submit "$DMG" --apple-id "$MACOS_NOTARY_APPLE_ID" --team-id "$MACOS_NOTARY_TEAM_ID" \
        --password "$MACOS_NOTARY_PASSWORD" --wait
    xcrun stapler staple "$DMG"
else
    echo "Notarization credentials not set: skipping notarytool"
fi
echo "$DMG"
