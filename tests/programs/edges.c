/*
 * Edges of the Linux ABI that an expert review found, each checked here
 * against what Linux does (the value is printed when it differs): huge
 * PROT_NONE reservations walked by madvise, mremap and mprotect without
 * holding the CPU for minutes; stream reads cut short; file mappings to
 * the end of their page, and through PROT_NONE; parked pages zeroed and
 * moved; prctl's name never showing kernel stack; kill(-1) and an
 * ignored pending signal. Runs under ring3 only (kill(-1) on the host
 * would signal every process of the user); prints one line per check and
 * exits with the number of failures.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/uio.h>
#include <unistd.h>
#include <errno.h>

static int failures;

static void check(int ok, const char *what, long got)
{
	printf("%s %s", ok ? "ok  " : "FAIL", what);
	if (!ok)
		printf(" (got %ld)", got);
	printf("\n");
	failures += !ok;
}

#define HUGE_RESERVATION (1UL << 46) /* 64 TiB of PROT_NONE: costs no memory */

static void huge_reservations(void)
{
	char *p = mmap(0, HUGE_RESERVATION, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED, "64 TiB PROT_NONE reservation", (long)p);
	if (p == MAP_FAILED)
		return;
	check(madvise(p, HUGE_RESERVATION, MADV_DONTNEED) == 0, "madvise over all of it", errno);
	check(mprotect(p, HUGE_RESERVATION, PROT_NONE) == 0, "mprotect over all of it", errno);
	char *q = mremap(p, HUGE_RESERVATION, HUGE_RESERVATION / 2, 0);
	check(q == p, "mremap shrinks it in place", (long)q);
	check(munmap(p, HUGE_RESERVATION) == 0, "munmap of all of it", errno);
	check(madvise(p, ~0UL, MADV_NORMAL) == -1 && errno == EINVAL, "madvise length wraps: EINVAL",
	      errno);
}

static void stream_reads(void)
{
	static char buf[1 << 20];
	struct iovec v[64];
	for (int i = 0; i < 64; i++)
		v[i] = (struct iovec){ buf, sizeof(buf) };
	int fd = open("/dev/zero", O_RDONLY);
	ssize_t n = readv(fd, v, 64);
	check(n > 0 && n <= (ssize_t)sizeof(buf), "readv of /dev/zero is cut short", (long)n);
	close(fd);
}

static void file_mappings(const char *path)
{
	int fd = open(path, O_RDONLY);
	char first[64];
	check(fd >= 0 && read(fd, first, sizeof(first)) == sizeof(first), "read the file", errno);
	char *m = mmap(0, 5, PROT_READ, MAP_PRIVATE, fd, 0);
	check(m != MAP_FAILED && memcmp(m, first, sizeof(first)) == 0,
	      "a 5-byte file mapping holds the file to the end of its page", 0);
	char *n = mmap(0, 4096, PROT_NONE, MAP_PRIVATE, fd, 0);
	check(n != MAP_FAILED && mprotect(n, 4096, PROT_READ) == 0 && memcmp(n, first, 64) == 0,
	      "a PROT_NONE file mapping shows the file once readable", 0);
	close(fd);
}

static void parked_pages(void)
{
	char *a = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	a[0] = 7;
	mprotect(a, 4096, PROT_NONE);
	madvise(a, 4096, MADV_DONTNEED);
	mprotect(a, 4096, PROT_READ);
	check(a[0] == 0, "MADV_DONTNEED zeroes a PROT_NONE page", a[0]);
	char *b = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	b[0] = 9;
	mprotect(b, 4096, PROT_NONE);
	char *c = mremap(b, 4096, 1 << 20, MREMAP_MAYMOVE);
	int got = c != MAP_FAILED && mprotect(c, 4096, PROT_READ) == 0 ? c[0] : -1;
	check(got == 9, "mremap moves a PROT_NONE page's contents", got);
}

static void process_name(void)
{
	/* "ab" in the last bytes of a page, the next page unmapped. */
	char *p = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(p + 4096, 4096);
	memcpy(p + 4093, "ab", 3);
	char name[16];
	memset(name, 0x55, sizeof(name));
	prctl(PR_SET_NAME, p + 4093);
	prctl(PR_GET_NAME, name);
	int clean = name[0] == 'a' && name[1] == 'b';
	for (int i = 2; i < 16; i++)
		clean &= name[i] == 0;
	check(clean, "PR_SET_NAME near an unmapped page: no stray bytes", name[8]);
}

static void signals(void)
{
	check(kill(-1, SIGTERM) == -1 && errno == ESRCH, "kill(-1) signals nobody but others: ESRCH",
	      errno);
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_BLOCK, &s, 0);
	raise(SIGUSR1);
	signal(SIGUSR1, SIG_IGN);
	sigprocmask(SIG_UNBLOCK, &s, 0);
	check(1, "a pending signal, then ignored, is dropped", 0);
}

int main(int argc, char **argv)
{
	huge_reservations();
	stream_reads();
	file_mappings(argc > 1 ? argv[1] : "/proc/self/exe");
	parked_pages();
	process_name();
	signals();
	printf("edges: %d failed\n", failures);
	return failures;
}
