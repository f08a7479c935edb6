/*
 * Files and descriptors in Linux's x86-64 ABI: open flags, *at()
 * conventions, fcntl and ioctl commands, and the structs stat, statx,
 * linux_dirent64, termios and winsize as the kernel lays them out
 * (named apart from a C library's). Pure header.
 */
#ifndef CORE_ABI_FS_H
#define CORE_ABI_FS_H

/* open(2) flags (octal, as Linux writes them). */
#define O_ACCMODE   00000003 /* the access mode's bits */
#define O_RDONLY    00000000
#define O_WRONLY    00000001
#define O_RDWR      00000002
#define O_CREAT     00000100
#define O_EXCL      00000200
#define O_NOCTTY    00000400
#define O_TRUNC     00001000
#define O_APPEND    00002000
#define O_NONBLOCK  00004000
#define O_DSYNC     00010000
#define O_ASYNC     00020000
#define O_DIRECT    00040000
#define O_LARGEFILE 00100000
#define O_DIRECTORY 00200000
#define O_NOFOLLOW  00400000
#define O_NOATIME   01000000
#define O_CLOEXEC   02000000
#define O_SYNC      04010000 /* includes O_DSYNC */
#define O_PATH      010000000
#define O_TMPFILE   020200000 /* includes O_DIRECTORY */

/* The *at() calls. */
#define AT_FDCWD            (-100) /* relative to the working directory */
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EACCESS          0x200  /* faccessat: effective ids */
#define AT_REMOVEDIR        0x200  /* unlinkat */
#define AT_SYMLINK_FOLLOW   0x400
#define AT_NO_AUTOMOUNT     0x800
#define AT_EMPTY_PATH       0x1000 /* the fd itself when the path is "" */
#define AT_STATX_SYNC_TYPE  0x6000 /* statx: sync flags, meaningless here */
#define AT_STATX_SYNC_AS_STAT 0x0000 /* statx: sync as stat does */
#define AT_STATX_FORCE_SYNC 0x2000 /* statx: sync with the server first */
#define AT_STATX_DONT_SYNC  0x4000 /* statx: whatever is cached */

/* access(2) modes. */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/* lseek whence. */
#define SEEK_SET  0
#define SEEK_CUR  1
#define SEEK_END  2
#define SEEK_DATA 3
#define SEEK_HOLE 4

/* fcntl commands and descriptor flags. */
#define F_DUPFD         0
#define F_GETFD         1
#define F_SETFD         2
#define F_GETFL         3
#define F_SETFL         4
#define F_GETLK         5
#define F_SETLK         6
#define F_SETLKW        7
#define F_SETOWN        8
#define F_GETOWN        9
#define F_SETSIG        10
#define F_GETSIG        11
#define F_SETPIPE_SZ    1031
#define F_GETPIPE_SZ    1032
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC      1

/* File types and permission bits (st_mode). */
#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000
#define S_ISUID  0004000
#define S_ISGID  0002000
#define S_ISVTX  0001000 /* sticky */
#define S_IPERM  0000777 /* the permission bits */

/* getdents64 d_type values. */
#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

/* Terminal ioctls. */
#define TCGETS     0x5401
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TIOCGPGRP  0x540F
#define TIOCSPGRP  0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD   0x541B
#define FIONBIO    0x5421
#define FIONCLEX   0x5450
#define FIOCLEX    0x5451

/* An ioctl request's fields: _IOC(dir, type, nr, size). */
#define IOC_NRSHIFT   0
#define IOC_TYPESHIFT 8
#define IOC_SIZESHIFT 16
#define IOC_DIRSHIFT  30
#define IOC_SIZEMASK  0x3fff
#define IOC_WRITE     1 /* dir: user memory is read by the kernel */
#define IOC_READ      2 /* dir: user memory is written by the kernel */

/* statx mask bits. */
#define STATX_TYPE        0x0001
#define STATX_MODE        0x0002
#define STATX_NLINK       0x0004
#define STATX_UID         0x0008
#define STATX_GID         0x0010
#define STATX_ATIME       0x0020
#define STATX_MTIME       0x0040
#define STATX_CTIME       0x0080
#define STATX_INO         0x0100
#define STATX_SIZE        0x0200
#define STATX_BLOCKS      0x0400
#define STATX_BASIC_STATS 0x07ff
#define STATX_BTIME       0x0800
#define STATX_ALL         0x0fff /* basic stats and btime */
#define STATX_MNT_ID      0x1000
#define STATX_DIOALIGN    0x2000

#define PATH_MAX 4096 /* bytes in a path, its NUL included */

#ifndef __ASSEMBLER__
/* struct stat, as x86-64 Linux's fstat/stat/newfstatat write it. */
struct abi_stat {
	unsigned long long st_dev;
	unsigned long long st_ino;
	unsigned long long st_nlink;
	unsigned int st_mode;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned int pad0;
	unsigned long long st_rdev;
	long long st_size;
	long long st_blksize;
	long long st_blocks; /* 512-byte units */
	long long st_atime_sec, st_atime_nsec;
	long long st_mtime_sec, st_mtime_nsec;
	long long st_ctime_sec, st_ctime_nsec;
	long long reserved[3];
};

struct abi_statx_timestamp {
	long long tv_sec;
	unsigned int tv_nsec;
	int reserved;
};

/* struct statx (256 bytes). */
struct abi_statx {
	unsigned int stx_mask;
	unsigned int stx_blksize;
	unsigned long long stx_attributes;
	unsigned int stx_nlink;
	unsigned int stx_uid;
	unsigned int stx_gid;
	unsigned short stx_mode;
	unsigned short pad0;
	unsigned long long stx_ino;
	unsigned long long stx_size;
	unsigned long long stx_blocks;
	unsigned long long stx_attributes_mask;
	struct abi_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	unsigned int stx_rdev_major, stx_rdev_minor;
	unsigned int stx_dev_major, stx_dev_minor;
	unsigned long long spare[14];
};

/* One getdents64 record: d_reclen bytes, 8-byte aligned, name NUL-ended. */
struct abi_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[]; /* NUL-terminated */
};

/* TIOCGWINSZ. */
struct abi_winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* TCGETS: the kernel's struct termios (not a C library's termios). */
#define ABI_NCCS 19
struct abi_termios {
	unsigned int c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line;
	unsigned char c_cc[ABI_NCCS];
};

_Static_assert(sizeof(struct abi_stat) == 144, "struct stat is 144 bytes on x86-64");
_Static_assert(sizeof(struct abi_statx) == 256, "struct statx is 256 bytes");
_Static_assert(__builtin_offsetof(struct abi_dirent64, d_name) == 19, "d_name at byte 19");
_Static_assert(sizeof(struct abi_termios) == 36, "the kernel's termios is 36 bytes");
#endif

#endif
