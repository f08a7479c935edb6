/* Process-like syscalls: ids, uname, getcpu, exit. */
#include "core/sys/syscall.h"
#include "core/console/console.h"
#include "core/task/task.h"
#include "core/cpu/this_cpu.h"
#include "core/entry/uaccess.h"

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

int64_t sys_exit(const struct trap_frame *f)
{
	struct task *t = this_cpu()->task;
	console_line(CON_INFO, "EXIT cpu=%u pid=%u code=%lld", this_cpu_id(), t->pid,
		     (long long)(int32_t)f->rdi);
	task_exit((int32_t)f->rdi);
}
