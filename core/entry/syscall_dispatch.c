/*
 * The syscall dispatcher, in a file of its own because it is built
 * without -mindirect-branch-register (Makefile): its plain copy's jump
 * through the table then stays one instruction, `jmp *table(,%rax,8)`.
 */
#include "core/abi/layout.h"
#include "core/entry/entry.h"
#include "core/entry/nospec.h"
#include "core/sys/syscall.h"
#include "core/task/task.h"

/*
 * Contract: called by the syscall_entry_* variants (and int80_entry) on the task's
 * kernel stack, GS = this CPU's block, interrupts off; returns the result
 * for frame->rax (the entry stores it and counts the call). When the
 * task's calls are summarised (RING3_REPORT_QUIET) this is the whole of
 * the kernel's C work on a call, ending in a tail call of the handler:
 * the per-call report costs one compare and branch here. cycles= on a
 * SYSCALL line covers dispatch and handler, not the entry stub nor the
 * printing (docs/design.md).
 *
 * Two copies differ only in how the handler's indirect jump is made
 * (mitigation_hw.c retargets the entries' calls at the one chosen): a
 * plain jump, or a retpoline inline, which the branch predictor cannot
 * steer. Every other indirect branch of the kernel goes through a thunk
 * (indirect_thunk.S), patched to a retpoline with the same choice; these
 * two are exempt so that the plain one costs nothing.
 */
#define SYSCALL_DISPATCH_BODY(f)                                                     \
	do {                                                                         \
		struct task *t = task_current();                                     \
		if (__builtin_expect(t->report != RING3_REPORT_QUIET, 0))            \
			return syscall_dispatch_reported(f, t);                      \
		uint64_t nr = f->rax;                                                \
		if (nr >= SYS_TABLE_SIZE)                                            \
			return -ENOSYS;                                              \
		return syscall_handlers[nr & nospec_mask(nr, SYS_TABLE_SIZE)](f);    \
	} while (0)

__attribute__((indirect_branch("keep"))) int64_t syscall_dispatch(struct trap_frame *f)
{
	SYSCALL_DISPATCH_BODY(f);
}

__attribute__((indirect_branch("thunk-inline"))) int64_t syscall_dispatch_retpoline(struct trap_frame *f)
{
	SYSCALL_DISPATCH_BODY(f);
}
