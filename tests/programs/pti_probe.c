/*
 * Page-table isolation, seen from ring 3: read one byte of each page
 * named on the command line, and of this CPU's per-CPU block and kernel
 * stack (from ring3_kinfo). Every read faults (they are kernel pages or
 * nothing); the kernel's SIGNAL line for each carries the CPU's page-fault
 * error code, whose bit 0 says whether the page was present in the tables
 * ring 3 ran on. The test reads those lines.
 *
 *   pti_probe START PAGES [START PAGES ...]   (hexadecimal START)
 *
 * ring3 only: it asks the kernel where its per-CPU block is.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "core/abi/ring3.h"

static sigjmp_buf back;

static void on_segv(int sig)
{
	(void)sig;
	siglongjmp(back, 1);
}

/* 1 when the read faulted (always expected here). */
static int probe(unsigned long addr)
{
	if (sigsetjmp(back, 1))
		return 1;
	(void)*(volatile const unsigned char *)addr;
	return 0;
}

int main(int argc, char **argv)
{
	struct ring3_kinfo k;
	if (syscall(SYS_ring3_kinfo, &k) != 0) {
		fprintf(stderr, "pti_probe: not running on ring3\n");
		return 2;
	}
	struct sigaction sa = { .sa_handler = on_segv };
	sigaction(SIGSEGV, &sa, 0);
	unsigned long faults = 0, reads = 0;
	for (int i = 1; i + 1 < argc; i += 2) {
		unsigned long start = strtoul(argv[i], 0, 16), pages = strtoul(argv[i + 1], 0, 10);
		for (unsigned long p = 0; p < pages; p++, reads++)
			faults += probe(start + p * 4096);
	}
	const unsigned long own[] = { k.kernel_data, k.kernel_stack - 8 };
	for (unsigned i = 0; i < 2; i++, reads++)
		faults += probe(own[i]);
	printf("pti_probe: %lu reads, %lu faults; percpu=0x%llx kernel_stack=0x%llx\n", reads, faults,
	       k.kernel_data, k.kernel_stack - 8);
	return faults == reads ? 0 : 1;
}
