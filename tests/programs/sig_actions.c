/*
 * sig_actions: what sigaction's flags and the signal masks do, all in one
 * process, with raise, kill, tgkill, sigqueue and timers as the sources.
 * Handlers only log what happened (an entry letter, an exit letter, the
 * mask they run with, where their stack is); main checks the log after.
 * Checked:
 *  - si_code and sender: kill gives SI_USER, raise and tgkill SI_TKILL,
 *    sigqueue SI_QUEUE with its value; si_pid and si_uid are ours
 *    (compared, never printed);
 *  - SA_RESETHAND: the first SIGURG runs the handler, the action is then
 *    SIG_DFL and the second is ignored (SIGURG's default); the handler's
 *    own signal is still blocked while it runs;
 *  - SA_NODEFER: a handler raising its own signal nests once; without
 *    it the second delivery waits for the return;
 *  - sa_mask and the handler's own signal are blocked in the handler and
 *    unblocked after; a masked signal raised in the handler runs after
 *    the return; an unmasked one nests;
 *  - uc_sigmask is the interrupted mask, and a change to it in the
 *    handler is the mask after the return;
 *  - sigaltstack with SA_ONSTACK: the handler's locals are on the
 *    alternate stack, SS_ONSTACK is reported in it and changing the
 *    stack then fails with EPERM, a nested handler goes further down the
 *    same stack, and after the return the program is off it; a stack
 *    below MINSIGSTKSZ is refused with ENOMEM;
 *  - pending: a raised blocked signal is in sigpending, not delivered,
 *    and runs before sigprocmask's unblocking returns; standard signals
 *    are not queued (three raises, one delivery), real-time signals are
 *    (three sigqueues, three deliveries, in order);
 *  - several signals unblocked at once: Linux takes the lowest number
 *    first, but pushes each later one's frame on top of the earlier, so
 *    the handlers start in the reverse order (the highest first);
 *  - SIGKILL and SIGSTOP cannot be blocked or caught, signal 0 and 65
 *    are not signals;
 *  - waiting: sigsuspend returns EINTR after the alarm(1) handler and
 *    restores the mask; pause() is woken by alarm(1); an ITIMER_REAL of
 *    50 ms fires 5 times during a busy loop, the fifth handler switching
 *    it off (getitimer then shows zero);
 *    SA_RESTART restarts a pipe read interrupted by a timer, without it
 *    the read fails with EINTR; nanosleep and clock_nanosleep
 *    interrupted by a SA_RESTART handler still fail with EINTR.
 * stdout and the exit status (the number of failures) are compared with
 * the host run of the same binary. It takes about two seconds (the two
 * alarm(1) calls).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"


/* Handler entries (capital letter) and exits (small letter), in order. */
static char events[64];
static volatile int nevents;

static char letter(int sig)
{
	int sigs[] = { SIGUSR1, SIGUSR2, SIGURG, SIGALRM, SIGWINCH, SIGRTMIN };
	for (int i = 0; i < 6; i++)
		if (sig == sigs[i])
			return "UVGAWR"[i];
	return '?';
}

static void event(char c)
{
	if (nevents < (int)sizeof(events) - 1)
		events[nevents++] = c;
	events[nevents] = 0;
}

static void clear_events(void)
{
	nevents = 0;
	events[0] = 0;
}

static void check_events(const char *what, const char *want)
{
	int ok = strcmp(events, want) == 0;
	printf("%s %s: handlers ran as %s", ok ? "ok  " : "FAIL", what, want);
	if (!ok)
		printf(" (got %s)", events);
	printf("\n");
	failures += !ok;
}

/*
 * What the handler saw. plan: what the next handler run does besides
 * logging (raise another signal, edit uc_sigmask, and so on).
 */
static struct {
	int taken, code, pid_ok, uid_ok, value;
	sigset_t mask, uc_mask;
	uintptr_t local;
	stack_t alt;
	int alt_change_errno;
} seen;

enum { PLAN_NONE, PLAN_RAISE, PLAN_BLOCK_IN_UC, PLAN_ALT, PLAN_WRITE, PLAN_TICKS };
static volatile int plan, plan_sig, plan_depth, depth, max_depth;
static int pipe_fds[2];

static void on_sig(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	char here;
	event(letter(sig));
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (sig == SIGRTMIN)
		event('0' + si->si_value.sival_int);
	if (!seen.taken) {
		/* The first handler to run since reset(). */
		seen.taken = 1;
		seen.code = si->si_code;
		seen.pid_ok = si->si_pid == getpid();
		seen.uid_ok = si->si_uid == getuid();
		seen.value = si->si_value.sival_int;
		sigprocmask(SIG_BLOCK, 0, &seen.mask);
		seen.uc_mask = uc->uc_sigmask;
		seen.local = (uintptr_t)&here;
	}
	if (plan == PLAN_RAISE && depth == 1) {
		plan = PLAN_NONE; /* once: the raised one may come back here */
		raise(plan_sig);
	}
	if (plan == PLAN_BLOCK_IN_UC)
		sigaddset(&uc->uc_sigmask, plan_sig);
	if (plan == PLAN_ALT && depth == 1) {
		sigaltstack(0, &seen.alt);
		stack_t other = seen.alt;
		other.ss_flags = 0;
		errno = 0;
		sigaltstack(&other, 0);
		seen.alt_change_errno = errno;
		raise(plan_sig);
	}
	if (plan == PLAN_ALT && depth == 2) {
		/* The nested handler: its local, relative to the first's. */
		plan_depth = seen.local - (uintptr_t)&here > 0 &&
			     seen.local - (uintptr_t)&here < 16384;
	}
	if (plan == PLAN_WRITE)
		write(pipe_fds[1], "x", 1);
	if (plan == PLAN_TICKS && nevents >= 9) {
		/* The fifth tick stops the timer, so there is never a sixth. */
		struct itimerval off = { { 0, 0 }, { 0, 0 } };
		setitimer(ITIMER_REAL, &off, 0);
	}
	depth--;
	event(letter(sig) + 'a' - 'A');
}

static void handle(int sig, int flags, const sigset_t *mask)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO | flags;
	if (mask)
		sa.sa_mask = *mask;
	else
		sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, 0);
}

static void reset(void)
{
	clear_events();
	memset(&seen, 0, sizeof(seen));
	plan = PLAN_NONE;
	depth = max_depth = plan_depth = 0;
}

static sigset_t set_of(int a, int b)
{
	sigset_t s;
	sigemptyset(&s);
	if (a)
		sigaddset(&s, a);
	if (b)
		sigaddset(&s, b);
	return s;
}

static int blocked(int sig)
{
	sigset_t now;
	sigprocmask(SIG_BLOCK, 0, &now);
	return sigismember(&now, sig);
}

static void senders(void)
{
	handle(SIGUSR1, 0, 0);
	reset();
	kill(getpid(), SIGUSR1);
	check_events("kill(getpid())", "Uu");
	check(seen.code == SI_USER, seen.code, "kill: si_code SI_USER");
	check(seen.pid_ok && seen.uid_ok, 0, "kill: si_pid and si_uid are ours");
	reset();
	raise(SIGUSR1);
	check_events("raise", "Uu");
	check(seen.code == SI_TKILL, seen.code, "raise: si_code SI_TKILL");
	check(seen.pid_ok && seen.uid_ok, 0, "raise: si_pid and si_uid are ours");
	reset();
	syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), SIGUSR1);
	check_events("tgkill", "Uu");
	check(seen.code == SI_TKILL, seen.code, "tgkill: si_code SI_TKILL");
	check(seen.pid_ok, 0, "tgkill: si_pid is ours");
	reset();
	sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 42 });
	check_events("sigqueue", "Uu");
	check(seen.code == SI_QUEUE, seen.code, "sigqueue: si_code SI_QUEUE");
	check(seen.value == 42, seen.value, "sigqueue: si_value 42");
	check(seen.pid_ok, 0, "sigqueue: si_pid is ours");
}

static void reset_hand(void)
{
	struct sigaction now;
	handle(SIGURG, SA_RESETHAND, 0);
	reset();
	raise(SIGURG);
	check_events("SA_RESETHAND, first SIGURG", "Gg");
	check(sigismember(&seen.mask, SIGURG), 0, "SA_RESETHAND: SIGURG blocked in its handler");
	sigaction(SIGURG, 0, &now);
	check(now.sa_handler == SIG_DFL, 0, "SA_RESETHAND: the action is SIG_DFL after");
	reset();
	raise(SIGURG);
	check_events("SA_RESETHAND, second SIGURG (default: ignored)", "");
}

static void defer(void)
{
	handle(SIGUSR2, SA_NODEFER, 0);
	reset();
	plan = PLAN_RAISE;
	plan_sig = SIGUSR2;
	raise(SIGUSR2);
	check_events("SA_NODEFER, handler raises its own signal", "VVvv");
	check(max_depth == 2, max_depth, "SA_NODEFER: nested to depth 2");
	check(!sigismember(&seen.mask, SIGUSR2), 0, "SA_NODEFER: SIGUSR2 not blocked in its handler");

	handle(SIGUSR2, 0, 0);
	reset();
	plan = PLAN_RAISE;
	plan_sig = SIGUSR2;
	raise(SIGUSR2);
	check_events("no SA_NODEFER, handler raises its own signal", "VvVv");
	check(max_depth == 1, max_depth, "no SA_NODEFER: never nested");
	check(sigismember(&seen.mask, SIGUSR2), 0, "no SA_NODEFER: SIGUSR2 blocked in its handler");
}

static void masks(void)
{
	sigset_t m = set_of(SIGUSR2, 0);
	handle(SIGUSR1, 0, &m);
	handle(SIGUSR2, 0, 0);
	handle(SIGWINCH, 0, 0);
	reset();
	plan = PLAN_RAISE;
	plan_sig = SIGUSR2;
	raise(SIGUSR1);
	check(sigismember(&seen.mask, SIGUSR1) && sigismember(&seen.mask, SIGUSR2), 0,
	      "sa_mask: SIGUSR1 and its sa_mask's SIGUSR2 blocked in the handler");
	check(!blocked(SIGUSR1) && !blocked(SIGUSR2), 0, "sa_mask: both unblocked after the return");
	check_events("sa_mask: a masked signal raised in the handler runs after it", "UuVv");

	reset();
	plan = PLAN_RAISE;
	plan_sig = SIGWINCH;
	raise(SIGUSR1);
	check_events("an unmasked signal raised in the handler nests", "UWwu");

	/* uc_sigmask: what was blocked when the signal came; editable. */
	sigset_t b = set_of(SIGUSR2, 0);
	sigprocmask(SIG_BLOCK, &b, 0);
	reset();
	plan = PLAN_BLOCK_IN_UC;
	plan_sig = SIGWINCH;
	raise(SIGUSR1);
	check(sigismember(&seen.uc_mask, SIGUSR2) && !sigismember(&seen.uc_mask, SIGUSR1), 0,
	      "uc_sigmask is the interrupted mask (SIGUSR2, not SIGUSR1)");
	check(blocked(SIGWINCH) && blocked(SIGUSR2) && !blocked(SIGUSR1), 0,
	      "SIGWINCH added to uc_sigmask by the handler is blocked after the return");
	sigset_t w = set_of(SIGWINCH, SIGUSR2);
	sigprocmask(SIG_UNBLOCK, &w, 0);
}

static void alt_stack(void)
{
	static char alt[64 * 1024];
	uintptr_t lo = (uintptr_t)alt, hi = lo + sizeof(alt);
	stack_t ss = { .ss_sp = alt, .ss_size = 1024 };
	errno = 0;
	check(sigaltstack(&ss, 0) == -1 && errno == ENOMEM, errno,
	      "sigaltstack of 1024 bytes: ENOMEM");
	ss.ss_size = sizeof(alt);
	check(sigaltstack(&ss, 0) == 0, errno, "sigaltstack of 64 KiB");
	handle(SIGUSR1, SA_ONSTACK, 0);
	handle(SIGUSR2, SA_ONSTACK, 0);
	reset();
	plan = PLAN_ALT;
	plan_sig = SIGUSR2;
	raise(SIGUSR1);
	check_events("SA_ONSTACK handler raising another SA_ONSTACK signal", "UVvu");
	check(seen.local >= lo && seen.local < hi, 0, "SA_ONSTACK: the handler's local is on it");
	check(seen.alt.ss_flags == SS_ONSTACK, seen.alt.ss_flags,
	      "SA_ONSTACK: sigaltstack reports SS_ONSTACK in the handler");
	check(seen.alt.ss_sp == alt && seen.alt.ss_size == sizeof(alt), 0,
	      "SA_ONSTACK: sigaltstack reports the stack in the handler");
	check(seen.alt_change_errno == EPERM, seen.alt_change_errno,
	      "SA_ONSTACK: changing the stack while on it: EPERM");
	check(plan_depth, 0, "SA_ONSTACK: the nested handler is below the first on the same stack");
	char here;
	stack_t now;
	sigaltstack(0, &now);
	check(now.ss_flags == 0 && ((uintptr_t)&here < lo || (uintptr_t)&here >= hi), now.ss_flags,
	      "off the alternate stack after the return");

	/* Without SA_ONSTACK the alternate stack is not used. */
	handle(SIGUSR1, 0, 0);
	reset();
	raise(SIGUSR1);
	check(seen.local < lo || seen.local >= hi, 0, "no SA_ONSTACK: handler on the normal stack");
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, 0);
	sigaltstack(0, &now);
	check(now.ss_flags == SS_DISABLE, now.ss_flags, "SS_DISABLE reported after disabling");
}

static void pending(void)
{
	handle(SIGUSR1, 0, 0);
	handle(SIGUSR2, 0, 0);
	handle(SIGWINCH, 0, 0);
	sigset_t b = set_of(SIGUSR1, 0), p;
	sigprocmask(SIG_BLOCK, &b, 0);
	reset();
	raise(SIGUSR1);
	raise(SIGUSR1);
	raise(SIGUSR1);
	sigpending(&p);
	check(sigismember(&p, SIGUSR1) && !sigismember(&p, SIGUSR2), 0,
	      "sigpending shows the blocked SIGUSR1 only");
	check_events("blocked SIGUSR1 raised three times: nothing yet", "");
	sigprocmask(SIG_UNBLOCK, &b, 0);
	check_events("unblocked: delivered once, before sigprocmask returns", "Uu");
	sigpending(&p);
	check(!sigismember(&p, SIGUSR1), 0, "sigpending empty after");

	/* Real-time signals queue, with their values, in order. */
	handle(SIGRTMIN, 0, 0);
	b = set_of(SIGRTMIN, 0);
	sigprocmask(SIG_BLOCK, &b, 0);
	reset();
	for (int i = 1; i <= 3; i++)
		sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = i });
	sigprocmask(SIG_UNBLOCK, &b, 0);
	check_events("SIGRTMIN queued three times (values 1, 2, 3)", "R1rR2rR3r");

	/*
	 * Three at once: dequeued lowest first, each next frame pushed on
	 * top, so the last dequeued runs first and the first last.
	 */
	b = set_of(SIGUSR1, SIGUSR2);
	sigaddset(&b, SIGWINCH);
	sigprocmask(SIG_BLOCK, &b, 0);
	reset();
	raise(SIGWINCH);
	raise(SIGUSR2);
	raise(SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &b, 0);
	check_events("SIGWINCH, SIGUSR2, SIGUSR1 unblocked together", "WwVvUu");
}

static void unblockable(void)
{
	sigset_t b = set_of(SIGKILL, SIGSTOP);
	sigprocmask(SIG_BLOCK, &b, 0);
	check(!blocked(SIGKILL) && !blocked(SIGSTOP), 0, "SIGKILL and SIGSTOP cannot be blocked");
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	errno = 0;
	check(sigaction(SIGKILL, &sa, 0) == -1 && errno == EINVAL, errno,
	      "sigaction(SIGKILL): EINVAL");
	errno = 0;
	check(syscall(SYS_rt_sigaction, 0, 0, 0, 8) == -1 && errno == EINVAL, errno,
	      "rt_sigaction(0): EINVAL");
	errno = 0;
	check(syscall(SYS_rt_sigaction, 65, 0, 0, 8) == -1 && errno == EINVAL, errno,
	      "rt_sigaction(65): EINVAL");
	errno = 0;
	check(syscall(SYS_rt_sigaction, SIGUSR1, 0, 0, 4) == -1 && errno == EINVAL, errno,
	      "rt_sigaction with a sigset size of 4: EINVAL");
}

static void waiting(void)
{
	handle(SIGALRM, 0, 0);
	sigset_t b = set_of(SIGALRM, 0), none;
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &b, 0);
	reset();
	alarm(1);
	errno = 0;
	int r = sigsuspend(&none);
	check(r == -1 && errno == EINTR, errno, "sigsuspend: EINTR after alarm(1)");
	check_events("sigsuspend: the SIGALRM handler ran", "Aa");
	check(blocked(SIGALRM), 0, "sigsuspend: the mask is back (SIGALRM blocked)");
	sigprocmask(SIG_UNBLOCK, &b, 0);

	reset();
	alarm(1);
	errno = 0;
	r = pause();
	check(r == -1 && errno == EINTR, errno, "pause: EINTR after alarm(1)");
	check_events("pause: the SIGALRM handler ran", "Aa");

	/* 50 ms interval timer during a busy loop: 5 ticks, then off. */
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	struct itimerval it = { { 0, 50000 }, { 0, 50000 } }, off = { { 0, 0 }, { 0, 0 } }, left;
	reset();
	plan = PLAN_TICKS;
	setitimer(ITIMER_REAL, &it, 0);
	int late = 0;
	while (nevents < 10 && !late) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		late = now.tv_sec - start.tv_sec > 10;
	}
	if (late)
		setitimer(ITIMER_REAL, &off, 0);
	plan = PLAN_NONE;
	check(!late, 0, "ITIMER_REAL 50 ms: 5 ticks within 10 s");
	check_events("ITIMER_REAL 50 ms", "AaAaAaAaAa");
	getitimer(ITIMER_REAL, &left);
	check(left.it_value.tv_sec == 0 && left.it_value.tv_usec == 0 && left.it_interval.tv_usec == 0,
	      left.it_value.tv_usec, "ITIMER_REAL switched off by the fifth tick's handler");

	/*
	 * A read of an empty pipe, interrupted; the handler fills it. 200 ms
	 * leaves a slow machine time to be in the read when it fires.
	 */
	char c = 0;
	pipe(pipe_fds);
	struct itimerval once = { { 0, 0 }, { 0, 200000 } };
	handle(SIGALRM, SA_RESTART, 0);
	reset();
	plan = PLAN_WRITE;
	setitimer(ITIMER_REAL, &once, 0);
	ssize_t n = read(pipe_fds[0], &c, 1);
	check(n == 1 && c == 'x', n, "SA_RESTART: the interrupted read restarts and reads the byte");
	handle(SIGALRM, 0, 0);
	reset();
	plan = PLAN_WRITE;
	setitimer(ITIMER_REAL, &once, 0);
	errno = 0;
	n = read(pipe_fds[0], &c, 1);
	check(n == -1 && errno == EINTR, errno, "no SA_RESTART: the interrupted read fails with EINTR");
	check(read(pipe_fds[0], &c, 1) == 1 && c == 'x', 0, "no SA_RESTART: the byte is there after");
	plan = PLAN_NONE;

	/*
	 * A sleep is never restarted after a handler, SA_RESTART or not:
	 * Linux ends nanosleep (and clock_nanosleep, which glibc's nanosleep
	 * calls) with EINTR. 200 ms into a 5 s sleep.
	 */
	handle(SIGALRM, SA_RESTART, 0);
	struct timespec five = { 5, 0 }, left_ts;
	reset();
	setitimer(ITIMER_REAL, &once, 0);
	errno = 0;
	r = (int)syscall(SYS_nanosleep, &five, &left_ts);
	check(r == -1 && errno == EINTR, errno, "nanosleep interrupted by a SA_RESTART handler: -1 EINTR");
	check_events("nanosleep with SA_RESTART: the SIGALRM handler ran", "Aa");
	reset();
	setitimer(ITIMER_REAL, &once, 0);
	errno = 0;
	r = (int)syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &five, &left_ts);
	check(r == -1 && errno == EINTR, errno,
	      "clock_nanosleep interrupted by a SA_RESTART handler: -1 EINTR");
	check_events("clock_nanosleep with SA_RESTART: the SIGALRM handler ran", "Aa");
	handle(SIGALRM, 0, 0);
}

int main(void)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	senders();
	reset_hand();
	defer();
	masks();
	alt_stack();
	pending();
	unblockable();
	waiting();
	printf("sig_actions: %d failed\n", failures);
	return failures;
}
