/*
 * Signals, as far as this kernel goes today (docs/abi.md): rt_sigaction
 * and rt_sigprocmask record what the program asks; a signal a task sends
 * itself (kill, tkill, tgkill: raise, abort) takes its default action
 * when it is not blocked, or waits, pending, until it is unblocked.
 * Handlers are recorded but not yet run: a caught signal is taken as its
 * default action too, so abort() ends the task with signal=6 either way.
 */
#include "core/sys/syscall.h"
#include "core/entry/uaccess.h"
#include "core/task/task.h"

#define SIGSET_SIZE 8 /* the kernel's sigset_t: 64 bits */

static uint64_t sig_bit(uint64_t sig)
{
	return 1ULL << (sig - 1);
}

/* Signals whose default action is to do nothing. */
static int sig_ignored_by_default(uint64_t sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

/* Signals whose default action stops the process: there is no one to
 * continue it, so they are ignored here (docs/abi.md). */
static int sig_stops(uint64_t sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* The first pending, unblocked signal that ends the task ends it. */
static void sig_check_pending(struct task *t)
{
	uint64_t ready = t->sigpending & ~t->sigmask;
	for (uint64_t sig = 1; sig <= NSIG && ready; sig++) {
		if (!(ready & sig_bit(sig)))
			continue;
		t->sigpending &= ~sig_bit(sig);
		task_end_on_return(t, "signal", (uint32_t)sig);
		return;
	}
}

/* sig sent to t itself. */
static int64_t sig_send(struct task *t, uint64_t sig)
{
	if (sig > NSIG)
		return -EINVAL;
	if (sig == 0)
		return 0; /* the existence check */
	int uncatchable = sig == SIGKILL || sig == SIGSTOP;
	if (sig_stops(sig) || sig_ignored_by_default(sig) ||
	    (!uncatchable && t->sigact[sig - 1].sa_handler == SIG_IGN))
		return 0;
	t->sigpending |= sig_bit(sig);
	sig_check_pending(t);
	return 0;
}

/* kill(pid, sig): to itself (its pid, 0 or minus its pid for its group). */
int64_t sys_kill(const struct trap_frame *f)
{
	struct task *t = task_current();
	int64_t pid = (int32_t)f->rdi;
	/* -1 is every process but the caller (here, none), even when the
	 * caller's group is 1. */
	if (pid == -1 || (pid != t->pid && pid != 0 && pid != -(int64_t)t->pid))
		return -ESRCH;
	return sig_send(t, (uint32_t)f->rsi);
}

int64_t sys_tkill(const struct trap_frame *f)
{
	struct task *t = task_current();
	if ((int32_t)f->rdi <= 0)
		return -EINVAL;
	if ((uint32_t)f->rdi != t->pid)
		return -ESRCH;
	return sig_send(t, (uint32_t)f->rsi);
}

int64_t sys_tgkill(const struct trap_frame *f)
{
	struct task *t = task_current();
	if ((int32_t)f->rdi <= 0 || (int32_t)f->rsi <= 0)
		return -EINVAL;
	if ((uint32_t)f->rdi != t->pid || (uint32_t)f->rsi != t->pid)
		return -ESRCH;
	return sig_send(t, (uint32_t)f->rdx);
}

/* rt_sigaction(sig, act, oact, sigsetsize): recorded. SIGKILL and
 * SIGSTOP keep their default action. */
int64_t sys_rt_sigaction(const struct trap_frame *f)
{
	struct task *t = task_current();
	uint64_t sig = f->rdi;
	struct abi_sigaction act;
	if (f->r10 != SIGSET_SIZE || sig < 1 || sig > NSIG)
		return -EINVAL;
	if (f->rsi && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (f->rsi && copy_from_user(&act, f->rsi, sizeof(act)))
		return -EFAULT;
	if (f->rdx && copy_to_user(f->rdx, &t->sigact[sig - 1], sizeof(act)))
		return -EFAULT;
	if (f->rsi) {
		act.sa_mask &= ~(sig_bit(SIGKILL) | sig_bit(SIGSTOP));
		t->sigact[sig - 1] = act;
		/* Now ignored: a pending one is dropped, as Linux does. */
		if (act.sa_handler == SIG_IGN ||
		    (act.sa_handler == SIG_DFL && (sig_ignored_by_default(sig) || sig_stops(sig))))
			t->sigpending &= ~sig_bit(sig);
	}
	return 0;
}

/* rt_sigprocmask(how, set, oset, sigsetsize): SIGKILL and SIGSTOP are
 * never blocked; unblocking a pending signal acts on it. */
int64_t sys_rt_sigprocmask(const struct trap_frame *f)
{
	struct task *t = task_current();
	uint64_t how = f->rdi, set;
	if (f->r10 != SIGSET_SIZE)
		return -EINVAL;
	if (f->rsi && how > SIG_SETMASK)
		return -EINVAL;
	if (f->rsi && copy_from_user(&set, f->rsi, sizeof(set)))
		return -EFAULT;
	if (f->rdx && copy_to_user(f->rdx, &t->sigmask, sizeof(t->sigmask)))
		return -EFAULT;
	if (!f->rsi)
		return 0;
	if (how == SIG_BLOCK)
		t->sigmask |= set;
	else if (how == SIG_UNBLOCK)
		t->sigmask &= ~set;
	else
		t->sigmask = set;
	t->sigmask &= ~(sig_bit(SIGKILL) | sig_bit(SIGSTOP));
	sig_check_pending(t);
	return 0;
}

/* rt_sigpending(set, sigsetsize). */
int64_t sys_rt_sigpending(const struct trap_frame *f)
{
	struct task *t = task_current();
	if (f->rsi != SIGSET_SIZE)
		return -EINVAL;
	uint64_t pending = t->sigpending & t->sigmask;
	return copy_to_user(f->rdi, &pending, sizeof(pending));
}
