#!/bin/bash
# Build the installed recordorg for Linux: a frozen one-folder build (PyInstaller, from
# recordorg.spec) and a .deb made from a staged tree with dpkg-deb:
#   /opt/recordorg/                      the frozen program (Python, Qt, readers, resources)
#   /usr/bin/recordorg                   -> /opt/recordorg/recordorg (the command on the PATH)
#   /usr/share/applications/             recordorg.desktop, recordorg-bundle.desktop
#   /usr/share/mime/packages/            recordorg.xml (the case-review bundle MIME type)
#   /usr/share/icons/hicolor/scalable/   the app icon and the bundle's icon
# Usage: resources/packaging/build_deb.sh [OUT]     (OUT: default build/deb, git-ignored)
# Needs: python3 with the project and pyinstaller installed (pip install -e . pyinstaller),
# dpkg-deb and ldd (a Debian or Ubuntu machine). Set SKIP_FREEZE=1 to reuse OUT/dist.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/build/deb}" && cd "${1:-$ROOT/build/deb}" && pwd)"
VERSION="$(cd "$ROOT" && python3 -c 'import recordorg; print(recordorg.__version__)')"
ARCH="$(dpkg --print-architecture)"
APP="$OUT/dist/recordorg"
STAGE="$OUT/stage"
DEB="$OUT/recordorg_${VERSION}_${ARCH}.deb"

if [ "${SKIP_FREEZE:-0}" != 1 ] || [ ! -x "$APP/recordorg" ]; then
    echo "== freezing recordorg $VERSION with PyInstaller (minutes)"
    (cd "$ROOT" && python3 -m PyInstaller --noconfirm --log-level WARN \
        --distpath "$OUT/dist" --workpath "$OUT/work" "$HERE/recordorg.spec")
fi
"$APP/recordorg" --version

echo "== staging $STAGE"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/mime/packages" "$STAGE/usr/share/icons/hicolor/scalable/apps" \
    "$STAGE/usr/share/icons/hicolor/scalable/mimetypes" "$STAGE/usr/share/doc/recordorg"
cp -a "$APP" "$STAGE/opt/recordorg"
ln -s /opt/recordorg/recordorg "$STAGE/usr/bin/recordorg"
install -m 644 "$HERE/recordorg.desktop" "$HERE/recordorg-bundle.desktop" \
    "$STAGE/usr/share/applications/"
install -m 644 "$HERE/recordorg-mime.xml" "$STAGE/usr/share/mime/packages/recordorg.xml"
install -m 644 "$ROOT/resources/icons/recordorg.svg" \
    "$STAGE/usr/share/icons/hicolor/scalable/apps/recordorg.svg"
install -m 644 "$ROOT/resources/icons/bundle.svg" \
    "$STAGE/usr/share/icons/hicolor/scalable/mimetypes/application-x-recordorg-bundle.svg"
printf 'recordorg %s, frozen with PyInstaller. License: GPL-3.0-or-later.\n' "$VERSION" \
    > "$STAGE/usr/share/doc/recordorg/copyright"

# The system libraries the frozen program still loads (PyInstaller leaves libc, GL, X and
# the like to the system), named by the packages that hold them here, plus what Qt's xcb
# platform plugin opens at run time.
system_packages() {
    local bundled
    bundled="$(find "$STAGE/opt/recordorg" -name '*.so*' -printf '%f\n' | sort -u)"
    find "$STAGE/opt/recordorg" -type f \( -name '*.so*' -o -name recordorg \) -print0 \
        | xargs -0 ldd 2>/dev/null | awk '/=> \// {print $1, $3}' | sort -u \
        | while read -r name lib; do
            grep -q -x -F "$name" <<<"$bundled" && continue  # the build carries its own
            case "$lib" in "$STAGE"*) continue ;; esac
            dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || true
        done | cut -d: -f1 | sort -u
}
QT_XCB="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
libxkbcommon0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core"
DEPENDS="$( { system_packages; tr ' ' '\n' <<<"$QT_XCB"; } | grep -v '^$' | grep -v -E \
    '^(python3|libpython)' | sort -u | paste -sd, | sed 's/,/, /g')"
SIZE="$(du -sk "$STAGE" | cut -f1)"
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: recordorg
Version: $VERSION
Architecture: $ARCH
Maintainer: recordorg developers <recordorg@localhost>
Installed-Size: $SIZE
Depends: $DEPENDS
Recommends: shared-mime-info, desktop-file-utils, hicolor-icon-theme
Section: misc
Priority: optional
Description: keep a family's medical records on your own computer
 recordorg keeps medical records (PDFs, photos, DICOM discs) in a local library, builds a
 case review and exports a case-review bundle. This package holds the whole program
 (Python and Qt included) under /opt/recordorg.
CONTROL

echo "== building $DEB"
dpkg-deb --root-owner-group -Zgzip --build "$STAGE" "$DEB" >/dev/null
dpkg-deb --info "$DEB" | sed -n '/Depends/,/Recommends/p'
ls -l "$DEB"
