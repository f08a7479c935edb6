#!/bin/sh
# flash.sh IMAGE DEVICE: write the USB image to a removable disk, after
# showing what the disk is and asking. Refuses anything that is not a
# whole, removable block device (never a partition, never an internal disk).
set -eu
img=$1 dev=${2:-}
[ -n "$dev" ] || { echo "flash: say which disk: make flash DEV=/dev/sdX" >&2; exit 2; }
[ -f "$img" ] || { echo "flash: no image $img (make usb first)" >&2; exit 2; }
[ -b "$dev" ] || { echo "flash: $dev is not a block device" >&2; exit 2; }
name=$(basename "$(readlink -f "$dev")")
sys=/sys/block/$name
[ -d "$sys" ] || { echo "flash: $dev is not a whole disk (a partition?)" >&2; exit 2; }
if [ "$(cat "$sys/removable" 2>/dev/null)" != "1" ]; then
	echo "flash: $dev is not a removable disk; refusing to write it" >&2
	exit 2
fi
size=$(( $(cat "$sys/size") * 512 / 1000000 ))
model=$(cat "$sys/device/model" 2>/dev/null | tr -s ' ' || echo unknown)
vendor=$(cat "$sys/device/vendor" 2>/dev/null | tr -s ' ' || echo "")
echo "flash: $dev is '$vendor $model', $size MB, removable."
grep -q "^/dev/$name" /proc/mounts && echo "flash: WARNING: it has mounted partitions:" && grep "^/dev/$name" /proc/mounts
printf "flash: everything on it will be lost. Write %s to %s? [y/N] " "$img" "$dev"
read -r answer
[ "$answer" = "y" ] || [ "$answer" = "Y" ] || { echo "flash: nothing written"; exit 1; }
dd if="$img" of="$dev" bs=1M conv=fsync status=progress
sync
echo "flash: done; boot the PC from it (README: Boot it on a real PC)"
