/* Syscall dispatch and the per-call report line. */
#include "syscall.h"
#include "console.h"
#include "cpu.h"
#include "hw.h"
#include "layout.h"
#include "report_fmt.h"
#include "task.h"
#include "this_cpu.h"
#include "trap.h"

/* syscall_entry_compat: compatibility-mode SYSCALL is not supported. */
void syscall_compat_refuse(struct trap_frame *f) __attribute__((noreturn));
void syscall_compat_refuse(struct trap_frame *f)
{
	trap_kill_user(f, VEC_UD, "compat-syscall");
}

/*
 * Contract: called by syscall_entry on the task's kernel stack, GS = this
 * CPU's block, interrupts off. The report is printed after the second
 * TSC read, so cycles= covers the dispatch and the handler, not the
 * printing (nor the entry stub: see docs/design.md).
 */
void syscall_dispatch(struct trap_frame *f)
{
	uint64_t t0 = cpu_rdtsc();
	uint64_t nr = f->rax;
	const uint64_t a[6] = { f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9 };
	const struct syscall_desc *d = syscall_lookup(nr);
	int64_t ret = d ? d->fn(a) : -ENOSYS;
	uint64_t cycles = cpu_rdtsc() - t0;

	f->rax = (uint64_t)ret;
	struct task *t = task_current();
	t->syscalls++;
	this_cpu()->syscalls++;

	/* SYSRET to a non-canonical RIP faults in ring 0 on Intel, and IRETQ
	 * would fault on it too: such a task cannot be resumed. */
	if (f->rip >= USER_SPACE_END)
		trap_kill_user(f, VEC_GP, "noncanonical-return");
	if (t->quiet)
		return;

	char line[320];
	struct syscall_report rep = {
		.cpu = this_cpu_id(),
		.seq = t->syscalls,
		.rip = f->rip,
		.nr = (int64_t)nr,
		.name = d ? d->name : "unknown",
		.nargs = d ? d->nargs : 0,
		.ret = ret,
		.cycles = cycles,
	};
	for (unsigned i = 0; i < 6; i++)
		rep.args[i] = a[i];
	report_format_syscall(line, sizeof(line), &rep);
	console_line(CON_CALL, "%s%s", line, f->vector == SYSCALL_INT_VECTOR ? " via=int80" : "");
}
