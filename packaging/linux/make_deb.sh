#!/usr/bin/env bash
# Wrap a PyInstaller bundle into a .deb with dpkg-deb.  Usage: make_deb.sh VERSION BUNDLE_DIR OUT_DIR
set -euo pipefail
VERSION=$1 BUNDLE=$2 OUT=$3
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RES="$ROOT/resources"
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT

install -d "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" "$STAGE/usr/share/metainfo" \
    "$STAGE/DEBIAN" "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$STAGE/opt/vitedesk"
ln -s /opt/vitedesk/vitedesk "$STAGE/usr/bin/vitedesk"
install -m 644 "$RES/vitedesk.desktop" "$STAGE/usr/share/applications/vitedesk.desktop"
sed "s/@VERSION@/$VERSION/" "$RES/vitedesk.metainfo.xml" > "$STAGE/usr/share/metainfo/app.vitedesk.ViteDesk.metainfo.xml"
for size in 16 24 32 48 64 128 256 512; do
    install -D -m 644 "$RES/icons/vitedesk-$size.png" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/vitedesk.png"
done
install -m 644 "$RES/icons/vitedesk.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/vitedesk.svg"
desktop-file-validate "$STAGE/usr/share/applications/vitedesk.desktop"

# Depends: the system libraries the bundle's ELF files need and do not carry (ldd, then dpkg -S).
missing=$(find "$STAGE/opt/vitedesk" -type f \( -name '*.so*' -o -name vitedesk \) -print0 \
    | xargs -0 ldd 2>/dev/null | awk '/=> \// {print $1, $3}' | sort -u \
    | while read -r name path; do
        [ -e "$STAGE/opt/vitedesk/_internal/$name" ] || find "$STAGE/opt/vitedesk" -name "$name" -print -quit | grep -q . \
            || echo "$path"
      done | sort -u)
depends=$(for lib in $missing; do dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null; done \
    | cut -d: -f1 | sort -u | grep -v '^libc6$' | paste -sd, | sed 's/,/, /g')
depends="libc6 (>= 2.36)${depends:+, $depends}"

size_kb=$(du -sk "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: vitedesk
Version: $VERSION
Architecture: amd64
Maintainer: ViteDesk <support@vitedesk.app>
Installed-Size: $size_kb
Depends: $depends
Section: net
Priority: optional
Homepage: https://vitedesk.app
Description: send SMS and MMS campaigns through the ViteMobile SMS API
 ViteDesk sends text and picture message campaigns through ViteMobile.
 Paste or import leads, write the message, add pictures, pick the route and
 send. A built-in training sandbox lets you practise without sending anything.
CONTROL
mkdir -p "$OUT"
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$OUT/vitedesk_${VERSION}_amd64.deb"
echo "Depends: $depends"
