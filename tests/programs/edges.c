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

#include "check.h"



#define HUGE_RESERVATION (1UL << 46) /* 64 TiB of PROT_NONE: costs no memory */

static void huge_reservations(void)
{
	char *p = mmap(0, HUGE_RESERVATION, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED, (long)p, "64 TiB PROT_NONE reservation");
	if (p == MAP_FAILED)
		return;
	check(madvise(p, HUGE_RESERVATION, MADV_DONTNEED) == 0, errno, "madvise over all of it");
	check(mprotect(p, HUGE_RESERVATION, PROT_NONE) == 0, errno, "mprotect over all of it");
	char *q = mremap(p, HUGE_RESERVATION, HUGE_RESERVATION / 2, 0);
	check(q == p, (long)q, "mremap shrinks it in place");
	check(munmap(p, HUGE_RESERVATION) == 0, errno, "munmap of all of it");
	check(madvise(p, ~0UL, MADV_NORMAL) == -1 && errno == EINVAL,
	      errno, "madvise length wraps: EINVAL");
}

static void stream_reads(void)
{
	static char buf[1 << 20];
	struct iovec v[64];
	for (int i = 0; i < 64; i++)
		v[i] = (struct iovec){ buf, sizeof(buf) };
	int fd = open("/dev/zero", O_RDONLY);
	ssize_t n = readv(fd, v, 64);
	check(n > 0 && n <= (ssize_t)sizeof(buf), (long)n, "readv of /dev/zero is cut short");
	close(fd);
}

static void file_mappings(const char *path)
{
	int fd = open(path, O_RDONLY);
	char first[64];
	check(fd >= 0 && read(fd, first, sizeof(first)) == sizeof(first), errno, "read the file");
	char *m = mmap(0, 5, PROT_READ, MAP_PRIVATE, fd, 0);
	check(m != MAP_FAILED && memcmp(m, first, sizeof(first)) == 0, 0,
	      "a 5-byte file mapping holds the file to the end of its page");
	char *n = mmap(0, 4096, PROT_NONE, MAP_PRIVATE, fd, 0);
	check(n != MAP_FAILED && mprotect(n, 4096, PROT_READ) == 0 && memcmp(n, first, 64) == 0, 0,
	      "a PROT_NONE file mapping shows the file once readable");
	close(fd);
}

static void parked_pages(void)
{
	char *a = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	a[0] = 7;
	mprotect(a, 4096, PROT_NONE);
	madvise(a, 4096, MADV_DONTNEED);
	mprotect(a, 4096, PROT_READ);
	check(a[0] == 0, a[0], "MADV_DONTNEED zeroes a PROT_NONE page");
	char *b = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	b[0] = 9;
	mprotect(b, 4096, PROT_NONE);
	char *c = mremap(b, 4096, 1 << 20, MREMAP_MAYMOVE);
	int got = c != MAP_FAILED && mprotect(c, 4096, PROT_READ) == 0 ? c[0] : -1;
	check(got == 9, got, "mremap moves a PROT_NONE page's contents");
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
	check(clean, name[8], "PR_SET_NAME near an unmapped page: no stray bytes");
}

static void signals(void)
{
	check(kill(-1, SIGTERM) == -1 && errno == ESRCH,
	      errno, "kill(-1) signals nobody but others: ESRCH");
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_BLOCK, &s, 0);
	raise(SIGUSR1);
	signal(SIGUSR1, SIG_IGN);
	sigset_t pend;
	sigpending(&pend);
	check(!sigismember(&pend, SIGUSR1), 1, "a pending signal, then ignored, is dropped");
	sigprocmask(SIG_UNBLOCK, &s, 0); /* were it still pending, this would end the program */
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
