/*
 * Signals and sleeping, and a few edges a review found, each checked
 * against what Linux does: a timer whose SIGALRM is ignored or blocked
 * does not cut a nanosleep short (and an interval timer whose signal is
 * ignored stops, since Linux re-arms it as the signal is taken); sigsuspend woken by timers of every
 * length from 1 us up never hangs (the signal may come due between the
 * call and the sleep); sigaltstack's answer has no stray bytes in its
 * padding; SS_AUTODISARM comes back after each handler; synchronous
 * signals are delivered first; a blocked, ignored signal stays pending.
 * Compared with the host run of the same binary (musl and glibc).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31) /* Linux's; glibc's headers lack it */
#endif

static volatile int alarms, order[8], order_len;
static volatile unsigned long handler_sp;


static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void on_order(int sig)
{
	if (order_len < 8)
		order[order_len++] = sig;
}

static void on_stack(int sig)
{
	volatile char here;
	(void)sig;
	handler_sp = (unsigned long)&here;
}

static void timer(long usec, long interval)
{
	struct itimerval it = { { 0, interval }, { 0, usec } };
	setitimer(ITIMER_REAL, &it, 0);
}

static void sleeps(void)
{
	struct timespec ts = { 0, 200 * 1000 * 1000 };
	signal(SIGALRM, SIG_IGN);
	timer(50000, 50000);
	int r = nanosleep(&ts, 0);
	check(r == 0, errno, "nanosleep: an ignored SIGALRM does not cut it short");
	signal(SIGALRM, on_alarm);
	sigset_t s, pend;
	sigemptyset(&s);
	sigaddset(&s, SIGALRM);
	sigprocmask(SIG_BLOCK, &s, 0);
	/* Armed again: an interval timer whose signal was ignored stopped
	 * at its first expiry (Linux re-arms it when the signal is taken). */
	timer(50000, 50000);
	r = nanosleep(&ts, 0);
	check(r == 0, errno, "nanosleep: a blocked SIGALRM does not cut it short");
	sigpending(&pend);
	check(sigismember(&pend, SIGALRM), 0, "the blocked SIGALRM is pending");
	timer(0, 0);
	sigprocmask(SIG_UNBLOCK, &s, 0);
	check(alarms == 1, alarms, "it is delivered once unblocked");
}

static void suspends(void)
{
	sigset_t s, empty;
	sigemptyset(&s);
	sigemptyset(&empty);
	sigaddset(&s, SIGALRM);
	sigprocmask(SIG_BLOCK, &s, 0);
	signal(SIGALRM, on_alarm);
	int done = 0;
	for (long d = 1; d < 4000; d += 97) {
		alarms = 0;
		timer(d, 0);
		sigsuspend(&empty);
		done += alarms == 1;
	}
	sigprocmask(SIG_UNBLOCK, &s, 0);
	check(done == 42, done, "sigsuspend: 42 timers from 1 us to 4 ms, each woke it once");
}

static void altstacks(void)
{
	static char alt[65536];
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt), .ss_flags = 0 }, o;
	memset(&o, 0xaa, sizeof(o));
	sigaltstack(0, &o);
	const unsigned char *b = (const unsigned char *)&o;
	int zero = 1;
	for (size_t i = sizeof(void *) + sizeof(int); i < sizeof(void *) * 2; i++)
		zero &= b[i] == 0;
	check(zero, b[sizeof(void *) + sizeof(int)], "sigaltstack: no stray bytes in the padding");
	ss.ss_flags = SS_AUTODISARM;
	check(sigaltstack(&ss, 0) == 0, errno, "sigaltstack with SS_AUTODISARM");
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stack;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR1, &sa, 0);
	for (int i = 0; i < 2; i++) {
		handler_sp = 0;
		raise(SIGUSR1);
		int on = handler_sp > (unsigned long)alt && handler_sp < (unsigned long)alt + sizeof(alt);
		check(on, i, i ? "the second handler too is on the alternate stack"
			       : "the first handler is on the alternate stack");
	}
	sigaltstack(0, &o);
	check((unsigned)o.ss_flags == SS_AUTODISARM && o.ss_size == sizeof(alt), o.ss_flags,
	      "after them, the stack is armed again");
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, 0);
	signal(SIGUSR1, SIG_DFL);
}

static void ordering(void)
{
	sigset_t all, none;
	sigfillset(&all);
	sigemptyset(&none);
	signal(SIGTERM, on_order);
	signal(SIGSEGV, on_order);
	signal(SIGHUP, on_order);
	sigprocmask(SIG_BLOCK, &all, 0);
	raise(SIGTERM);
	raise(SIGSEGV);
	raise(SIGHUP);
	sigprocmask(SIG_SETMASK, &none, 0);
	check(order_len == 3 && order[0] == SIGTERM && order[1] == SIGHUP && order[2] == SIGSEGV,
	      order_len ? order[0] : 0, "TERM, SEGV, HUP unblocked together run as TERM, HUP, SEGV");
	signal(SIGTERM, SIG_DFL);
	signal(SIGSEGV, SIG_DFL);
	signal(SIGHUP, SIG_DFL);

	sigset_t s, pend;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	signal(SIGUSR2, SIG_IGN);
	sigprocmask(SIG_BLOCK, &s, 0);
	raise(SIGUSR2);
	sigpending(&pend);
	check(sigismember(&pend, SIGUSR2), 0, "a blocked, ignored signal stays pending");
	sigprocmask(SIG_UNBLOCK, &s, 0);
	sigpending(&pend);
	check(!sigismember(&pend, SIGUSR2), 0, "unblocked, it is dropped");
}

int main(void)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	sleeps();
	suspends();
	altstacks();
	ordering();
	printf("sig_timers: %d failed\n", failures);
	return failures;
}
