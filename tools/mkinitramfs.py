#!/usr/bin/env python3
"""Write an initramfs: a newc cpio archive, gzip'd or not, in pure Python.

    mkinitramfs.py OUT --init PROGRAM [--gzip]

It holds /init (PROGRAM, mode 0755), the directories /dev, /proc and
/sys, and the device nodes /dev/console (5,1), /dev/null (1,3) and
/dev/zero (1,5), so that the program's stdio and the devices it reads and
writes need no mounts. Every entry has owner 0, time 0 and a fixed inode
number, and the gzip header carries no time or name: the same inputs give
the same bytes.
"""
import argparse
import gzip
import io
import stat
import sys

TRAILER = "TRAILER!!!"
DIRS = ["dev", "proc", "sys"]
# name, major, minor: Linux's fixed numbers for these devices.
DEVICES = [("dev/console", 5, 1), ("dev/null", 1, 3), ("dev/zero", 1, 5)]


def entry(name, mode, data=b"", ino=0, nlink=1, rdev=(0, 0)):
    """One newc member: the header's 13 fields as 8 hex digits each, the
    name with its NUL, then the data, each padded to 4 bytes."""
    fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1],
              len(name) + 1, 0]
    head = b"070701" + b"".join(b"%08X" % f for f in fields) + name.encode() + b"\0"
    head += b"\0" * (-len(head) % 4)
    return head + data + b"\0" * (-len(data) % 4)


def archive(init):
    """init: /init's bytes; the directories and device nodes are always
    there."""
    out = io.BytesIO()
    ino = 1
    for d in DIRS:
        out.write(entry(d, stat.S_IFDIR | 0o755, ino=ino, nlink=2))
        ino += 1
    for name, major, minor in DEVICES:
        out.write(entry(name, stat.S_IFCHR | 0o600 if name == "dev/console" else stat.S_IFCHR | 0o666,
                        ino=ino, rdev=(major, minor)))
        ino += 1
    out.write(entry("init", stat.S_IFREG | 0o755, init, ino=ino))
    out.write(entry(TRAILER, 0))
    return out.getvalue()


def compress(data):
    """gzip with time 0 and no file name in its header."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", filename="", mtime=0, compresslevel=9) as g:
        g.write(data)
    return buf.getvalue()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--init", required=True, help="the program that becomes /init")
    ap.add_argument("--gzip", action="store_true")
    args = ap.parse_args(argv)
    with open(args.init, "rb") as f:
        data = archive(f.read())
    with open(args.out, "wb") as f:
        f.write(compress(data) if args.gzip else data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
