/* Syscall dispatch: a short path when summarised, the report line otherwise. */
#include "core/sys/syscall.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/abi/layout.h"
#include "core/entry/uaccess.h"
#include "core/abi/syscall_names.h"
#include "core/lib/fmt.h"
#include "core/lib/report_fmt.h"
#include "core/lib/strace_fmt.h"
#include "core/task/sched.h"
#include "core/task/task.h"
#include "core/cpu/this_cpu.h"
#include "core/entry/entry.h"
#include "core/entry/trap.h"
#include "core/task/signal.h"

/* syscall_entry_compat: compatibility-mode SYSCALL is not supported. */
void syscall_compat_refuse(struct trap_frame *f)
{
	trap_kill_user(f, VEC_UD, "compat-syscall");
}

/*
 * the SYSCALL entry's IRETQ path found a return RIP that is not canonical
 * (a SYSCALL in the last bytes below 2^47): neither SYSRET nor IRETQ can
 * go there without faulting in ring 0. The task gets the SIGSEGV (#GP)
 * that return would have raised on Linux: its handler, or its end.
 */
void syscall_refuse_return(struct trap_frame *f)
{
	signal_bad_return(f);
}

/*
 * Per-call report: time the call, then print its SYSCALL line, the
 * call's strace form at its end (docs/abi.md). A number with no handler
 * still carries Linux's name, and as many a0.. as Linux's call takes.
 */
__attribute__((noinline)) int64_t syscall_dispatch_reported(struct trap_frame *f, struct task *t)
{
	uint64_t t0 = cpu_rdtsc();
	uint64_t nr = f->rax;
	const struct syscall_desc *d = syscall_lookup(nr);
	int64_t ret = d ? d->fn(f) : -ENOSYS;
	uint64_t cycles = cpu_rdtsc() - t0;

	if (t->report == RING3_REPORT_QUIET_IRET) {
		/* RF changes nothing for the user here (no instruction
		 * breakpoints), but it sends the SYSCALL entry down its IRETQ path. */
		f->rflags |= RFLAGS_RF;
		return ret;
	}

	char line[CONSOLE_LINE_MAX - 1]; /* console_line cuts nothing off it */
	const char *linux_name = syscall_name(nr);
	int linux_nargs = syscall_nargs(nr);
	struct syscall_report rep = {
		.cpu = this_cpu_id(),
		.seq = sched_current_syscalls(t) + 1, /* the entry counts it after */
		.rip = f->rip,
		.nr = (int64_t)nr,
		.name = d ? d->name : linux_name ? linux_name : "unknown",
		.nargs = d ? d->nargs : linux_nargs > 0 ? (unsigned)linux_nargs : 0,
		.ret = ret,
		.cycles = cycles,
		.int80 = f->vector == SYSCALL_INT_VECTOR,
		.pid = t->pid,
		.tsc = t0,
		.args = { f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9 },
	};
	struct strace_call call = { .nr = nr, .ret = ret };
	for (unsigned i = 0; i < 6; i++)
		call.args[i] = rep.args[i];
	/* The fields take at most about 370 bytes (every number at its
	 * widest), so the strace form always has room to start. */
	int n = report_format_syscall(line, sizeof(line), &rep);
	n += fmt_snprintf(line + n, sizeof(line) - (size_t)n, " | ");
	strace_format(line + n, sizeof(line) - (size_t)n, &call, copy_from_user);
	console_line(CON_CALL, "%s", line);
	return ret;
}
