/* Process-like syscalls: ids, yield, uname, getcpu, exit. */
#include "syscall.h"
#include "console.h"
#include "task.h"
#include "this_cpu.h"
#include "uaccess.h"

int64_t sys_getpid(const uint64_t a[6])
{
	(void)a;
	return this_cpu()->task->pid;
}

/* One thread per task: its thread id is its process id. */
int64_t sys_gettid(const uint64_t a[6])
{
	return sys_getpid(a);
}

/* One task per CPU: there is nobody to yield to. */
int64_t sys_sched_yield(const uint64_t a[6])
{
	(void)a;
	return 0;
}

static void field_set(char *dst, const char *src)
{
	unsigned i = 0;
	for (; src[i] && i < UTSNAME_FIELD_LEN - 1; i++)
		dst[i] = src[i];
	for (; i < UTSNAME_FIELD_LEN; i++)
		dst[i] = 0;
}

int64_t sys_uname(const uint64_t a[6])
{
	struct utsname u;
	field_set(u.sysname, "ring3");
	field_set(u.nodename, "uefi");
	field_set(u.release, "1.0");
	field_set(u.version, "ring3 UEFI demo kernel");
	field_set(u.machine, "x86_64");
	field_set(u.domainname, "(none)");
	return copy_to_user(a[0], &u, sizeof(u));
}

/* getcpu(unsigned *cpu, unsigned *node, void *cache): either pointer may be NULL. */
int64_t sys_getcpu(const uint64_t a[6])
{
	uint32_t cpu = this_cpu_id(), node = 0;
	int64_t err = 0;
	if (a[0])
		err = copy_to_user(a[0], &cpu, sizeof(cpu));
	if (!err && a[1])
		err = copy_to_user(a[1], &node, sizeof(node));
	return err;
}

int64_t sys_exit(const uint64_t a[6])
{
	struct task *t = this_cpu()->task;
	console_line(CON_INFO, "EXIT cpu=%u pid=%u code=%lld", this_cpu_id(), t->pid,
		     (long long)(int32_t)a[0]);
	task_exit((int32_t)a[0]);
}
