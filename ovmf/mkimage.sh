#!/bin/sh
# mkimage.sh IMAGE APP STARTUP_NSH [--bootx64] [--root DIR] [--copy FILE]... [PAYLOAD...]
# A GPT disk with one FAT32 EFI system partition holding \EFI\ring3\ring3.efi,
# the payloads beside it, and startup.nsh at the root. No root, no loop devices.
# --root DIR copies DIR's contents to \EFI\ring3\root, the programs' file
# tree. The disk grows with what it holds (64 MiB at least).
# When payloads are given, startup.nsh's "ring3.efi" line gets their names,
# after any words in $RING3_ARGS (options, names of files not copied, @lists).
# --copy FILE puts FILE beside ring3.efi without naming it (a list's payloads).
# --bootx64 also installs the app as \EFI\BOOT\BOOTX64.EFI, the removable-media
# path firmware boots without a shell (the USB stick); then OVMF starts it
# directly instead of its shell.
set -eu
img=$1 app=$2 nsh=$3
shift 3

root=""
if [ "${1:-}" = "--bootx64" ]; then bootx64=1; shift; else bootx64=0; fi
if [ "${1:-}" = "--root" ]; then
	root=$2
	[ -d "$root" ] || { echo "mkimage: root '$root' is not a directory" >&2; exit 1; }
	shift 2
fi
# Room for everything, FAT's overhead and slack: 64 MiB at least.
content_kib=$(du -skL "$app" ${root:+"$root"} | awk '{s += $1} END {print s + 0}')
for a in "$@"; do
	[ "$a" = --copy ] || [ ! -e "$a" ] || content_kib=$(( content_kib + $(du -skL "$a" | cut -f1) ))
done
disk_mib=$(( content_kib * 5 / 4 / 1024 + 48 ))
[ $disk_mib -ge 64 ] || disk_mib=64
part_start=2048                        # sectors: 1 MiB alignment
part_sectors=$(( (disk_mib - 2) * 2048 ))

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f "$img"
truncate -s ${disk_mib}M "$img"
sgdisk -n 1:${part_start}:+${part_sectors} -t 1:ef00 -c 1:RING3 "$img" >/dev/null
part="$img@@$((part_start * 512))"
mformat -i "$part" -F -T $part_sectors -v RING3 ::
mmd -i "$part" ::/EFI ::/EFI/ring3

names="${RING3_ARGS:+ $RING3_ARGS}"
if [ $bootx64 = 1 ]; then
	mmd -i "$part" ::/EFI/BOOT
	mcopy -i "$part" "$app" ::/EFI/BOOT/BOOTX64.EFI
fi
if [ -n "$root" ]; then
	mmd -i "$part" ::/EFI/ring3/root
	# Hidden files too; mcopy -s descends into directories.
	for f in "$root"/* "$root"/.[!.]*; do
		[ -e "$f" ] && mcopy -s -i "$part" "$f" ::/EFI/ring3/root/
	done
fi
while [ "${1:-}" = "--copy" ]; do
	[ -f "$2" ] || { echo "mkimage: '$2' does not exist" >&2; exit 1; }
	mcopy -i "$part" "$2" "::/EFI/ring3/$(basename "$2")"
	shift 2
done
for p in "$@"; do
	[ -f "$p" ] || { echo "mkimage: payload '$p' does not exist" >&2; exit 1; }
	mcopy -i "$part" "$p" "::/EFI/ring3/$(basename "$p")"
	names="$names $(basename "$p")"
done
esc=$(printf '%s' "$names" | sed 's/[\\&|]/\\&/g')   # literal in sed's replacement
sed "s|^ring3.efi\$|ring3.efi$esc|" "$nsh" > "$tmp/startup.nsh"
mcopy -i "$part" "$app" ::/EFI/ring3/ring3.efi
mcopy -i "$part" "$tmp/startup.nsh" ::/startup.nsh
