/* Syscall dispatch and the per-call report line. */
#include "syscall.h"
#include "console.h"
#include "cpu.h"
#include "hw.h"
#include "layout.h"
#include "report_fmt.h"
#include "task.h"
#include "this_cpu.h"

/* Fills a FAULT line for a return the kernel refuses to make. */
static void syscall_refuse_return(const struct trap_frame *f)
{
	char line[200];
	struct fault_report r = {
		.cpu = this_cpu_id(), .vector = VEC_GP, .error = 0,
		.rip = f->rip, .rsp = f->rsp, .user = 1,
	};
	report_format_fault(line, sizeof(line), &r);
	console_line(CON_FAULT, "%s reason=noncanonical-return", line);
	task_kill();
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
	struct task *t = this_cpu()->task;
	t->syscalls++;
	this_cpu()->syscalls++;

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
	console_line(CON_CALL, "%s", line);

	/* SYSRET to a non-canonical RIP faults in ring 0 on Intel, and IRETQ
	 * would fault on it too: such a task cannot be resumed. */
	if (f->rip >= USER_SPACE_END)
		syscall_refuse_return(f);
}
