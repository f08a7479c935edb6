/*
 * strace_format against what strace 6.1 prints for the same calls (the
 * expected strings were checked against its output on Linux). User
 * memory is a host buffer at a fake address, with pages that can be made
 * unreadable; truncation runs on exact-size heap buffers for ASan.
 */
#include <string.h>
#include "core/abi/abi.h"
#include "core/lib/strace_fmt.h"
#include "unit.h"

#define UBASE 0x10000ULL
#define UPAGE 4096
#define UPAGES 3
static uint8_t umem[UPAGES * UPAGE];
static int unreadable[UPAGES];

static int64_t fake_copy(void *dst, uint64_t src, uint64_t n)
{
	if (src < UBASE || src + n < src || src + n > UBASE + sizeof(umem))
		return -EFAULT;
	for (uint64_t p = (src - UBASE) / UPAGE; n && p <= (src + n - 1 - UBASE) / UPAGE; p++)
		if (unreadable[p])
			return -EFAULT;
	memcpy(dst, umem + (src - UBASE), n);
	return 0;
}

/* Put n bytes at offset off of user memory; their user address. */
static uint64_t uput(uint64_t off, const void *data, size_t n)
{
	memcpy(umem + off, data, n);
	return UBASE + off;
}

static uint64_t ustr(uint64_t off, const char *s)
{
	return uput(off, s, strlen(s) + 1);
}

static void reset(void)
{
	memset(umem, 0, sizeof(umem));
	memset(unreadable, 0, sizeof(unreadable));
}

static void expect(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
		   uint64_t a5, int64_t ret, const char *want, int line)
{
	char buf[1024];
	struct strace_call c = { nr, { a0, a1, a2, a3, a4, a5 }, ret };
	int n = strace_format(buf, sizeof(buf), &c, fake_copy);
	unit_check_str(buf, want, __FILE__, line, "strace_format");
	unit_check_i64(n, (int64_t)strlen(want), __FILE__, line, "length returned");
}
/* A call with three, four or six arguments, its return and its strace form. */
#define X6(nr, a0, a1, a2, a3, a4, a5, ret, want) expect(nr, a0, a1, a2, a3, a4, a5, ret, want, __LINE__)
#define X3(nr, a0, a1, a2, ret, want) expect(nr, a0, a1, a2, 0, 0, 0, ret, want, __LINE__)
#define X4(nr, a0, a1, a2, a3, ret, want) expect(nr, a0, a1, a2, a3, 0, 0, ret, want, __LINE__)

UNIT_TEST(strace_write_and_escapes)
{
	reset();
	uint64_t p = ustr(0, "hello\n");
	X3(SYS_write, 1, p, 6, 6, "write(1, \"hello\\n\", 6) = 6");
	p = uput(64, "\0331\33a\0\0012\n\0", 9);
	X3(SYS_write, 99, p, 9, -EBADF,
	   "write(99, \"\\0331\\33a\\0\\0012\\n\\0\", 9) = -1 EBADF (Bad file descriptor)");
	p = uput(128, "\1" "8\1" "9\1" "7", 6);
	X3(SYS_write, 1, p, 6, 6, "write(1, \"\\18\\19\\0017\", 6) = 6");
	p = uput(192, "\"\\\f\v\r\t\177\200\377 ~", 11);
	X3(SYS_write, 1, p, 11, 11, "write(1, \"\\\"\\\\\\f\\v\\r\\t\\177\\200\\377 ~\", 11) = 11");
	X3(SYS_write, 1, 0, 5, -EFAULT, "write(1, NULL, 5) = -1 EFAULT (Bad address)");
	X3(SYS_write, 1, 0x10, 5, -EFAULT, "write(1, 0x10, 5) = -1 EFAULT (Bad address)");
	X3(SYS_write, 1, p, 0, 0, "write(1, \"\", 0) = 0");
}

UNIT_TEST(strace_buffers_cut_at_32)
{
	reset();
	uint64_t p = ustr(0, "0123456789012345678901234567890123456789");
	X3(SYS_write, 1, p, 40, 40, "write(1, \"01234567890123456789012345678901\"..., 40) = 40");
	X3(SYS_write, 1, p, 32, 32, "write(1, \"01234567890123456789012345678901\", 32) = 32");
	/* The 33rd byte is not shown, so it cannot make the 32nd's escape long. */
	p = uput(64, "0123456789012345678901234567890\0015", 33);
	X3(SYS_write, 1, p, 33, 33, "write(1, \"0123456789012345678901234567890\\1\"..., 33) = 33");
	/* read shows what the call returned, only after success. */
	p = ustr(128, "root:x:0:0:root:/root:/bin/bash\ndaemon");
	X3(SYS_read, 3, p, 4096, 38,
	   "read(3, \"root:x:0:0:root:/root:/bin/bash\\n\"..., 4096) = 38");
	X3(SYS_read, 3, p, 4096, 5, "read(3, \"root:\", 4096) = 5");
	X3(SYS_read, 3, p, 4096, 0, "read(3, \"\", 4096) = 0");
	X3(SYS_read, 99, p, 10, -EBADF, "read(99, 0x10080, 10) = -1 EBADF (Bad file descriptor)");
	X4(SYS_pread64, 3, p, 10, 5, 10, "pread64(3, \"root:x:0:0\", 10, 5) = 10");
}

UNIT_TEST(strace_paths)
{
	reset();
	uint64_t p = ustr(0, "/etc/passwd");
	X4(SYS_openat, (uint64_t)AT_FDCWD, p, O_RDONLY | O_CLOEXEC, 0, 3,
	   "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3");
	X3(SYS_open, p, O_RDONLY, 0, -ENOENT,
	   "open(\"/etc/passwd\", O_RDONLY) = -1 ENOENT (No such file or directory)");
	X3(SYS_open, 0, O_RDONLY, 0, -EFAULT, "open(NULL, O_RDONLY) = -1 EFAULT (Bad address)");
	X3(SYS_open, 0x20, O_RDONLY, 0, -EFAULT, "open(0x20, O_RDONLY) = -1 EFAULT (Bad address)");
	/* A path past 256 bytes is cut there. */
	char longp[301];
	memset(longp, 'a', 300);
	longp[300] = 0;
	p = ustr(1024, longp);
	char want[400] = "open(\"";
	memcpy(want + 6, longp, 256);
	strcpy(want + 262, "\"..., O_RDONLY) = -1 ENAMETOOLONG (File name too long)");
	X3(SYS_open, p, O_RDONLY, 0, -ENAMETOOLONG, want);
	/* A string that ends just before an unreadable page reads well; one
	 * that runs into it prints as its address. */
	p = ustr(UPAGE - 4, "/ok");
	unreadable[1] = 1;
	X3(SYS_chdir, p, 0, 0, 0, "chdir(\"/ok\") = 0");
	p = uput(UPAGE - 3, "/no", 3);
	X3(SYS_chdir, p, 0, 0, -EFAULT, "chdir(0x10ffd) = -1 EFAULT (Bad address)");
}

UNIT_TEST(strace_open_flags)
{
	reset();
	uint64_t p = ustr(0, "/nope");
	X3(SYS_open, p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644, 3,
	   "open(\"/nope\", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644) = 3");
	X3(SYS_open, p, O_RDWR | O_CREAT, 0, 4, "open(\"/nope\", O_RDWR|O_CREAT, 000) = 4");
	X3(SYS_open, p, O_RDONLY | 0x80000000u, 0, 5, "open(\"/nope\", O_RDONLY|0x80000000) = 5");
	X3(SYS_open, p, O_ACCMODE, 0, 5, "open(\"/nope\", O_ACCMODE) = 5");
	X3(SYS_open, p, O_RDWR | 0x20, 0, 5, "open(\"/nope\", O_RDWR|0x20) = 5");
	X4(SYS_openat, (uint64_t)AT_FDCWD, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_TMPFILE, 0600,
	   -EINVAL, "openat(AT_FDCWD, \"/nope\", O_RDONLY|O_NOFOLLOW|O_TMPFILE, 0600) = -1 EINVAL "
		    "(Invalid argument)");
	X4(SYS_openat, 5, p, O_PATH, 0, 6, "openat(5, \"/nope\", O_RDONLY|O_PATH) = 6");
	X3(SYS_open, p, 0x7ffffffc & ~020000000, 0177600, -ENOTDIR,
	   "open(\"/nope\", O_RDONLY|O_CREAT|O_EXCL|O_NOCTTY|O_TRUNC|O_APPEND|O_NONBLOCK|O_SYNC|"
	   "O_DIRECT|O_LARGEFILE|O_NOFOLLOW|O_NOATIME|O_CLOEXEC|O_PATH|O_DIRECTORY|FASYNC|"
	   "0x7f80003c, 0177600) = -1 ENOTDIR (Not a directory)");
	X3(SYS_dup3, 3, 4, O_CLOEXEC, 4, "dup3(3, 4, O_CLOEXEC) = 4");
	X3(SYS_dup3, 17, 34, 0x33, -ENOSYS, "dup3(17, 34, 0x33 /* O_??? */) = -1 ENOSYS (Function not implemented)");
}

UNIT_TEST(strace_errors)
{
	reset();
	X3(SYS_close, 3, 0, 0, -EBADF, "close(3) = -1 EBADF (Bad file descriptor)");
	X3(SYS_close, 3, 0, 0, -EHWPOISON, "close(3) = -1 EHWPOISON (Memory page has hardware error)");
	X3(SYS_close, 3, 0, 0, -41, "close(3) = -1 ERRNO_41 (Unknown error 41)");
	X3(SYS_close, 3, 0, 0, -200, "close(3) = -1 ERRNO_200 (Unknown error 200)");
	X3(SYS_close, 3, 0, 0, -4096, "close(3) = -4096"); /* not an error return */
	CHECK_STR(strace_errno_name(ENOENT), "ENOENT");
	CHECK(strace_errno_name(58) == 0);
	CHECK(strace_errno_name(ERRNO_COUNT) == 0);
	/* Every named errno has its text. */
	for (unsigned e = 1; e < ERRNO_COUNT; e++) {
		char buf[128];
		struct strace_call c = { SYS_getpid, { 0 }, -(int64_t)e };
		strace_format(buf, sizeof(buf), &c, fake_copy);
		if (!CHECK(strstr(buf, "= -1 E") && buf[strlen(buf) - 1] == ')'))
			break;
	}
}

UNIT_TEST(strace_memory_calls)
{
	reset();
	X6(SYS_mmap, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0,
	   0x7f7dec214000,
	   "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f7dec214000");
	X6(SYS_mmap, 0x10000, 8192, 0, MAP_SHARED | MAP_FIXED | MAP_STACK | MAP_NORESERVE |
	   MAP_GROWSDOWN | MAP_POPULATE | MAP_FIXED_NOREPLACE, 3, 4096, -EINVAL,
	   "mmap(0x10000, 8192, PROT_NONE, MAP_SHARED|MAP_FIXED|MAP_NORESERVE|MAP_POPULATE|"
	   "MAP_GROWSDOWN|MAP_STACK|MAP_FIXED_NOREPLACE, 3, 0x1000) = -1 EINVAL (Invalid argument)");
	X6(SYS_mmap, 0x10000, 8192, 0, 0, 3, 4096, -EINVAL,
	   "mmap(0x10000, 8192, PROT_NONE, MAP_FILE, 3, 0x1000) = -1 EINVAL (Invalid argument)");
	X6(SYS_mmap, 0x11, 34, 0x33, 0x44, 0x55, 0x66, -ENOSYS,
	   "mmap(0x11, 34, PROT_READ|PROT_WRITE|0x30, 0x4 /* MAP_??? */|MAP_32BIT, 85, 0x66) = "
	   "-1 ENOSYS (Function not implemented)");
	X6(SYS_mmap, 0, 4096, PROT_READ, MAP_PRIVATE | MAP_HUGETLB | (1u << MAP_HUGE_SHIFT), 3, 0, -EINVAL,
	   "mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_HUGETLB|1<<MAP_HUGE_SHIFT, 3, 0) = -1 EINVAL "
	   "(Invalid argument)");
	X3(SYS_mprotect, 0x10000, 4096, 0x7fffffff, -EINVAL,
	   "mprotect(0x10000, 4096, PROT_READ|PROT_WRITE|PROT_EXEC|PROT_SEM|PROT_GROWSDOWN|"
	   "PROT_GROWSUP|0x7cfffff0) = -1 EINVAL (Invalid argument)");
	X3(SYS_munmap, 0, 0, 0, -EINVAL, "munmap(NULL, 0) = -1 EINVAL (Invalid argument)");
	X3(SYS_brk, 0, 0, 0, 0x55733e03e000, "brk(NULL) = 0x55733e03e000");
	X3(SYS_madvise, 0x10000, 4096, MADV_DONTNEED, 0, "madvise(0x10000, 4096, MADV_DONTNEED) = 0");
	X3(SYS_madvise, 0x10000, 4096, MADV_COLLAPSE, 0, "madvise(0x10000, 4096, MADV_COLLAPSE) = 0");
	X3(SYS_madvise, 0x10000, 4096, 5, -EINVAL,
	   "madvise(0x10000, 4096, 0x5 /* MADV_??? */) = -1 EINVAL (Invalid argument)");
	X4(SYS_mremap, 0x10000, 4096, 8192, MREMAP_MAYMOVE, 0x20000,
	   "mremap(0x10000, 4096, 8192, MREMAP_MAYMOVE) = 0x20000");
	X6(SYS_mremap, 0x10000, 4096, 8192, MREMAP_MAYMOVE | MREMAP_FIXED, 0x20000, 0, 0x20000,
	   "mremap(0x10000, 4096, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, 0x20000) = 0x20000");
	X4(SYS_mremap, 0x11, 34, 51, 0x44, -ENOSYS,
	   "mremap(0x11, 34, 51, MREMAP_DONTUNMAP|0x40) = -1 ENOSYS (Function not implemented)");
}

UNIT_TEST(strace_file_calls)
{
	reset();
	X3(SYS_lseek, 3, 0, SEEK_SET, 0, "lseek(3, 0, SEEK_SET) = 0");
	X3(SYS_lseek, 99, (uint64_t)-5, SEEK_END, -EBADF,
	   "lseek(99, -5, SEEK_END) = -1 EBADF (Bad file descriptor)");
	X3(SYS_lseek, 17, 34, 0x33, -ENOSYS,
	   "lseek(17, 34, 0x33 /* SEEK_??? */) = -1 ENOSYS (Function not implemented)");
	uint64_t p = ustr(0, "/nope");
	X3(SYS_access, p, F_OK, 0, 0, "access(\"/nope\", F_OK) = 0");
	X3(SYS_access, p, 15, 0, -EINVAL,
	   "access(\"/nope\", R_OK|W_OK|X_OK|0x8) = -1 EINVAL (Invalid argument)");
	X4(SYS_faccessat2, (uint64_t)AT_FDCWD, p, R_OK, AT_EACCESS, 0,
	   "faccessat2(AT_FDCWD, \"/nope\", R_OK, AT_EACCESS) = 0");
	X3(SYS_faccessat, (uint64_t)AT_FDCWD, p, W_OK | X_OK, 0, "faccessat(AT_FDCWD, \"/nope\", W_OK|X_OK) = 0");
	X3(SYS_fcntl, 1, F_GETFD, 0, 1, "fcntl(1, F_GETFD) = 0x1 (flags FD_CLOEXEC)");
	X3(SYS_fcntl, 1, F_GETFD, 0, 0, "fcntl(1, F_GETFD) = 0");
	X3(SYS_fcntl, 1, F_GETFL, 0, 0x8001, "fcntl(1, F_GETFL) = 0x8001 (flags O_WRONLY|O_LARGEFILE)");
	X3(SYS_fcntl, 3, F_SETFD, FD_CLOEXEC, 0, "fcntl(3, F_SETFD, FD_CLOEXEC) = 0");
	X3(SYS_fcntl, 3, F_SETFL, O_RDWR | O_NONBLOCK, 0, "fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0");
	X3(SYS_fcntl, 3, F_DUPFD_CLOEXEC, 3, 4, "fcntl(3, F_DUPFD_CLOEXEC, 3) = 4");
	X3(SYS_fcntl, 99, 9999, 3, -EBADF,
	   "fcntl(99, 0x270f /* F_??? */, 0x3) = -1 EBADF (Bad file descriptor)");
	X3(SYS_ioctl, 1, TCGETS, 0x7ffd0000, -ENOTTY,
	   "ioctl(1, TCGETS, 0x7ffd0000) = -1 ENOTTY (Inappropriate ioctl for device)");
	X3(SYS_ioctl, 99, 0x1234, 5, -EBADF,
	   "ioctl(99, _IOC(_IOC_NONE, 0x12, 0x34, 0), 0x5) = -1 EBADF (Bad file descriptor)");
	X3(SYS_ioctl, 17, 0x22, 0x33, -ENOSYS,
	   "ioctl(17, _IOC(_IOC_NONE, 0, 0x22, 0), 0x33) = -1 ENOSYS (Function not implemented)");
	X3(SYS_ioctl, 99, FIOCLEX, 0, -EBADF, "ioctl(99, FIOCLEX) = -1 EBADF (Bad file descriptor)");
	int32_t one = 1;
	p = uput(64, &one, 4);
	X3(SYS_ioctl, 3, FIONBIO, p, 0, "ioctl(3, FIONBIO, [1]) = 0");
	X3(SYS_ioctl, 3, FIONREAD, p, 0, "ioctl(3, FIONREAD, [1]) = 0");
	struct abi_winsize ws = { 24, 80, 0, 0 };
	p = uput(128, &ws, sizeof(ws));
	X3(SYS_ioctl, 1, TIOCGWINSZ, p, 0,
	   "ioctl(1, TIOCGWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}) = 0");
	X3(SYS_ioctl, 1, TCSETS, p, -ENOTTY,
	   "ioctl(1, SNDCTL_TMR_START or TCSETS, 0x10080) = -1 ENOTTY (Inappropriate ioctl for device)");
	X3(SYS_umask, 022, 0, 0, 0, "umask(022) = 000");
	X3(SYS_umask, 0777, 0, 0, 022, "umask(0777) = 022");
	p = ustr(256, "/tmp/stx");
	X3(SYS_getcwd, p, 100, 0, 9, "getcwd(\"/tmp/stx\", 100) = 9");
	X3(SYS_getcwd, p, 1, 0, -ERANGE, "getcwd(0x10100, 1) = -1 ERANGE (Numerical result out of range)");
	uint64_t path = ustr(512, "/proc/self/exe");
	p = uput(600, "/tmp/stx/e2", 11);
	X3(SYS_readlink, path, p, 100, 11, "readlink(\"/proc/self/exe\", \"/tmp/stx/e2\", 100) = 11");
	X4(SYS_readlinkat, (uint64_t)AT_FDCWD, path, p, 4, 4,
	   "readlinkat(AT_FDCWD, \"/proc/self/exe\", \"/tmp\", 4) = 4");
	X3(SYS_getdents64, 99, 0x7000, 4096, -EBADF,
	   "getdents64(99, 0x7000, 4096) = -1 EBADF (Bad file descriptor)");
}

UNIT_TEST(strace_stat_structs)
{
	reset();
	struct abi_stat st = { .st_mode = S_IFREG | 0644, .st_size = 1221 };
	uint64_t sp = uput(0, &st, sizeof(st));
	X3(SYS_fstat, 3, sp, 0, 0, "fstat(3, {st_mode=S_IFREG|0644, st_size=1221, ...}) = 0");
	X3(SYS_fstat, 99, sp, 0, -EBADF, "fstat(99, 0x10000) = -1 EBADF (Bad file descriptor)");
	struct abi_stat dev = { .st_mode = S_IFCHR | 0666, .st_rdev = 0x103 };
	uint64_t dp = uput(256, &dev, sizeof(dev));
	uint64_t p = ustr(512, "/dev/null");
	X4(SYS_newfstatat, (uint64_t)AT_FDCWD, p, dp, 0, 0,
	   "newfstatat(AT_FDCWD, \"/dev/null\", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), "
	   "...}, 0) = 0");
	struct abi_stat tmp = { .st_mode = S_IFDIR | S_ISVTX | 0777, .st_size = 4096 };
	uint64_t tp = uput(768, &tmp, sizeof(tmp));
	X3(SYS_stat, p, tp, 0, 0, "stat(\"/dev/null\", {st_mode=S_IFDIR|S_ISVTX|0777, st_size=4096, ...}) = 0");
	uint64_t empty = ustr(1024, "");
	X4(SYS_newfstatat, 3, empty, sp, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | 0x10000, 0,
	   "newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=1221, ...}, "
	   "AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT|AT_EMPTY_PATH|0x10000) = 0");
	X4(SYS_newfstatat, 17, 0x22, 0x33, 0x44, -ENOSYS,
	   "newfstatat(17, 0x22, 0x33, 0x44 /* AT_??? */) = -1 ENOSYS (Function not implemented)");
	struct abi_statx sx = { .stx_mask = STATX_BASIC_STATS | STATX_MNT_ID,
				.stx_mode = S_IFDIR | 0755, .stx_size = 4096 };
	uint64_t xp = uput(2048, &sx, sizeof(sx));
	p = ustr(1100, "/etc");
	X6(SYS_statx, (uint64_t)AT_FDCWD, p, 0, STATX_BASIC_STATS, xp, 0, 0,
	   "statx(AT_FDCWD, \"/etc\", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, "
	   "{stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFDIR|0755, "
	   "stx_size=4096, ...}) = 0");
	X6(SYS_statx, 3, empty, AT_EMPTY_PATH | AT_STATX_DONT_SYNC, STATX_TYPE | STATX_SIZE, xp, 0, 0,
	   "statx(3, \"\", AT_STATX_DONT_SYNC|AT_EMPTY_PATH, STATX_TYPE|STATX_SIZE, "
	   "{stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFDIR|0755, "
	   "stx_size=4096, ...}) = 0");
	X6(SYS_statx, (uint64_t)AT_FDCWD, p, AT_STATX_SYNC_TYPE, 0xffffffff, xp, 0, -EINVAL,
	   "statx(AT_FDCWD, \"/etc\", AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC, "
	   "STATX_ALL|STATX_MNT_ID|STATX_DIOALIGN|0xffffc000, 0x10800) = -1 EINVAL (Invalid argument)");
	X6(SYS_statx, 17, 0x22, 0x33, 0x44, 0x55, 0, -ENOSYS,
	   "statx(17, 0x22, AT_STATX_SYNC_AS_STAT|0x33, STATX_NLINK|STATX_MTIME, 0x55) = -1 ENOSYS "
	   "(Function not implemented)");
}

UNIT_TEST(strace_iovecs)
{
	reset();
	uint64_t h = ustr(0, "hello"), nl = ustr(16, "\n");
	struct abi_iovec wv[2] = { { h, 5 }, { nl, 1 } };
	uint64_t v = uput(64, wv, sizeof(wv));
	X3(SYS_writev, 1, v, 2, 6,
	   "writev(1, [{iov_base=\"hello\", iov_len=5}, {iov_base=\"\\n\", iov_len=1}], 2) = 6");
	X3(SYS_writev, 1, 0x10, 2, -EFAULT, "writev(1, 0x10, 2) = -1 EFAULT (Bad address)");
	/* readv: the data spread over the buffers as far as the call got. */
	uint64_t b1 = ustr(128, "vm\n"), b2 = UBASE + 192;
	struct abi_iovec rv[3] = { { b1, 5 }, { b2, 40 }, { 0, 0 } };
	v = uput(256, rv, sizeof(rv));
	X3(SYS_readv, 3, v, 3, 3,
	   "readv(3, [{iov_base=\"vm\\n\", iov_len=5}, {iov_base=\"\", iov_len=40}, "
	   "{iov_base=NULL, iov_len=0}], 3) = 3");
	X3(SYS_readv, 99, v, 2, -EBADF,
	   "readv(99, [{iov_base=0x10080, iov_len=5}, {iov_base=0x100c0, iov_len=40}], 2) = -1 EBADF "
	   "(Bad file descriptor)");
	/* More than IOV_SHOWN: the rest is "...". */
	struct abi_iovec many[10];
	for (int i = 0; i < 10; i++)
		many[i] = (struct abi_iovec){ nl, 1 };
	v = uput(512, many, sizeof(many));
	char buf[1024];
	struct strace_call c = { SYS_writev, { 1, v, 10 }, 10 };
	strace_format(buf, sizeof(buf), &c, fake_copy);
	CHECK(strstr(buf, "iov_len=1}, ...], 10) = 10") != 0);
}

UNIT_TEST(strace_signals)
{
	reset();
	X3(SYS_kill, 999999, SIGTERM, 0, -ESRCH, "kill(999999, SIGTERM) = -1 ESRCH (No such process)");
	X3(SYS_kill, 1, 0, 0, 0, "kill(1, 0) = 0");
	X3(SYS_kill, 1, 34, 0, 0, "kill(1, SIGRT_2) = 0");
	X3(SYS_kill, 1, 32, 0, 0, "kill(1, SIGRTMIN) = 0");
	X3(SYS_kill, 1, 64, 0, 0, "kill(1, SIGRT_32) = 0");
	X3(SYS_kill, 1, 65, 0, 0, "kill(1, 65) = 0");
	X3(SYS_tgkill, 1, 2, SIGABRT, 0, "tgkill(1, 2, SIGABRT) = 0");
	X3(SYS_tkill, 2, SIGKILL, 0, 0, "tkill(2, SIGKILL) = 0");
	struct abi_sigaction act = { 0x1234, SA_RESTORER | SA_RESTART | SA_SIGINFO, 0x5678,
				     (1ULL << (SIGINT - 1)) | (1ULL << (SIGTERM - 1)) };
	struct abi_sigaction old = { SIG_DFL, 0, 0, 0 };
	uint64_t ap = uput(0, &act, sizeof(act)), op = uput(64, &old, sizeof(old));
	X4(SYS_rt_sigaction, SIGINT, ap, op, 8, 0,
	   "rt_sigaction(SIGINT, {sa_handler=0x1234, sa_mask=[INT TERM], "
	   "sa_flags=SA_RESTORER|SA_RESTART|SA_SIGINFO, sa_restorer=0x5678}, "
	   "{sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0");
	struct abi_sigaction ign = { SIG_IGN, 0, 0, ~0ULL };
	ap = uput(128, &ign, sizeof(ign));
	X4(SYS_rt_sigaction, SIGUSR1, ap, 0, 8, 0,
	   "rt_sigaction(SIGUSR1, {sa_handler=SIG_IGN, sa_mask=~[], sa_flags=0}, NULL, 8) = 0");
	X4(SYS_rt_sigaction, SIGUSR1, 0x10, 0, 8, -EFAULT,
	   "rt_sigaction(SIGUSR1, 0x10, NULL, 8) = -1 EFAULT (Bad address)");
	/* Masks: the signals in it, or ~ and those missing from 42 on. */
	uint64_t m = ~0ULL & ~(3ULL << 31), empty = 0, m41 = ~0ULL << 23, m42 = ~0ULL << 22;
	uint64_t mp = uput(256, &m, 8), ep = uput(264, &empty, 8);
	uint64_t p41 = uput(272, &m41, 8), p42 = uput(280, &m42, 8);
	X4(SYS_rt_sigprocmask, SIG_BLOCK, mp, ep, 8, 0,
	   "rt_sigprocmask(SIG_BLOCK, ~[RTMIN RT_1], [], 8) = 0");
	X4(SYS_rt_sigprocmask, SIG_SETMASK, ep, 0, 8, 0, "rt_sigprocmask(SIG_SETMASK, [], NULL, 8) = 0");
	X4(SYS_rt_sigprocmask, 7, 0, ep, 8, 0,
	   "rt_sigprocmask(0x7 /* SIG_??? */, NULL, [], 8) = 0");
	X4(SYS_rt_sigprocmask, SIG_SETMASK, mp, 0, 16, -EINVAL,
	   "rt_sigprocmask(SIG_SETMASK, 0x10100, NULL, 16) = -1 EINVAL (Invalid argument)");
	X4(SYS_rt_sigprocmask, SIG_BLOCK, p41, 0, 8, 0,
	   "rt_sigprocmask(SIG_BLOCK, [XCPU XFSZ VTALRM PROF WINCH IO PWR SYS RTMIN RT_1 RT_2 RT_3 "
	   "RT_4 RT_5 RT_6 RT_7 RT_8 RT_9 RT_10 RT_11 RT_12 RT_13 RT_14 RT_15 RT_16 RT_17 RT_18 "
	   "RT_19 RT_20 RT_21 RT_22 RT_23 RT_24 RT_25 RT_26 RT_27 RT_28 RT_29 RT_30 RT_31 RT_32], "
	   "NULL, 8) = 0");
	X4(SYS_rt_sigprocmask, SIG_BLOCK, p42, 0, 8, 0,
	   "rt_sigprocmask(SIG_BLOCK, ~[HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE "
	   "ALRM TERM STKFLT CHLD CONT STOP TSTP TTIN TTOU], NULL, 8) = 0");
	X3(SYS_rt_sigpending, ep, 8, 0, 0, "rt_sigpending([], 8) = 0");
	X3(SYS_rt_sigsuspend, ep, 8, 0, -EINTR,
	   "rt_sigsuspend([], 8) = -1 EINTR (Interrupted system call)");
	struct abi_sigaltstack ss = { 0x1000, 0, 8192 }, oss = { 0, SS_DISABLE, 0 };
	uint64_t s1 = uput(512, &ss, sizeof(ss)), s2 = uput(576, &oss, sizeof(oss));
	X3(SYS_sigaltstack, s1, s2, 0, 0,
	   "sigaltstack({ss_sp=0x1000, ss_flags=0, ss_size=8192}, "
	   "{ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0");
	X3(SYS_rt_sigreturn, 0, 0, 0, 0, "rt_sigreturn() = 0");
	X3(SYS_pause, 0, 0, 0, -EINTR, "pause() = -1 EINTR (Interrupted system call)");
}

UNIT_TEST(strace_time_calls)
{
	reset();
	struct abi_timespec ts = { 0, 1000 };
	uint64_t tp = uput(0, &ts, sizeof(ts));
	X3(SYS_nanosleep, tp, 0, 0, 0, "nanosleep({tv_sec=0, tv_nsec=1000}, NULL) = 0");
	X3(SYS_nanosleep, 0x10, 0, 0, -EFAULT, "nanosleep(0x10, NULL) = -1 EFAULT (Bad address)");
	X3(SYS_clock_gettime, CLOCK_MONOTONIC, tp, 0, 0,
	   "clock_gettime(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=1000}) = 0");
	X3(SYS_clock_gettime, 99, tp, 0, -EINVAL,
	   "clock_gettime(0x63 /* CLOCK_??? */, 0x10000) = -1 EINVAL (Invalid argument)");
	X3(SYS_clock_getres, CLOCK_TAI, 0, 0, 0, "clock_getres(CLOCK_TAI, NULL) = 0");
	X4(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, tp, 0x7000, 0,
	   "clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=1000}, 0x7000) = 0");
	X4(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME | 4, tp, 0, 0,
	   "clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME|0x4, {tv_sec=0, tv_nsec=1000}, NULL) = 0");
	X4(SYS_clock_nanosleep, 0x11, 0x22, 0x33, 0x44, -ENOSYS,
	   "clock_nanosleep(0x11 /* CLOCK_??? */, 0x22 /* TIMER_??? */, 0x33, 0x44) = -1 ENOSYS "
	   "(Function not implemented)");
	struct abi_timeval tv = { 1796051062, 730569 };
	uint64_t vp = uput(64, &tv, sizeof(tv));
	X3(SYS_gettimeofday, vp, 0, 0, 0, "gettimeofday({tv_sec=1796051062, tv_usec=730569}, NULL) = 0");
	X3(SYS_time, 0, 0, 0, 1796051062, "time(NULL) = 1796051062 (2026-11-30T15:04:22+0000)");
	int64_t t = 1796051062;
	uint64_t ttp = uput(128, &t, 8);
	X3(SYS_time, ttp, 0, 0, 1796051062,
	   "time([1796051062 /* 2026-11-30T15:04:22+0000 */]) = 1796051062 (2026-11-30T15:04:22+0000)");
	X3(SYS_time, 0, 0, 0, 951782400, "time(NULL) = 951782400 (2000-02-29T00:00:00+0000)");
	X3(SYS_time, 0, 0, 0, 0, "time(NULL) = 0 (1970-01-01T00:00:00+0000)");
	X3(SYS_alarm, 5, 0, 0, 0, "alarm(5) = 0");
	struct abi_timeval it[2] = { { 0, 0 }, { 1, 0 } };
	uint64_t ip = uput(256, it, sizeof(it));
	X3(SYS_setitimer, ITIMER_REAL, ip, 0, 0,
	   "setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=1, tv_usec=0}}, "
	   "NULL) = 0");
	X3(SYS_getitimer, 5, ip, 0, -EINVAL,
	   "getitimer(0x5 /* ITIMER_??? */, 0x10100) = -1 EINVAL (Invalid argument)");
}

UNIT_TEST(strace_process_calls)
{
	reset();
	X3(SYS_exit_group, 3, 0, 0, 0, "exit_group(3) = ?");
	X3(SYS_getpid, 0, 0, 0, 7, "getpid() = 7");
	uint64_t fs = 0x7f7dec026740;
	uint64_t fp = uput(0, &fs, 8);
	X3(SYS_arch_prctl, ARCH_GET_FS, fp, 0, 0, "arch_prctl(ARCH_GET_FS, [0x7f7dec026740]) = 0");
	X3(SYS_arch_prctl, ARCH_SET_FS, fs, 0, 0, "arch_prctl(ARCH_SET_FS, 0x7f7dec026740) = 0");
	X3(SYS_arch_prctl, ARCH_SET_GS, 0, 0, 0, "arch_prctl(ARCH_SET_GS, 0) = 0");
	X3(SYS_arch_prctl, ARCH_GET_CPUID, 0, 0, 1, "arch_prctl(ARCH_GET_CPUID) = 1");
	X3(SYS_arch_prctl, 0x3001, 0x7ffc0000, 0, -EINVAL,
	   "arch_prctl(0x3001 /* ARCH_??? */, 0x7ffc0000) = -1 EINVAL (Invalid argument)");
	X3(SYS_futex, 0x7000, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, 0, "futex(0x7000, FUTEX_WAKE_PRIVATE, 1) = 0");
	X4(SYS_futex, 0x7000, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 1, 0, -EAGAIN,
	   "futex(0x7000, FUTEX_WAIT_PRIVATE, 1, NULL) = -1 EAGAIN (Resource temporarily unavailable)");
	X6(SYS_futex, 0x7000, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME, 1, 0, 0,
	   FUTEX_BITSET_MATCH_ANY, 0,
	   "futex(0x7000, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 1, NULL, "
	   "FUTEX_BITSET_MATCH_ANY) = 0");
	X6(SYS_futex, 0x7000, FUTEX_WAKE_BITSET, 1, 0, 0, 5, 0, "futex(0x7000, FUTEX_WAKE_BITSET, 1, 0x5) = 0");
	X6(SYS_futex, 0x7000, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 1, 2, 0x7000, 7, 0,
	   "futex(0x7000, FUTEX_CMP_REQUEUE_PRIVATE, 1, 2, 0x7000, 7) = 0");
	X6(SYS_futex, 0x7000, FUTEX_REQUEUE | FUTEX_PRIVATE_FLAG, 1, 2, 0x7000, 0, 0,
	   "futex(0x7000, FUTEX_REQUEUE_PRIVATE, 1, 2, 0x7000) = 0");
	X6(SYS_futex, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, -ENOSYS,
	   "futex(0x11, 0x22 /* FUTEX_??? */, 51, 0x44, 0x55, 0x66) = -1 ENOSYS (Function not implemented)");
	struct abi_rlimit rl = { 8192 * 1024, RLIM_INFINITY };
	uint64_t rp = uput(64, &rl, sizeof(rl));
	X4(SYS_prlimit64, 0, RLIMIT_STACK, 0, rp, 0,
	   "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0");
	X3(SYS_getrlimit, 0x63, rp, 0, -EINVAL,
	   "getrlimit(0x63 /* RLIMIT_??? */, 0x10040) = -1 EINVAL (Invalid argument)");
	struct abi_rlimit nf = { 20000, 20000 };
	rp = uput(96, &nf, sizeof(nf));
	X3(SYS_setrlimit, RLIMIT_NOFILE, rp, 0, 0, "setrlimit(RLIMIT_NOFILE, {rlim_cur=20000, rlim_max=20000}) = 0");
	uint64_t name = ustr(128, "hello");
	X3(SYS_prctl, PR_SET_NAME, name, 0, 0, "prctl(PR_SET_NAME, \"hello\") = 0");
	X3(SYS_prctl, PR_GET_NAME, name, 0, 0, "prctl(PR_GET_NAME, \"hello\") = 0");
	uint64_t longname = ustr(192, "0123456789012345678901234567890123456789");
	X3(SYS_prctl, PR_SET_NAME, longname, 0, 0, "prctl(PR_SET_NAME, \"012345678901234\"...) = 0");
	X3(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0, "prctl(PR_SET_PDEATHSIG, SIGKILL) = 0");
	X3(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 1, "prctl(PR_GET_DUMPABLE) = 1 (SUID_DUMP_USER)");
	X6(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0, 0, "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0");
	X6(SYS_prctl, 9999, 1, 2, 3, 4, 0, -EINVAL,
	   "prctl(0x270f /* PR_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EINVAL (Invalid argument)");
	uint64_t rnd = uput(256, "\xa4\x49\x5d\xc0\x1f\x6e\xda\x03", 8);
	X3(SYS_getrandom, rnd, 8, GRND_NONBLOCK, 8,
	   "getrandom(\"\\xa4\\x49\\x5d\\xc0\\x1f\\x6e\\xda\\x03\", 8, GRND_NONBLOCK) = 8");
	X3(SYS_getrandom, rnd, 4, 8, -EINVAL,
	   "getrandom(0x10100, 4, 0x8 /* GRND_??? */) = -1 EINVAL (Invalid argument)");
	X4(SYS_rseq, 0x1000, 32, 0, 0x53053053, -EINVAL,
	   "rseq(0x1000, 0x20, 0, 0x53053053) = -1 EINVAL (Invalid argument)");
	X3(SYS_set_robust_list, 0x1000, 24, 0, 0, "set_robust_list(0x1000, 24) = 0");
	X3(SYS_set_tid_address, 0x1000, 0, 0, 5, "set_tid_address(0x1000) = 5");
	uint64_t cpus = 3;
	uint64_t cp = uput(320, &cpus, 8);
	X3(SYS_sched_getaffinity, 0, 128, cp, 8, "sched_getaffinity(0, 128, [0 1]) = 8");
	uint32_t gids[2] = { 0, 27 };
	uint64_t gp = uput(384, gids, sizeof(gids));
	X3(SYS_getgroups, 8, gp, 0, 2, "getgroups(8, [0, 27]) = 2");
	X3(SYS_getgroups, 0, 0, 0, 2, "getgroups(0, NULL) = 2");
	X3(SYS_getgroups, 17, 0x22, 0, -ENOSYS, "getgroups(17, 0x22) = -1 ENOSYS (Function not implemented)");
}

UNIT_TEST(strace_clone_exec_wait)
{
	reset();
	X6(SYS_clone, CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD, 0, 0, 0x7ffd0000, 0, 0, 1234,
	   "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
	   "child_tidptr=0x7ffd0000) = 1234");
	X6(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0, -ENOSYS,
	   "clone(child_stack=NULL, flags=SIGCHLD) = -1 ENOSYS (Function not implemented)");
	X6(SYS_clone, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
	   CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | 0x7f, 16, 32, 48, 64, 0, 5,
	   "clone(child_stack=0x10, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|"
	   "CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID|127, parent_tid=0x20, "
	   "tls=0x40, child_tidptr=0x30) = 5");
	X3(SYS_fork, 0, 0, 0, 9, "fork() = 9");
	uint64_t a = ustr(0, "a"), b = ustr(8, "b c"), x = ustr(16, "X=1"), y = ustr(24, "Y=2");
	uint64_t argv[3] = { a, b, 0 }, envp[3] = { x, y, 0 };
	uint64_t ap = uput(64, argv, sizeof(argv)), ep = uput(128, envp, sizeof(envp));
	uint64_t path = ustr(192, "/nope");
	X3(SYS_execve, path, ap, ep, -EACCES,
	   "execve(\"/nope\", [\"a\", \"b c\"], 0x10080 /* 2 vars */) = -1 EACCES (Permission denied)");
	X3(SYS_execve, path, 0, 0, -EACCES, "execve(\"/nope\", NULL, NULL) = -1 EACCES (Permission denied)");
	uint64_t many[40];
	for (int i = 0; i < 39; i++)
		many[i] = a;
	many[39] = 0;
	ap = uput(1024, many, sizeof(many));
	char buf[1024];
	struct strace_call c = { SYS_execve, { path, ap, 0 }, -EACCES };
	strace_format(buf, sizeof(buf), &c, fake_copy);
	CHECK(strstr(buf, ", \"a\", ...], NULL) = -1 EACCES") != 0);
	uint32_t st = 7 << 8;
	uint64_t sp = uput(256, &st, 4);
	X4(SYS_wait4, 11969, sp, 0, 0, 11969,
	   "wait4(11969, [{WIFEXITED(s) && WEXITSTATUS(s) == 7}], 0, NULL) = 11969");
	st = SIGKILL;
	sp = uput(260, &st, 4);
	X4(SYS_wait4, (uint64_t)-1, sp, WALL, 0, 11970,
	   "wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], __WALL, NULL) = 11970");
	X4(SYS_wait4, (uint64_t)-1, sp, WNOHANG, 0, -ECHILD,
	   "wait4(-1, 0x10104, WNOHANG, NULL) = -1 ECHILD (No child processes)");
	X4(SYS_wait4, 17, 0x22, 0x33, 0x44, -ENOSYS,
	   "wait4(17, 0x22, WNOHANG|WSTOPPED|0x30, 0x44) = -1 ENOSYS (Function not implemented)");
}

UNIT_TEST(strace_kernel_structs)
{
	reset();
	struct utsname u;
	memset(&u, 0, sizeof(u));
	strcpy(u.sysname, "Linux");
	strcpy(u.nodename, "uefi");
	uint64_t up = uput(0, &u, sizeof(u));
	X3(SYS_uname, up, 0, 0, 0, "uname({sysname=\"Linux\", nodename=\"uefi\", ...}) = 0");
	X3(SYS_uname, 0x11, 0, 0, -EFAULT, "uname(0x11) = -1 EFAULT (Bad address)");
	struct abi_sysinfo si = { .uptime = 12842, .loads = { 9888, 26592, 43520 },
				  .totalram = 25276059648ULL, .procs = 90, .mem_unit = 1 };
	uint64_t sp = uput(512, &si, sizeof(si));
	X3(SYS_sysinfo, sp, 0, 0, 0,
	   "sysinfo({uptime=12842, loads=[9888, 26592, 43520], totalram=25276059648, freeram=0, "
	   "sharedram=0, bufferram=0, totalswap=0, freeswap=0, procs=90, totalhigh=0, freehigh=0, "
	   "mem_unit=1}) = 0");
	/* Two records of 24 bytes: "2 entries". */
	uint8_t dents[48] = { 0 };
	dents[16] = 24;
	dents[24 + 16] = 24;
	uint64_t dp = uput(1024, dents, sizeof(dents));
	X3(SYS_getdents64, 3, dp, 4096, 48, "getdents64(3, 0x10400 /* 2 entries */, 4096) = 48");
	X3(SYS_getdents64, 3, dp, 4096, 0, "getdents64(3, 0x10400 /* 0 entries */, 4096) = 0");
	dents[16] = 0; /* a broken record ends the count */
	dp = uput(1024, dents, sizeof(dents));
	X3(SYS_getdents64, 3, dp, 4096, 48, "getdents64(3, 0x10400 /* 0 entries */, 4096) = 48");
}

UNIT_TEST(strace_unknown_calls)
{
	reset();
	X6(1000, 1, 2, 3, 4, 5, 6, -ENOSYS,
	   "syscall_0x3e8(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 ENOSYS (Function not implemented)");
	X6(335, 1, 2, 3, 4, 5, 6, -ENOSYS,
	   "syscall_0x14f(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 ENOSYS (Function not implemented)");
	X6(UINT64_MAX, 0, 0, 0, 0, 0, 0, -ENOSYS,
	   "syscall_0xffffffffffffffff(0, 0, 0, 0, 0, 0) = -1 ENOSYS (Function not implemented)");
	/* A Linux call not decoded: its name, its own count of hex arguments. */
	X3(SYS_socket, 2, 1, 0, -ENOSYS, "socket(0x2, 0x1, 0) = -1 ENOSYS (Function not implemented)");
	X3(SYS_sync, 0, 0, 0, 0, "sync() = 0");
	X3(SYS_ring3_kinfo, 0x7ffd0000, 0, 0, 0, "ring3_kinfo(0x7ffd0000) = 0");
	X3(SYS_ring3_selftest, 1, 2, 0, 0, "ring3_selftest(0x1, 0x2) = 0");
}

static int format_call(char *buf, size_t size, const void *c)
{
	return strace_format(buf, size, c, fake_copy);
}

static void check_truncation(const struct strace_call *c, int line)
{
	unit_check_truncation(format_call, c, __FILE__, line);
}

UNIT_TEST(strace_truncation)
{
	reset();
	uint64_t p = ustr(0, "/etc/passwd\033\n");
	struct strace_call open_call = { SYS_openat, { (uint64_t)AT_FDCWD, p, O_RDONLY | O_CLOEXEC }, -ENOENT };
	check_truncation(&open_call, __LINE__);
	uint64_t d = ustr(64, "0123456789\1" "23456789012345678901234567890123456789");
	struct strace_call write_call = { SYS_write, { 1, d, 50 }, 50 };
	check_truncation(&write_call, __LINE__);
	struct abi_sigaction act = { 0x1234, SA_RESTORER, 0x5678, ~0ULL >> 3 };
	uint64_t ap = uput(256, &act, sizeof(act));
	struct strace_call sa_call = { SYS_rt_sigaction, { SIGINT, ap, 0, 8 }, 0 };
	check_truncation(&sa_call, __LINE__);
	struct strace_call unknown = { 1000, { 1, 2, 3, 4, 5, 6 }, -ENOSYS };
	check_truncation(&unknown, __LINE__);
}
