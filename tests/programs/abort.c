/*
 * abort: the libc's abort(), which sends SIGABRT to the calling thread
 * (musl: rt_sigprocmask to block, tkill, rt_sigprocmask to unblock;
 * glibc: rt_sigprocmask to unblock SIGABRT, gettid, getpid, tgkill) and
 * only if it is still alive resets the action with rt_sigaction and
 * tries again, so the program dies of the signal instead of exiting.
 * The line is flushed by hand because abort does not flush stdio. stdout
 * must match the host run, and the status is death by SIGABRT (a shell
 * shows 134).
 */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	printf("about to abort\n");
	fflush(stdout);
	abort();
}
