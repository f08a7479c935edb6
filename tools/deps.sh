#!/bin/sh
# Install the Debian packages the build and the tests need, if missing.
# Does nothing when they are all present. linux-image-amd64 is Debian's
# kernel, which make bench boots beside ring3 in the same QEMU machine.
set -e
PKGS="gnu-efi ovmf qemu-system-x86 mtools dosfstools gdisk python3 python3-matplotlib tesseract-ocr tesseract-ocr-eng gdb binutils gcc make musl-tools busybox-static bash-static strace linux-image-amd64"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
