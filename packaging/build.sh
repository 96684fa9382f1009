#!/usr/bin/env bash
# Build the PyInstaller bundle (dist/vitedesk/) and, on Linux, dist/vitedesk_<version>_amd64.deb.
# Usage: packaging/build.sh            (from anywhere; needs uv, and dpkg-deb + strip on Linux)
set -euo pipefail
cd "$(dirname "$0")/.."
export PYINSTALLER_CONFIG_DIR="${PYINSTALLER_CONFIG_DIR:-${TMPDIR:-/tmp}/vitedesk-pyinstaller}"

VERSION=$(uv run --group packaging python -c 'from importlib.metadata import version; print(version("vitedesk"))')
echo "Building ViteDesk $VERSION"
uv run --group packaging pyinstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/vitedesk.spec

case "$(uname -s)" in
    Linux) packaging/linux/make_deb.sh "$VERSION" dist/vitedesk dist ;;
    *) echo "Bundle in dist/; the installer for this OS is made by packaging/windows or packaging/macos" ;;
esac
