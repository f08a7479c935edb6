/*
 * Process-like syscalls: ids, uname, limits, the process name, random
 * bytes, futex for one thread, exit. A task is a process of one thread,
 * run by root, with no parent it could see (getppid is 0, as for a
 * process whose parent is outside its namespace) and in a session and
 * process group of its own.
 */
#include "core/sys/syscall.h"
#include "core/console/console.h"
#include "core/task/task.h"
#include "core/cpu/this_cpu.h"
#include "core/cpu/time.h"
#include "core/entry/uaccess.h"
#include "core/entry/user_range.h"
#include "core/lib/futex_op.h"
#include "core/mm/page_alloc.h"
#include "core/lib/string.h"
#include "core/fs/vfs.h"

int64_t sys_getpid(const struct trap_frame *f)
{
	(void)f;
	return task_current()->pid;
}

/* set_tid_address: no threads to join, so the address is not kept; the
 * caller's thread id back, as on Linux. */
int64_t sys_set_tid_address(const struct trap_frame *f)
{
	return sys_getpid(f);
}

/* One thread per task: its thread id is its process id. */
int64_t sys_gettid(const struct trap_frame *f)
{
	return sys_getpid(f);
}

static void field_set(char *dst, const char *src)
{
	unsigned i = 0;
	for (; src[i] && i < UTSNAME_FIELD_LEN - 1; i++)
		dst[i] = src[i];
	for (; i < UTSNAME_FIELD_LEN; i++)
		dst[i] = 0;
}

int64_t sys_uname(const struct trap_frame *f)
{
	struct utsname u;
	field_set(u.sysname, "ring3");
	field_set(u.nodename, "uefi");
	field_set(u.release, "1.0");
	field_set(u.version, "ring3 UEFI demo kernel");
	field_set(u.machine, "x86_64");
	field_set(u.domainname, "(none)");
	return copy_to_user(f->rdi, &u, sizeof(u));
}

/* getcpu(unsigned *cpu, unsigned *node, void *cache): either pointer may be NULL. */
int64_t sys_getcpu(const struct trap_frame *f)
{
	uint32_t cpu = this_cpu_id(), node = 0;
	int64_t err = 0;
	if (f->rdi)
		err = copy_to_user(f->rdi, &cpu, sizeof(cpu));
	if (!err && f->rsi)
		err = copy_to_user(f->rsi, &node, sizeof(node));
	return err;
}

/* exit and exit_group: the status a parent would see is the low 8 bits. */
int64_t sys_exit(const struct trap_frame *f)
{
	struct task *t = this_cpu()->task;
	uint32_t code = (uint32_t)f->rdi & 0xff;
	console_line(CON_INFO, "EXIT cpu=%u pid=%u code=%u", this_cpu_id(), t->pid, code);
	task_exit(code);
}

int64_t sys_getppid(const struct trap_frame *f)
{
	(void)f;
	return 0;
}

/* getuid, geteuid, getgid, getegid: root. */
int64_t sys_getuid(const struct trap_frame *f)
{
	(void)f;
	return 0;
}

/* getpgrp: its own group. getpgid and getsid: of itself only. */
int64_t sys_getpgrp(const struct trap_frame *f)
{
	(void)f;
	return task_current()->pid;
}

int64_t sys_getpgid(const struct trap_frame *f)
{
	struct task *t = task_current();
	if (f->rdi && f->rdi != t->pid)
		return -ESRCH;
	return t->pid;
}

/* getgroups: no supplementary groups. */
int64_t sys_getgroups(const struct trap_frame *f)
{
	return (int32_t)f->rdi < 0 ? -EINVAL : 0;
}

int64_t sys_umask(const struct trap_frame *f)
{
	struct task *t = task_current();
	uint32_t old = t->umask;
	t->umask = (uint32_t)f->rdi & 0777;
	return old;
}

/* prctl: the process name; every other option is -EINVAL. */
int64_t sys_prctl(const struct trap_frame *f)
{
	struct task *t = task_current();
	char name[TASK_COMM_LEN] = { 0 }; /* a short copy leaves no stack bytes */
	switch (f->rdi) {
	case PR_SET_NAME:
		if (copy_from_user(name, f->rsi, sizeof(name) - 1)) {
			/* A shorter string may end before an unmapped page. */
			if (copy_string_from_user(name, f->rsi, sizeof(name)) == -EFAULT)
				return -EFAULT;
		}
		name[sizeof(name) - 1] = 0;
		for (unsigned i = 0; i < sizeof(name); i++)
			t->comm[i] = name[i];
		return 0;
	case PR_GET_NAME:
		return copy_to_user(f->rsi, t->comm, sizeof(t->comm));
	default:
		return -EINVAL;
	}
}

/* sched_getaffinity: a task runs on its one CPU; the mask is one word. */
int64_t sys_sched_getaffinity(const struct trap_frame *f)
{
	uint64_t size = f->rsi, mask = 1ULL << this_cpu_id();
	if (f->rdi && f->rdi != task_current()->pid)
		return -ESRCH;
	if (size < sizeof(mask) || (size & (sizeof(mask) - 1)))
		return -EINVAL;
	return copy_to_user(f->rdx, &mask, sizeof(mask)) ?: (int64_t)sizeof(mask);
}

/* getrandom: what /dev/urandom gives, at most 1 MiB a call (Linux: 32
 * MiB; a short count is legal). */
int64_t sys_getrandom(const struct trap_frame *f)
{
	if (f->rdx & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
	    (f->rdx & (GRND_RANDOM | GRND_INSECURE)) == (GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	return vfs_generate(f->rdi, f->rsi, 1);
}

int64_t sys_sysinfo(const struct trap_frame *f)
{
	struct abi_sysinfo si;
	memset(&si, 0, sizeof(si));
	si.uptime = (int64_t)(time_now_us() / 1000000);
	si.totalram = page_alloc_total_pages() * PAGE_SIZE;
	si.freeram = page_alloc_free_pages() * PAGE_SIZE;
	si.procs = 1;
	si.mem_unit = 1;
	return copy_to_user(f->rdi, &si, sizeof(si));
}

/*
 * The limits are recorded and reported, not enforced: memory is bounded
 * by --mem-limit, descriptors by FD_MAX, CPU time by --cpu-limit. A soft
 * limit above the hard one is -EINVAL; as root, the hard one may rise.
 */
static int64_t rlimit_do(uint64_t pid, uint64_t res, uint64_t unew, uint64_t uold)
{
	struct task *t = task_current();
	struct abi_rlimit want;
	if (pid && pid != t->pid)
		return -ESRCH;
	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (unew) {
		if (copy_from_user(&want, unew, sizeof(want)))
			return -EFAULT;
		if (want.rlim_cur > want.rlim_max)
			return -EINVAL;
	}
	if (uold && copy_to_user(uold, &t->rlim[res], sizeof(t->rlim[res])))
		return -EFAULT;
	if (unew)
		t->rlim[res] = want;
	return 0;
}

int64_t sys_prlimit64(const struct trap_frame *f)
{
	return rlimit_do(f->rdi, f->rsi, f->rdx, f->r10);
}

int64_t sys_getrlimit(const struct trap_frame *f)
{
	return rlimit_do(0, f->rdi, 0, f->rsi);
}

int64_t sys_setrlimit(const struct trap_frame *f)
{
	return rlimit_do(0, f->rdi, f->rsi, 0);
}

#define ROBUST_LIST_HEAD_SIZE 24 /* struct robust_list_head on x86-64 */

/* set_robust_list: kept by no one (a task's one thread never dies
 * holding a lock another thread could wait on). */
int64_t sys_set_robust_list(const struct trap_frame *f)
{
	return f->rsi == ROBUST_LIST_HEAD_SIZE ? 0 : -EINVAL;
}

/*
 * A futex word's address as Linux's get_futex_key checks it: aligned
 * (-EINVAL), in user space (-EFAULT) and, for a shared futex, mapped
 * (-EFAULT; a private one is not touched until the operation needs it).
 */
static int64_t futex_word_check(uint64_t uaddr, int shared)
{
	uint32_t v;
	if (uaddr & 3)
		return -EINVAL;
	if (!user_range_ok(uaddr, sizeof(v)))
		return -EFAULT;
	return shared && copy_from_user(&v, uaddr, sizeof(v)) ? -EFAULT : 0;
}

/*
 * FUTEX_WAKE_OP: the operation val3 encodes is done on *uaddr2, read and
 * written with checked copies (one thread: nobody can change the word in
 * between); the comparison would decide whether uaddr2's waiters wake,
 * and there are none, so 0 woken. As on Linux, an unknown comparison is
 * -ENOSYS after the word is written.
 */
static int64_t futex_wake_op(const struct trap_frame *f, int shared)
{
	uint64_t uaddr2 = f->r8;
	uint32_t encoded = (uint32_t)f->r9, old, val;
	int64_t err = futex_word_check(f->rdi, shared) ?: futex_word_check(uaddr2, shared);
	if (err)
		return err;
	if (copy_from_user(&old, uaddr2, sizeof(old)))
		return -EFAULT;
	err = futex_op_apply(encoded, old, &val);
	if (err)
		return err;
	if (copy_to_user(uaddr2, &val, sizeof(val)))
		return -EFAULT;
	err = futex_op_compare(encoded, old);
	return err < 0 ? err : 0;
}

/*
 * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: nobody waits on uaddr, so nobody
 * is woken or moved (0), after Linux's checks: counts not negative, both
 * words' addresses, and for CMP_REQUEUE *uaddr still equal to val3
 * (-EAGAIN when it changed).
 */
static int64_t futex_requeue(const struct trap_frame *f, int shared, int compare)
{
	uint32_t now;
	if ((int32_t)f->rdx < 0 || (int32_t)f->r10 < 0)
		return -EINVAL;
	int64_t err = futex_word_check(f->rdi, shared) ?: futex_word_check(f->r8, shared);
	if (err || !compare)
		return err;
	if (copy_from_user(&now, f->rdi, sizeof(now)))
		return -EFAULT;
	return now == (uint32_t)f->r9 ? 0 : -EAGAIN;
}

/*
 * futex for a process of one thread: a wake finds no waiter (0); a wait
 * whose value has changed is -EAGAIN; a wait with a time-out times out
 * at once; a wait without one could never end, so the task is ended
 * (KILL reason=futex-deadlock) instead of hanging its CPU.
 */
int64_t sys_futex(const struct trap_frame *f)
{
	uint32_t cmd = (uint32_t)f->rsi & FUTEX_CMD_MASK, now;
	int shared = !(f->rsi & FUTEX_PRIVATE_FLAG);
	/* A realtime clock means something only to the waits that take an
	 * absolute time-out; Linux refuses it on every other operation. */
	if ((f->rsi & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET &&
	    cmd != FUTEX_WAIT_REQUEUE_PI && cmd != FUTEX_LOCK_PI2)
		return -ENOSYS;
	/* val3 of the bitset operations: a bitset that matches nobody. */
	if ((cmd == FUTEX_WAKE_BITSET || cmd == FUTEX_WAIT_BITSET) && !(uint32_t)f->r9)
		return -EINVAL;
	switch (cmd) {
	case FUTEX_WAKE_BITSET:
	case FUTEX_WAKE:
		return futex_word_check(f->rdi, shared); /* nobody to wake: 0 */
	case FUTEX_WAKE_OP:
		return futex_wake_op(f, shared);
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(f, shared, cmd == FUTEX_CMP_REQUEUE);
	case FUTEX_WAIT_BITSET:
	case FUTEX_WAIT:
		if (f->rdi & 3)
			return -EINVAL;
		if (copy_from_user(&now, f->rdi, sizeof(now)))
			return -EFAULT;
		if (now != (uint32_t)f->rdx)
			return -EAGAIN;
		if (f->r10)
			return -ETIMEDOUT;
		task_end_on_return(task_current(), "futex-deadlock", 0);
		return -EDEADLK; /* never seen: the task ends on its way out */
	default:
		return -ENOSYS;
	}
}
