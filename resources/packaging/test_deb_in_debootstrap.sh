#!/bin/bash
# Install the recordorg .deb into a clean Debian 12 root made with debootstrap (no python3
# there) and check, inside it, what a family does: the demo window opens (a screenshot is
# saved for a person to look at), a PDF and a DICOM disc are imported in reader processes,
# and an exported bundle passes `recordorg verify`.
# Usage (as root, with network for Debian packages; minutes):
#   resources/packaging/test_deb_in_debootstrap.sh [DEB] [WORK]
#     DEB   default: the newest build/deb/recordorg_*.deb (make it with build_deb.sh)
#     WORK  default: /tmp/recordorg-debtest; the screenshot is WORK/demo.png
# A pristine root is made once in WORK/pristine and copied for each run (FRESH=1 remakes
# it). Needs on this machine: debootstrap, Xvfb, imagemagick (import), and python3 with the
# project installed, only to write the sample PDF and disc outside the root.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT_DIR="$(cd "$HERE/../.." && pwd)"
DEB="${1:-$(ls -t "$ROOT_DIR"/build/deb/recordorg_*.deb 2>/dev/null | head -1)}"
WORK="${2:-/tmp/recordorg-debtest}"
DISPLAY_NUMBER="${DISPLAY_NUMBER:-87}"
[ -f "$DEB" ] || { echo "no .deb: run resources/packaging/build_deb.sh first" >&2; exit 2; }
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
CHROOT="$WORK/root"
step() { echo; echo "== $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
in_root() { chroot "$CHROOT" env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 "$@"; }

if [ "${FRESH:-0}" = 1 ] || [ ! -x "$WORK/pristine/bin/sh" ]; then
    step "debootstrap a minimal Debian 12 (bookworm) root"
    rm -rf "$WORK/pristine"
    debootstrap --variant=minbase bookworm "$WORK/pristine" >"$WORK/debootstrap.log" 2>&1 \
        || { tail "$WORK/debootstrap.log"; fail "debootstrap"; }
fi
step "a clean copy of the root in $CHROOT"
cleanup() {
    set +e
    [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null
    [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null
    # Whatever still runs inside the root (started by this script) ends before it is unmounted.
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/root" 2>/dev/null)" = "$CHROOT" ] && kill "${p#/proc/}" 2>/dev/null
    done
    sleep 1
    for m in tmp/.X11-unix dev/pts dev proc; do
        mountpoint -q "$CHROOT/$m" && umount -l "$CHROOT/$m"
    done
}
trap cleanup EXIT
cleanup
rm -rf "$CHROOT"
cp -a "$WORK/pristine" "$CHROOT"
mount -t proc proc "$CHROOT/proc"
mount --bind /dev "$CHROOT/dev"
mount --bind /dev/pts "$CHROOT/dev/pts"
cp /etc/resolv.conf "$CHROOT/etc/resolv.conf"
in_root sh -c 'command -v python3 || ls /usr/bin/python3*' >/dev/null 2>&1 \
    && fail "the clean root has a python3"

step "install $(basename "$DEB") with apt (its Depends come from Debian)"
cp "$DEB" "$CHROOT/tmp/recordorg.deb"
in_root apt-get update -q >"$WORK/apt.log" 2>&1
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/recordorg.deb \
    >>"$WORK/apt.log" 2>&1 || { tail -20 "$WORK/apt.log"; fail "apt-get install"; }
in_root sh -c 'command -v python3' && fail "installing recordorg brought a python3"
[ "$(in_root readlink -f /usr/bin/recordorg)" = /opt/recordorg/recordorg ] \
    || fail "recordorg is not on the PATH"
for f in /usr/share/applications/recordorg.desktop /usr/share/mime/packages/recordorg.xml \
    /usr/share/icons/hicolor/scalable/apps/recordorg.svg \
    /usr/share/mime/application/x-recordorg-bundle.xml; do
    [ -f "$CHROOT$f" ] || fail "missing after install: $f"
done
grep -q 'application/x-recordorg-bundle' "$CHROOT/usr/share/applications/mimeinfo.cache" \
    || fail "the bundle file association is not in the desktop database"
in_root recordorg --version

step "the demo window under Xvfb :$DISPLAY_NUMBER (screenshot: $WORK/demo.png)"
Xvfb ":$DISPLAY_NUMBER" -screen 0 1400x900x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
sleep 2
mkdir -p "$CHROOT/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$CHROOT/tmp/.X11-unix"
chroot "$CHROOT" env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY=":$DISPLAY_NUMBER" \
    recordorg --demo >"$WORK/demo.log" 2>&1 &
APP_PID=$!  # the program itself (chroot and env exec it)
sleep "${DEMO_WAIT:-40}"
import -display ":$DISPLAY_NUMBER" -window root "$WORK/demo.png"
kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/demo.log"; fail "the demo window ended"; }
grep -q -E 'Traceback|ERROR' "$WORK/demo.log" && { cat "$WORK/demo.log"; fail "the demo met an error"; }
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
echo "saved $WORK/demo.png: look at it"

# Import the samples into library $2 with children started by $1 (forkserver, the default
# on Linux, or spawn, as on Windows and macOS), watching the process tree while it runs.
import_in_readers() {
    local method="$1" lib="$2" log="$WORK/import-$1.log" seen="$WORK/processes-$1.log"
    in_root env RECORDORG_LIBRARY="$lib" RECORDORG_START_METHOD="$method" recordorg import \
        --workers 2 /tmp/samples/letter.pdf /tmp/samples/disc >"$log" 2>&1 &
    local import_pid=$!
    : >"$seen"
    while kill -0 "$import_pid" 2>/dev/null; do
        ps -e -o pid=,ppid=,args= | grep -E '^ *[0-9]+ +[0-9]+ (/opt/recordorg/)?recordorg( |$)' \
            | while read -r pid ppid args; do
                [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$CHROOT" ] \
                    && echo "$pid ppid=$ppid ${args:0:100}"
            done >>"$seen" || true
        sleep 0.05
    done
    wait "$import_pid" || { cat "$log"; fail "recordorg import ($method)"; }
    cat "$log"
    # Readers: forked by the readers' server (forkserver) or the program run again with
    # --multiprocessing-fork (spawn); the command, the server and the resource tracker
    # do not count.
    sort -u -k1,1n "$seen" | awk '!seen[$1]++' | tee "$WORK/process-tree-$method.txt"
    local readers
    readers="$(awk '
        { pid=$1; sub("ppid=", "", $2); parent[pid]=$2; line[pid]=$0 }
        /forkserver import main/ { server[$1]=1 }
        END { n=0; for (p in line) if (server[parent[p]] || line[p] ~ /multiprocessing-fork/) n++
              print n }' "$WORK/process-tree-$method.txt")"
    echo "reader processes seen during the import ($method): $readers"
    [ "$readers" -ge 1 ] || fail "the import ($method) did not run in reader processes"
    in_root env RECORDORG_LIBRARY="$lib" recordorg list | tee "$WORK/list-$method.txt"
    grep -q 'Clinic letter' "$WORK/list-$method.txt" || fail "the PDF is not in the library"
    grep -q ' dicom ' "$WORK/list-$method.txt" || fail "the disc's images are not in the library"
}

step "import a PDF and a DICOM disc (made here, outside the root) in reader processes"
rm -rf "$CHROOT/tmp/samples"
(cd "$ROOT_DIR" && python3 "$HERE/make_test_samples.py" "$CHROOT/tmp/samples")
import_in_readers forkserver /root/Library
step "the same import with readers started by spawn (as on Windows and macOS)"
import_in_readers spawn /root/Library-spawn
LIB=/root/Library

step "export a bundle and verify it"
in_root env RECORDORG_LIBRARY=$LIB recordorg export --out /tmp/bundle.zip --allow-other-patients \
    --question "Is the CT normal?" | tail -5
in_root recordorg verify /tmp/bundle.zip | tee "$WORK/verify.txt"
# The file association: the zip's first member is a name the bundle MIME type's magic knows.
FIRST="$(dd if="$CHROOT/tmp/bundle.zip" bs=1 skip=30 count=12 status=none | tr -c 'A-Z_./' ' ')"
MAGIC="$(grep -o 'offset="30" value="[^"]*"' "$HERE/recordorg-mime.xml" | cut -d'"' -f4)"
grep -q -x -F -f <(for m in $MAGIC; do echo "${FIRST:0:${#m}}"; done) <<<"$MAGIC" \
    || fail "the bundle's first member ($FIRST) is not in the MIME type's magic"
echo "the bundle zip starts with $FIRST: application/x-recordorg-bundle by its magic"
echo; echo "ALL PASSED: installed, demo shown ($WORK/demo.png), import in reader processes," \
    "export verified"
