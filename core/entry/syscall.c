/* Syscall dispatch: a short path when summarised, the report line otherwise. */
#include "core/sys/syscall.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/abi/layout.h"
#include "core/entry/nospec.h"
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
 * syscall_entry's IRETQ path found a return RIP that is not canonical
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
static __attribute__((noinline)) int64_t syscall_dispatch_reported(struct trap_frame *f,
								    struct task *t)
{
	uint64_t t0 = cpu_rdtsc();
	uint64_t nr = f->rax;
	const struct syscall_desc *d = syscall_lookup(nr);
	int64_t ret = d ? d->fn(f) : -ENOSYS;
	uint64_t cycles = cpu_rdtsc() - t0;

	if (t->report == RING3_REPORT_QUIET_IRET) {
		/* RF changes nothing for the user here (no instruction
		 * breakpoints), but it sends syscall_entry down its IRETQ path. */
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

/*
 * Contract: called by syscall_entry (and int80_entry) on the task's
 * kernel stack, GS = this CPU's block, interrupts off; returns the result
 * for frame->rax (the entry stores it and counts the call). When the
 * task's calls are summarised (RING3_REPORT_QUIET) this is the whole of
 * the kernel's C work on a call, ending in a tail call of the handler:
 * the per-call report costs one compare and branch here. cycles= on a
 * SYSCALL line covers dispatch and handler, not the entry stub nor the
 * printing (docs/design.md).
 *
 * Three copies differ only in how the handler's indirect jump is made
 * (mitigation_hw.c retargets the entries' calls at the one chosen):
 * plain; after an LFENCE, so the jump waits for its real target (AMD's
 * advice); or through a retpoline, which the branch predictor cannot
 * steer (GCC's indirect_branch attribute builds it inline).
 */
#define SYSCALL_DISPATCH_BODY(f, fence)                                              \
	do {                                                                         \
		struct task *t = task_current();                                     \
		if (__builtin_expect(t->report != RING3_REPORT_QUIET, 0))            \
			return syscall_dispatch_reported(f, t);                      \
		uint64_t nr = f->rax;                                                \
		if (nr >= SYS_TABLE_SIZE)                                            \
			return -ENOSYS;                                              \
		fence;                                                               \
		return syscall_handlers[nr & nospec_mask(nr, SYS_TABLE_SIZE)](f);    \
	} while (0)

int64_t syscall_dispatch(struct trap_frame *f)
{
	SYSCALL_DISPATCH_BODY(f, (void)0);
}

int64_t syscall_dispatch_lfence(struct trap_frame *f)
{
	SYSCALL_DISPATCH_BODY(f, __asm__ volatile("lfence" ::: "memory"));
}

__attribute__((indirect_branch("thunk-inline"))) int64_t syscall_dispatch_retpoline(struct trap_frame *f)
{
	SYSCALL_DISPATCH_BODY(f, (void)0);
}
