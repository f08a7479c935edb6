/*
 * The signal calls (docs/abi.md, "Signals"): actions, the mask, sending
 * to itself, the alternate stack, waiting for a signal, the real-time
 * interval timer, and rt_sigreturn. Delivery is core/task/signal.c's.
 */
#include "core/sys/syscall.h"
#include "core/cpu/cpu.h"
#include "core/cpu/this_cpu.h"
#include "core/cpu/time.h"
#include "core/entry/uaccess.h"
#include "core/lib/clock.h"
#include "core/task/sched.h"
#include "core/task/task.h"
#include "core/lib/string.h"

#define SIGSET_SIZE 8 /* the kernel's sigset_t: 64 bits */

/* sig (an int) sent to the task itself by kill (SI_USER) or tkill/tgkill. */
static int64_t sig_send(struct task *t, uint64_t arg, int32_t code)
{
	int32_t sig = (int32_t)arg;
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (sig == 0)
		return 0; /* the existence check */
	struct signal_info info = { .code = code, .pid = (int32_t)t->pid };
	signal_post(t, (uint32_t)sig, &info);
	return 0;
}

/* rt_sigqueueinfo(pid, sig, info): to itself, with the info it gives
 * (sigqueue: SI_QUEUE and a value). A full queue is -EAGAIN. */
int64_t sys_rt_sigqueueinfo(const struct trap_frame *f)
{
	struct task *t = task_current();
	int32_t sig = (int32_t)f->rsi;
	struct abi_siginfo u;
	if ((int32_t)f->rdi != (int32_t)t->pid)
		return -ESRCH;
	if (copy_from_user(&u, f->rdx, sizeof(u)))
		return -EFAULT;
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (sig == 0)
		return 0;
	struct signal_info info = { .code = u.si_code, .pid = u.u.rt.si_pid, .value = u.u.rt.si_value };
	return signal_post(t, (uint32_t)sig, &info);
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
	return sig_send(t, f->rsi, SI_USER);
}

int64_t sys_tkill(const struct trap_frame *f)
{
	struct task *t = task_current();
	if ((int32_t)f->rdi <= 0)
		return -EINVAL;
	if ((uint32_t)f->rdi != t->pid)
		return -ESRCH;
	return sig_send(t, f->rsi, SI_TKILL);
}

int64_t sys_tgkill(const struct trap_frame *f)
{
	struct task *t = task_current();
	if ((int32_t)f->rdi <= 0 || (int32_t)f->rsi <= 0)
		return -EINVAL;
	if ((uint32_t)f->rdi != t->pid || (uint32_t)f->rsi != t->pid)
		return -ESRCH;
	return sig_send(t, f->rdx, SI_TKILL);
}

/* rt_sigaction(sig, act, oact, sigsetsize). SIGKILL and SIGSTOP keep
 * their default action. */
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
	if (f->rdx && copy_to_user(f->rdx, &t->sig->act[sig - 1], sizeof(act)))
		return -EFAULT;
	if (f->rsi)
		signal_action_set(t, (uint32_t)sig, &act);
	return 0;
}

/* Unblocking may make a pending signal deliverable on the way out. */
static void mask_set(struct task *t, uint64_t mask)
{
	t->sigmask = mask & ~UNCATCHABLE;
	if (signal_deliverable(t))
		this_cpu()->work = 1;
}

/* rt_sigprocmask(how, set, oset, sigsetsize). */
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
	mask_set(t, how == SIG_BLOCK ? t->sigmask | set : how == SIG_UNBLOCK ? t->sigmask & ~set : set);
	return 0;
}

/* rt_sigpending(set, sigsetsize): the pending ones that are blocked. */
int64_t sys_rt_sigpending(const struct trap_frame *f)
{
	struct task *t = task_current();
	if (f->rsi != SIGSET_SIZE)
		return -EINVAL;
	uint64_t pending = t->sigpending & t->sigmask;
	return copy_to_user(f->rdi, &pending, sizeof(pending));
}

/* Wait for a signal: sleep until one is delivered (or the alarm fires);
 * -EINTR either way. */
static int64_t sig_wait(struct task *t)
{
	if (!signal_deliverable(t))
		sched_sleep_current(~0ULL);
	else
		this_cpu()->work = 1;
	return -EINTR;
}

int64_t sys_pause(const struct trap_frame *f)
{
	(void)f;
	return sig_wait(task_current());
}

/* rt_sigsuspend(mask, sigsetsize): wait with mask; the old mask comes
 * back when the handler returns (it is the frame's uc_sigmask). */
int64_t sys_rt_sigsuspend(const struct trap_frame *f)
{
	struct task *t = task_current();
	uint64_t mask;
	if (f->rsi != SIGSET_SIZE)
		return -EINVAL;
	if (copy_from_user(&mask, f->rdi, sizeof(mask)))
		return -EFAULT;
	t->saved_mask = t->sigmask;
	t->has_saved_mask = 1;
	t->sigmask = mask & ~UNCATCHABLE;
	return sig_wait(t);
}

/* rt_sigreturn: every register from the frame on the user stack. The
 * frame the entry built is the kernel stack's own: written here. */
int64_t sys_rt_sigreturn(const struct trap_frame *f)
{
	return signal_return((struct trap_frame *)f);
}

/* sigaltstack(ss, old_ss). */
int64_t sys_sigaltstack(const struct trap_frame *f)
{
	struct task *t = task_current();
	if (f->rsi) {
		struct abi_sigaltstack old;
		memset(&old, 0, sizeof(old)); /* its padding too: no kernel stack bytes out */
		old.ss_sp = t->altstack.ss_sp;
		old.ss_size = t->altstack.ss_size;
		old.ss_flags = signal_altstack_flags(t, f->rsp);
		if (copy_to_user(f->rsi, &old, sizeof(old)))
			return -EFAULT;
	}
	if (!f->rdi)
		return 0;
	struct abi_sigaltstack want;
	if (copy_from_user(&want, f->rdi, sizeof(want)))
		return -EFAULT;
	return signal_altstack_set(t, &want, f->rsp);
}

/* ITIMER_REAL in TSC ticks, from and to struct timeval. */
static uint64_t tv_ticks(long long sec, long long usec)
{
	uint64_t us = (uint64_t)sec * 1000000ULL + (uint64_t)usec;
	return clock_ns_to_ticks(us * 1000ULL, time_tsc_hz());
}

static void ticks_tv(uint64_t ticks, long long *sec, long long *usec)
{
	uint64_t us = ticks / time_tsc_per_us();
	*sec = (long long)(us / 1000000ULL);
	*usec = (long long)(us % 1000000ULL);
}

static void itimer_get(const struct task *t, struct abi_itimerval *v)
{
	uint64_t now = cpu_rdtsc();
	*v = (struct abi_itimerval){ 0 };
	if (t->alarm_tsc) {
		ticks_tv(t->alarm_tsc > now ? t->alarm_tsc - now : 0, &v->it_value.tv_sec,
			 &v->it_value.tv_usec);
		if (!v->it_value.tv_sec && !v->it_value.tv_usec)
			v->it_value.tv_usec = 1; /* due, not fired yet: still pending */
	}
	ticks_tv(t->alarm_interval, &v->it_interval.tv_sec, &v->it_interval.tv_usec);
}

/* The timer now goes off at value (and every interval after): the
 * scheduler's timer is re-armed for it on the way out. */
static void itimer_set(struct task *t, uint64_t value, uint64_t interval)
{
	uint64_t now = cpu_rdtsc();
	t->alarm_tsc = !value ? 0 : value > ~0ULL - now ? ~0ULL : now + value;
	t->alarm_interval = value ? interval : 0;
	sched_rearm();
}

/* Only ITIMER_REAL: the CPU-time ones are -EINVAL here (docs/abi.md). */
int64_t sys_getitimer(const struct trap_frame *f)
{
	struct abi_itimerval v;
	if (f->rdi != ITIMER_REAL)
		return -EINVAL;
	itimer_get(task_current(), &v);
	return copy_to_user(f->rsi, &v, sizeof(v));
}

static int tv_ok(long long sec, long long usec)
{
	return sec >= 0 && usec >= 0 && usec < 1000000 && sec < 1000000000LL;
}

int64_t sys_setitimer(const struct trap_frame *f)
{
	struct task *t = task_current();
	struct abi_itimerval v, old;
	if (f->rdi != ITIMER_REAL)
		return -EINVAL;
	if (f->rsi && copy_from_user(&v, f->rsi, sizeof(v)))
		return -EFAULT;
	if (f->rsi && (!tv_ok(v.it_value.tv_sec, v.it_value.tv_usec) ||
		       !tv_ok(v.it_interval.tv_sec, v.it_interval.tv_usec)))
		return -EINVAL;
	itimer_get(t, &old);
	if (f->rdx && copy_to_user(f->rdx, &old, sizeof(old)))
		return -EFAULT;
	if (f->rsi)
		itimer_set(t, tv_ticks(v.it_value.tv_sec, v.it_value.tv_usec),
			   tv_ticks(v.it_interval.tv_sec, v.it_interval.tv_usec));
	return 0;
}

/* alarm(seconds): the seconds left of the previous one (rounded up). */
int64_t sys_alarm(const struct trap_frame *f)
{
	struct task *t = task_current();
	struct abi_itimerval old;
	itimer_get(t, &old);
	uint32_t secs = (uint32_t)f->rdi;
	itimer_set(t, secs ? tv_ticks(secs, 0) : 0, 0);
	/* As Linux: rounded to the nearest second, but never 0 while one
	 * is pending. */
	long long left = old.it_value.tv_sec + (old.it_value.tv_usec >= 500000);
	return !left && (old.it_value.tv_sec || old.it_value.tv_usec) ? 1 : left;
}
