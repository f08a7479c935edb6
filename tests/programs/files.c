/*
 * files DIR FILE: the file-system calls a static program makes.
 *   (a) DIR listed recursively with opendir/readdir (getdents64), names
 *       sorted, "." and ".." included; each entry's type from fstatat on
 *       the directory's fd, cross-checked with lstat and stat on the
 *       path and with d_type; regular files read through openat and
 *       printed with size and checksum.
 *   (b) FILE through open, fstat, read in chunks, lseek (SET, CUR, END,
 *       past the end), pread (which must not move the offset), dup,
 *       dup2, fcntl (F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL).
 *   (c) errors, printed by errno name since the libcs' strerror texts
 *       differ: ENOENT, ENOTDIR, EISDIR, EBADF, EINVAL.
 *   (d) access, getcwd, chdir(DIR), then FILE opened by its name
 *       relative to DIR when it lies under DIR.
 *   (e) calls around files whose errors are easy to get wrong: lseek
 *       and pread on /dev/tty (ESPIPE), mmap of FILE with
 *       MAP_SHARED_VALIDATE (accepted; unknown flags EOPNOTSUPP), and
 *       the futex operations that touch a second word (WAKE_OP's
 *       operation on it, CMP_REQUEUE's compare), with one thread.
 * Neither DIR's nor FILE's path, nor fd numbers, nor directory sizes or
 * inode numbers are printed, so for the same tree stdout and the exit
 * status (0; 4 if an expectation failed) must match the host run.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* musl's headers have no linux/futex.h: Linux's values (its uapi). */
#define FX_WAKE        1
#define FX_CMP_REQUEUE 4
#define FX_WAKE_OP     5
#define FX_WAIT_BITSET 9
#define FX_WAKE_BITSET 10
#define FX_CLOCK_RT    256
#define FX_PRIVATE     128
enum { FX_SET, FX_ADD, FX_OR, FX_ANDN, FX_XOR, FX_SHIFT = 8 };      /* WAKE_OP's operations */
enum { FX_EQ, FX_NE, FX_LT, FX_LE, FX_GT, FX_GE };                 /* and comparisons */
#define FX_OP(op, oparg, cmp, cmparg)                                                  \
	(((uint32_t)(op) & 0xf) << 28 | ((uint32_t)(cmp) & 0xf) << 24 |                \
	 ((uint32_t)(oparg) & 0xfff) << 12 | ((uint32_t)(cmparg) & 0xfff))

#define MAX_NAMES 512
#define MAX_DEPTH 4

static int failures;
static unsigned char buf[1000];

static const char *errname(int e)
{
	static char other[32];

	switch (e) {
	case 0: return "OK";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EIO: return "EIO";
	case EBADF: return "EBADF";
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case EXDEV: return "EXDEV";
	case ENOTDIR: return "ENOTDIR";
	case EISDIR: return "EISDIR";
	case EINVAL: return "EINVAL";
	case EMFILE: return "EMFILE";
	case ENFILE: return "ENFILE";
	case ENOSPC: return "ENOSPC";
	case ESPIPE: return "ESPIPE";
	case EROFS: return "EROFS";
	case ERANGE: return "ERANGE";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case ENOSYS: return "ENOSYS";
	case ENOTEMPTY: return "ENOTEMPTY";
	case ELOOP: return "ELOOP";
	case EOVERFLOW: return "EOVERFLOW";
	case ENOTTY: return "ENOTTY";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENXIO: return "ENXIO";
	}
	snprintf(other, sizeof(other), "errno %d", e);
	return other;
}

static void expect(const char *what, int cond)
{
	if (cond)
		return;
	fprintf(stderr, "files: expectation failed: %s\n", what);
	printf("FAILED: %s\n", what);
	failures++;
}

/* A call that must fail: print its errno's name, then check it. */
static void expect_err(const char *what, long r, int want)
{
	int e = r < 0 ? errno : 0;

	printf("%s: %s\n", what, r < 0 ? errname(e) : "succeeded");
	if (r >= 0 || e != want) {
		fprintf(stderr, "files: %s: got %s, want %s\n", what, r < 0 ? errname(e) : "success",
			errname(want));
		failures++;
	}
}

static void die(const char *what)
{
	int e = errno;

	fprintf(stderr, "files: %s: %s\n", what, errname(e));
	printf("FATAL: %s: %s\n", what, errname(e));
	exit(3);
}

static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n)
{
	while (n--) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

#define FNV_START 0xcbf29ce484222325ULL

static void hex(const char *label, const unsigned char *p, long n)
{
	long i;

	printf("%s %ld bytes:", label, n);
	for (i = 0; i < n; i++)
		printf(" %02x", p[i]);
	printf("\n");
}

struct entry {
	char *name;
	unsigned char d_type;
	int is_dir;
};

static int cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static const char *kind(mode_t m)
{
	return S_ISDIR(m) ? "dir" : S_ISREG(m) ? "file" : "other";
}

static unsigned char dtype_of(mode_t m)
{
	return S_ISDIR(m) ? DT_DIR : S_ISREG(m) ? DT_REG : S_ISLNK(m) ? DT_LNK : DT_UNKNOWN;
}

/* openat on the directory's fd, so lookups relative to a dirfd are covered too. */
static void print_file(int dfd, const char *name, const struct stat *st)
{
	uint64_t h = FNV_START;
	long total = 0;
	ssize_t n;
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		die(name);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		h = fnv(h, buf, n);
		total += n;
	}
	if (n < 0)
		die(name);
	close(fd);
	printf(" %lld bytes fnv %016llx\n", (long long)st->st_size, (unsigned long long)h);
	expect("read the whole file", total == st->st_size);
}

static void list(const char *path, const char *shown, int depth)
{
	static struct entry ents[MAX_DEPTH + 1][MAX_NAMES];
	struct entry *e = ents[depth];
	int n = 0, i;
	char full[1024], sub[1024];
	struct dirent *de;
	DIR *d = opendir(path);

	if (!d)
		die("opendir");
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		if (n == MAX_NAMES) {
			fprintf(stderr, "files: more than %d entries\n", MAX_NAMES);
			exit(3);
		}
		e[n].name = strdup(de->d_name);
		if (!e[n].name)
			die("strdup");
		e[n].d_type = de->d_type;
		n++;
	}
	if (errno)
		die("readdir");
	qsort(e, n, sizeof(e[0]), cmp);
	printf("dir %s: %d entries\n", shown, n);
	for (i = 0; i < n; i++) {
		struct stat at, l, s;

		snprintf(full, sizeof(full), "%s/%s", path, e[i].name);
		if (fstatat(dirfd(d), e[i].name, &at, AT_SYMLINK_NOFOLLOW) < 0)
			die("fstatat");
		if (lstat(full, &l) < 0)
			die("lstat");
		if (stat(full, &s) < 0)
			die("stat");
		printf("  %s %s", e[i].name, kind(at.st_mode));
		expect("fstatat and lstat agree on the type", (at.st_mode & S_IFMT) == (l.st_mode & S_IFMT));
		expect("fstatat and lstat agree on the size", at.st_size == l.st_size);
		/* No symlinks in the tree, so stat sees what lstat sees. */
		expect("stat and lstat agree", (s.st_mode & S_IFMT) == (l.st_mode & S_IFMT));
		expect("d_type is DT_UNKNOWN or matches stat",
		       e[i].d_type == DT_UNKNOWN || e[i].d_type == dtype_of(at.st_mode));
		e[i].is_dir = S_ISDIR(at.st_mode) && strcmp(e[i].name, ".") && strcmp(e[i].name, "..");
		if (S_ISREG(at.st_mode))
			print_file(dirfd(d), e[i].name, &at);
		else
			printf("\n");
	}
	closedir(d);
	/* Each directory's lines stay together: subdirectories come after. */
	for (i = 0; i < n; i++) {
		if (e[i].is_dir && depth < MAX_DEPTH) {
			snprintf(full, sizeof(full), "%s/%s", path, e[i].name);
			snprintf(sub, sizeof(sub), "%s/%s", shown, e[i].name);
			list(full, sub, depth + 1);
		}
		free(e[i].name);
	}
}

static void show_read(int fd, const char *label, size_t want)
{
	ssize_t n = read(fd, buf, want);

	if (n < 0)
		die(label);
	hex(label, buf, n);
}

static void show_seek(int fd, long off, int whence, const char *label)
{
	off_t r = lseek(fd, off, whence);

	/* Before the start is EINVAL, which a short FILE reaches. */
	if (r < 0)
		printf("%s -> %s\n", label, errname(errno));
	else
		printf("%s -> %lld\n", label, (long long)r);
}

static void file_io(const char *file)
{
	struct stat st, st2;
	uint64_t h = FNV_START;
	long long total = 0, size, offs[5];
	char label[64];
	ssize_t n;
	int fd, fd2, fd3, i;

	fd = open(file, O_RDONLY);
	if (fd < 0)
		die("open FILE");
	if (fstat(fd, &st) < 0)
		die("fstat FILE");
	if (stat(file, &st2) < 0)
		die("stat FILE");
	size = st.st_size;
	printf("FILE: %s, size %lld\n", kind(st.st_mode), size);
	expect("stat and fstat agree", st.st_size == st2.st_size && st.st_ino == st2.st_ino);

	/* 333 is odd on purpose: reads straddle every 4 KiB boundary. */
	while ((n = read(fd, buf, 333)) > 0) {
		h = fnv(h, buf, n);
		total += n;
	}
	if (n < 0)
		die("read FILE");
	printf("read all: %lld bytes fnv %016llx\n", total, (unsigned long long)h);
	expect("read returns the fstat size", total == size);
	n = read(fd, buf, 10);
	printf("read at EOF: %zd\n", n);

	show_seek(fd, 10, SEEK_SET, "lseek 10 SEEK_SET");
	show_read(fd, "read", 8);
	show_seek(fd, 5, SEEK_CUR, "lseek +5 SEEK_CUR");
	show_read(fd, "read", 8);
	show_seek(fd, 0, SEEK_CUR, "lseek 0 SEEK_CUR");
	show_seek(fd, -4, SEEK_END, "lseek -4 SEEK_END");
	show_read(fd, "read 8 near the end", 8);
	show_seek(fd, 0, SEEK_END, "lseek 0 SEEK_END");
	show_read(fd, "read at the end", 8);
	show_seek(fd, 100, SEEK_END, "lseek +100 SEEK_END");
	show_read(fd, "read past the end", 8);

	/* pread reads where told and leaves the file offset alone. */
	show_seek(fd, 3, SEEK_SET, "lseek 3 SEEK_SET");
	offs[0] = 0;
	offs[1] = 1;
	offs[2] = size / 2;
	offs[3] = size > 0 ? size - 1 : 0;
	offs[4] = size;
	for (i = 0; i < 5; i++) {
		n = pread(fd, buf, 12, offs[i]);
		if (n < 0)
			die("pread");
		snprintf(label, sizeof(label), "pread 12 at %lld:", offs[i]);
		hex(label, buf, n);
	}
	show_seek(fd, 0, SEEK_CUR, "offset after pread");
	expect("pread leaves the offset", lseek(fd, 0, SEEK_CUR) == 3);

	/* A dup shares the open file, hence the offset. */
	fd2 = dup(fd);
	printf("dup gives a new fd above 2: %s\n", fd2 > 2 && fd2 != fd ? "yes" : "no");
	lseek(fd, 0, SEEK_SET);
	show_read(fd2, "read 4 through the dup", 4);
	show_seek(fd, 0, SEEK_CUR, "offset of the original");
	printf("dup2 to 10: %s\n", dup2(fd, 10) == 10 ? "10" : "wrong");
	printf("dup2 onto itself: %s\n", dup2(fd, fd) == fd ? "same fd" : "wrong");
	printf("F_GETFD of the dup2: %d\n", fcntl(10, F_GETFD));
	fd3 = fcntl(fd, F_DUPFD_CLOEXEC, 20);
	printf("F_DUPFD_CLOEXEC from 20: %s\n", fd3 >= 20 ? ">= 20" : "wrong");
	printf("F_GETFD of it: %s\n", fcntl(fd3, F_GETFD) == FD_CLOEXEC ? "FD_CLOEXEC" : "wrong");
	printf("F_SETFD 0: %d\n", fcntl(fd3, F_SETFD, 0));
	printf("F_GETFD after it: %d\n", fcntl(fd3, F_GETFD));
	printf("F_GETFL access mode: %s\n",
	       (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY ? "O_RDONLY" : "wrong");
	expect_err("write to a read-only fd", write(fd, "x", 1), EBADF);
	printf("close 10: %d\n", close(10));
	expect_err("close 10 again", close(10), EBADF);
	close(fd3);
	close(fd2);
	close(fd);
	expect_err("fstat on a closed fd", fstat(fd, &st), EBADF);
	expect_err("lseek on a bad fd", lseek(fd, 0, SEEK_SET), EBADF);
	expect_err("read on a bad fd", read(-1, buf, 1), EBADF);
}

static void errors(const char *dir, const char *file)
{
	char path[1024];
	int fd;

	snprintf(path, sizeof(path), "%s/no-such-file", dir);
	expect_err("open a missing file", open(path, O_RDONLY), ENOENT);
	snprintf(path, sizeof(path), "%s/no-such-dir/x", dir);
	expect_err("open under a missing dir", open(path, O_RDONLY), ENOENT);
	snprintf(path, sizeof(path), "%s/x", file);
	expect_err("open FILE/x", open(path, O_RDONLY), ENOTDIR);
	expect_err("open FILE with O_DIRECTORY", open(file, O_RDONLY | O_DIRECTORY), ENOTDIR);
	expect_err("opendir FILE", opendir(file) ? 0 : -1, ENOTDIR);
	expect_err("open DIR for writing", open(dir, O_WRONLY), EISDIR);
	expect_err("stat a missing file", stat("no/such/thing", &(struct stat){0}), ENOENT);

	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		die("open DIR");
	expect_err("read on a directory fd", read(fd, buf, sizeof(buf)), EISDIR);
	close(fd);

	fd = open(file, O_RDONLY);
	if (fd < 0)
		die("open FILE");
	expect_err("lseek to a negative offset", lseek(fd, -1, SEEK_SET), EINVAL);
	expect_err("lseek with a bad whence", lseek(fd, 0, 99), EINVAL);
	close(fd);
}

static void paths(const char *dir, const char *file)
{
	char cwd[4096], path[1024];
	struct stat d, dot, a, b;
	size_t dl = strlen(dir);
	int fd;

	printf("access FILE R_OK: %s\n", access(file, R_OK) == 0 ? "OK" : errname(errno));
	expect_err("access a missing file", access("no-such-file", F_OK), ENOENT);
	if (!getcwd(cwd, sizeof(cwd)))
		die("getcwd");
	printf("getcwd is absolute: %s\n", cwd[0] == '/' ? "yes" : "no");
	expect_err("getcwd into 1 byte", getcwd(path, 1) ? 0 : -1, ERANGE);
	if (stat(dir, &d) < 0 || stat(file, &a) < 0)
		die("stat");
	if (chdir(dir) < 0)
		die("chdir");
	printf("chdir DIR: OK\n");
	if (!getcwd(cwd, sizeof(cwd)))
		die("getcwd after chdir");
	printf("getcwd after chdir is absolute: %s\n", cwd[0] == '/' ? "yes" : "no");
	if (stat(".", &dot) < 0)
		die("stat .");
	printf(". is DIR: %s\n", dot.st_ino == d.st_ino && dot.st_dev == d.st_dev ? "yes" : "no");
	expect_err("chdir to a missing dir", chdir("no-such-dir"), ENOENT);

	/* FILE again, by its name relative to DIR. */
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	if (strncmp(file, dir, dl) != 0 || file[dl] != '/') {
		printf("FILE is not under DIR: no relative open\n");
		return;
	}
	fd = open(file + dl + 1, O_RDONLY);
	if (fd < 0)
		die("open relative");
	if (fstat(fd, &b) < 0)
		die("fstat relative");
	printf("relative open: size %lld, same file: %s\n", (long long)b.st_size,
	       a.st_ino == b.st_ino && a.st_dev == b.st_dev ? "yes" : "no");
	show_read(fd, "read 16 through the relative fd", 16);
	close(fd);
	expect_err("chdir to FILE", chdir(file + dl + 1), ENOTDIR);
}

/*
 * /dev/tty has no file position. Without a controlling terminal (the
 * host side of a test run) it cannot be opened (ENXIO): the line then
 * says what a terminal would, so both runs print the same text and
 * ring3, whose /dev/tty is the console, must really give ESPIPE.
 */
static void tty_seek(void)
{
	int fd = open("/dev/tty", O_RDONLY);
	if (fd < 0 && errno == ENXIO) {
		printf("lseek on /dev/tty: ESPIPE\n");
		printf("pread on /dev/tty: ESPIPE\n");
		return;
	}
	if (fd < 0)
		die("open /dev/tty");
	expect_err("lseek on /dev/tty", lseek(fd, 0, SEEK_CUR), ESPIPE);
	expect_err("pread on /dev/tty", pread(fd, buf, 1, 0), ESPIPE);
	close(fd);
}

static void shared_validate(const char *file)
{
	int fd = open(file, O_RDONLY);
	unsigned char head[16];
	if (fd < 0 || read(fd, head, sizeof(head)) != sizeof(head))
		die("open FILE for mmap");
	unsigned char *p = mmap(0, 4096, PROT_READ, MAP_SHARED_VALIDATE, fd, 0);
	printf("mmap FILE MAP_SHARED_VALIDATE: %s\n", p == MAP_FAILED ? errname(errno)
	       : memcmp(p, head, sizeof(head)) == 0 ? "the file's bytes" : "other bytes");
	if (p != MAP_FAILED)
		munmap(p, 4096);
	/* MAP_SYNC is for DAX files only: validated, it is refused. */
	expect_err("mmap FILE MAP_SHARED_VALIDATE|MAP_SYNC",
		   (long)mmap(0, 4096, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0), EOPNOTSUPP);
	expect_err("mmap FILE MAP_SHARED_VALIDATE writable, read-only fd",
		   (long)mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED_VALIDATE, fd, 0), EACCES);
	expect_err("mmap anonymous MAP_SHARED_VALIDATE",
		   (long)mmap(0, 4096, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	close(fd);
}

static long futex(uint32_t *uaddr, int op, uint32_t val, unsigned long val2, uint32_t *uaddr2,
		  uint32_t val3)
{
	return syscall(SYS_futex, uaddr, op | FX_PRIVATE, val, val2, uaddr2, val3);
}

/* Each WAKE_OP on word 2, then the value it left there. */
static void wake_op(const char *what, uint32_t *w1, uint32_t *w2, uint32_t op)
{
	long r = futex(w1, FX_WAKE_OP, 1, 1, w2, op);
	printf("futex WAKE_OP %s: %s, word 2 is %u\n", what, r < 0 ? errname(errno) : "0 woken",
	       *w2);
}

static void futex_ops(void)
{
	static uint32_t words[4] = { 1, 5 };
	uint32_t *w1 = &words[0], *w2 = &words[1];
	wake_op("ADD 2", w1, w2, FX_OP(FX_ADD, 2, FX_EQ, 5));
	wake_op("OR 1<<3", w1, w2, FX_OP(FX_OR | FX_SHIFT, 3, FX_NE, 0));
	wake_op("ANDN 4", w1, w2, FX_OP(FX_ANDN, 4, FX_GT, 1));
	wake_op("XOR 0xff", w1, w2, FX_OP(FX_XOR, 0xff, FX_LT, 0));
	wake_op("SET -1", w1, w2, FX_OP(FX_SET, 0xfff, FX_GE, 0));
	wake_op("SET 9, unknown compare", w1, w2, FX_OP(FX_SET, 9, 7, 0));
	wake_op("unknown operation", w1, w2, FX_OP(6, 1, FX_EQ, 0));
	expect_err("futex WAKE_OP on a misaligned word 2",
		   futex(w1, FX_WAKE_OP, 1, 1, (uint32_t *)((char *)w2 + 1), 0), EINVAL);
	expect_err("futex WAKE_OP on a NULL word 2", futex(w1, FX_WAKE_OP, 1, 1, 0, 0), EFAULT);
	uint32_t *ro = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro == MAP_FAILED)
		die("mmap read-only");
	expect_err("futex WAKE_OP on a read-only word 2", futex(w1, FX_WAKE_OP, 1, 1, ro, 0),
		   EFAULT);
	munmap(ro, 4096);

	long r = futex(w1, FX_WAKE, 1, 0, 0, 0);
	printf("futex WAKE: %s\n", r < 0 ? errname(errno) : "0 woken");
	expect_err("futex WAKE on a misaligned word", futex((uint32_t *)((char *)w1 + 1), FX_WAKE, 1, 0, 0, 0),
		   EINVAL);
	r = futex(w1, FX_WAKE_BITSET, 1, 0, 0, ~0u);
	printf("futex WAKE_BITSET: %s\n", r < 0 ? errname(errno) : "0 woken");
	expect_err("futex WAKE_BITSET with no bit set", futex(w1, FX_WAKE_BITSET, 1, 0, 0, 0), EINVAL);
	expect_err("futex WAIT_BITSET with no bit set", futex(w1, FX_WAIT_BITSET, *w1, 0, 0, 0), EINVAL);
	expect_err("futex WAKE with the realtime clock", futex(w1, FX_WAKE | FX_CLOCK_RT, 1, 0, 0, 0),
		   ENOSYS);
	expect_err("futex WAIT_BITSET with the realtime clock, word changed",
		   futex(w1, FX_WAIT_BITSET | FX_CLOCK_RT, *w1 + 1, 0, 0, ~0u), EAGAIN);
	/* A shared futex word must be mapped: Linux looks the page up. */
	uint32_t *gone = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (gone == MAP_FAILED)
		die("mmap");
	munmap(gone, 4096);
	expect_err("futex WAKE, shared, on an unmapped word",
		   syscall(SYS_futex, gone, FX_WAKE, 1, 0, 0, 0), EFAULT);

	r = futex(w1, FX_CMP_REQUEUE, 1, 1, w2, *w1);
	printf("futex CMP_REQUEUE, word 1 as expected: %s\n", r < 0 ? errname(errno) : "0 woken");
	expect_err("futex CMP_REQUEUE, word 1 changed", futex(w1, FX_CMP_REQUEUE, 1, 1, w2, *w1 + 1),
		   EAGAIN);
	expect_err("futex CMP_REQUEUE, negative count", futex(w1, FX_CMP_REQUEUE, 1, ~0UL, w2, *w1),
		   EINVAL);
	expect_err("futex CMP_REQUEUE, misaligned word 2",
		   futex(w1, FX_CMP_REQUEUE, 1, 1, (uint32_t *)((char *)w2 + 2), *w1), EINVAL);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: files DIR FILE\n");
		return 2;
	}
	list(argv[1], "DIR", 0);
	file_io(argv[2]);
	errors(argv[1], argv[2]);
	tty_seek();
	shared_validate(argv[2]); /* before paths() moves the working directory */
	futex_ops();
	paths(argv[1], argv[2]);
	if (failures) {
		printf("files: %d expectations failed\n", failures);
		return 4;
	}
	printf("files ok\n");
	return 0;
}
