/*
 * sig_stack_overflow: signals that cannot be delivered because the stack
 * they would go on is gone. The argument picks the case:
 *  (none)        unbounded recursion with a SIGSEGV handler but no
 *                alternate stack: the kernel cannot push the frame for
 *                the overflow's SIGSEGV, so the task dies of SIGSEGV
 *                (the handler never runs);
 *  altstack      the same recursion with the handler on an alternate
 *                stack: it runs; it checks SEGV_MAPERR and si_addr
 *                within a page of the RSP in the ucontext, prints a line
 *                for each with write() and exits with the failures (0);
 *  badstack      RSP made non-canonical, then kill(getpid(), SIGUSR1)
 *                with a SIGUSR1 handler: the frame cannot be written, so
 *                Linux forces SIGSEGV instead, which cannot be delivered
 *                either (no alternate stack): the task dies of SIGSEGV;
 *  badstack_alt  the same with the SIGSEGV handler on an alternate
 *                stack: it runs with SI_KERNEL (the forced SIGSEGV),
 *                puts RSP back from the register the program kept it in,
 *                and returns; the program goes on after the syscall, the
 *                SIGUSR1 handler never having run, and exits 0;
 *  alt_small     a SA_ONSTACK SIGUSR1 on an alternate stack of 2048
 *                bytes (MINSIGSTKSZ, which sigaltstack accepts), on a
 *                CPU whose frame is larger (AT_MINSIGSTKSZ says so: with
 *                PKRU, at offset 2688 of the XSAVE area, or AVX-512's
 *                2 KiB of state): the frame would start
 *                below the stack, so the kernel forces SIGSEGV and
 *                writes nothing: the task dies of SIGSEGV;
 *  alt_nested    an alternate stack of AT_MINSIGSTKSZ bytes holds a
 *                frame (the SA_ONSTACK handler runs, its locals on it);
 *                then that handler moves RSP near the stack's base and
 *                sends SIGUSR2, whose frame would go below it: the task
 *                dies of SIGSEGV.
 * In the last two the alternate stack lies inside a buffer whose bytes
 * below it hold a canary: a handler that runs anyway (its frame was
 * written past the stack) reports whether the canary survived and exits 1.
 * A line is printed (and flushed) before each risky step; stdout and the
 * exit status or killing signal are compared with the host run of the
 * same binary (the dying cases show status -11 there).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok  " : "FAIL", what);
	failures += !ok;
}

static char alt[64 * 1024];
static volatile int usr1_runs, segv_runs, segv_code, in_overflow;
/* Never set: keeps the recursion unbounded without telling the compiler. */
static volatile int depth_limit;

static int recurse(int n)
{
	volatile char frame[256];
	frame[0] = (char)n;
	if (depth_limit && n > depth_limit)
		return 0;
	return recurse(n + 1) + frame[0];
}

static void on_usr1(int sig)
{
	(void)sig;
	usr1_runs++;
}

/* Lines written from the handler, where stdio is not to be used. */
static void say(int ok, const char *what)
{
	write(1, ok ? "ok   " : "FAIL ", 5);
	write(1, what, strlen(what));
	write(1, "\n", 1);
}

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	unsigned long addr = (unsigned long)si->si_addr, rsp = uc->uc_mcontext.gregs[REG_RSP];
	(void)sig;
	segv_runs++;
	segv_code = si->si_code;
	if (in_overflow) {
		/* Nothing to go back to: report and leave. */
		int near = addr + 4096 > rsp && addr < rsp + 4096;
		say(segv_code == SEGV_MAPERR, "overflow caught on the alternate stack: SEGV_MAPERR");
		say(near, "si_addr within a page of RSP");
		_exit((segv_code != SEGV_MAPERR) + !near);
	}
	/* The forced SIGSEGV: RSP back from r12, where the program kept it. */
	uc->uc_mcontext.gregs[REG_RSP] = uc->uc_mcontext.gregs[REG_R12];
}

static void handle_segv(int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(SIGSEGV, &sa, 0);
}

static void use_alt_stack(void)
{
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) };
	sigaltstack(&ss, 0);
	handle_segv(SA_ONSTACK);
}

static void overflow(void)
{
	printf("recursing without end\n");
	fflush(stdout);
	in_overflow = 1;
	recurse(0);
	printf("FAIL the recursion returned\n");
}

/* kill(getpid(), SIGUSR1) with RSP non-canonical, RSP kept in r12. */
static void kill_on_bad_stack(void)
{
	long pid = getpid();
	signal(SIGUSR1, on_usr1);
	printf("kill(SIGUSR1) with RSP non-canonical\n");
	fflush(stdout);
	asm volatile("mov %%rsp, %%r12\n\t"
		     "movabs $0x8000000000000000, %%rsp\n\t"
		     "syscall\n\t"
		     "mov %%r12, %%rsp"
		     :
		     : "a"((long)SYS_kill), "D"(pid), "S"((long)SIGUSR1)
		     : "rcx", "r11", "r12", "memory");
}

#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif
/* MINSIGSTKSZ as a number: with _GNU_SOURCE glibc's macro is sysconf's. */
#define SMALL_ALT 2048
#define CANARY 0xa5

/* The alternate stack starts at region + CANARY_BYTES; below it, the canary. */
#define CANARY_BYTES 8192
static unsigned char region[CANARY_BYTES + 64 * 1024] __attribute__((aligned(64)));
static volatile int nest, alt_runs;
static volatile uintptr_t alt_local;

static int canary_intact(void)
{
	for (unsigned i = 0; i < CANARY_BYTES; i++)
		if (region[i] != CANARY)
			return 0;
	return 1;
}

/* A handler whose frame should never have been written. */
static void frame_written(void)
{
	say(canary_intact(), "the canary below the alternate stack is intact");
	say(0, "a handler ran whose frame did not fit on the alternate stack");
	_exit(1);
}

/* kill(getpid(), SIGUSR2) with RSP 256 bytes above the stack's base. */
static void kill_near_base(void)
{
	long pid = getpid();
	asm volatile("mov %%rsp, %%r12\n\t"
		     "mov %[sp], %%rsp\n\t"
		     "syscall\n\t"
		     "mov %%r12, %%rsp"
		     :
		     : "a"((long)SYS_kill), "D"(pid), "S"((long)SIGUSR2),
		       [sp] "r"(region + CANARY_BYTES + 256)
		     : "rcx", "r11", "r12", "memory");
}

static void on_alt(int sig)
{
	char here;
	if (sig != SIGUSR1 || !nest)
		frame_written();
	alt_runs++;
	alt_local = (uintptr_t)&here;
	if (nest == 2) {
		static const char line[] = "SIGUSR2 with RSP 256 bytes above the alternate stack's base\n";
		write(1, line, sizeof(line) - 1);
		kill_near_base();
		frame_written();
	}
}

/* An alternate stack of size bytes above the canary; SIGUSR1 and SIGUSR2
 * handled on it. */
static void small_alt_stack(unsigned long size)
{
	memset(region, CANARY, CANARY_BYTES);
	stack_t ss = { .ss_sp = region + CANARY_BYTES, .ss_size = size };
	if (sigaltstack(&ss, 0))
		printf("FAIL sigaltstack of %lu bytes\n", size);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alt;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR1, &sa, 0);
	sigaction(SIGUSR2, &sa, 0);
}

static void alt_small(void)
{
	unsigned long need = getauxval(AT_MINSIGSTKSZ);
	check(need > SMALL_ALT, "AT_MINSIGSTKSZ is larger than 2048: no frame fits in 2048 bytes");
	small_alt_stack(SMALL_ALT);
	printf("SA_ONSTACK SIGUSR1 on a 2048-byte alternate stack\n");
	fflush(stdout);
	raise(SIGUSR1);
	printf("FAIL survived\n");
}

static void alt_nested(void)
{
	/* sigaltstack takes nothing under 2048 bytes (MINSIGSTKSZ), and a
	 * CPU with a small XSAVE area needs less than that. */
	unsigned long need = getauxval(AT_MINSIGSTKSZ);
	if (need < SMALL_ALT)
		need = SMALL_ALT;
	check(need <= sizeof(region) - CANARY_BYTES, "AT_MINSIGSTKSZ is at most 64 KiB");
	if (need > sizeof(region) - CANARY_BYTES)
		return;
	small_alt_stack(need);
	nest = 1;
	raise(SIGUSR1);
	uintptr_t lo = (uintptr_t)region + CANARY_BYTES;
	check(alt_runs == 1, "an alternate stack of AT_MINSIGSTKSZ bytes holds a frame");
	check(alt_local >= lo && alt_local < lo + need, "the handler ran on it");
	check(canary_intact(), "the canary below it is intact");
	nest = 2;
	printf("SIGUSR1 again; its handler goes near the stack's base\n");
	fflush(stdout);
	raise(SIGUSR1);
	printf("FAIL survived\n");
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (!strcmp(mode, "altstack")) {
		use_alt_stack();
		overflow();
	} else if (!strcmp(mode, "badstack")) {
		handle_segv(0);
		kill_on_bad_stack();
		printf("FAIL survived\n");
	} else if (!strcmp(mode, "badstack_alt")) {
		use_alt_stack();
		kill_on_bad_stack();
		check(segv_runs == 1, "the SIGSEGV handler ran once (on the alternate stack)");
		check(segv_code == SI_KERNEL, "the forced SIGSEGV has SI_KERNEL");
		check(usr1_runs == 0, "the SIGUSR1 handler never ran");
		printf("sig_stack_overflow badstack_alt: %d failed\n", failures);
	} else if (!strcmp(mode, "alt_small")) {
		alt_small();
	} else if (!strcmp(mode, "alt_nested")) {
		alt_nested();
	} else {
		handle_segv(0);
		overflow();
	}
	return failures;
}
