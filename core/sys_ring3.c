/* ring3's own calls: kinfo, report mode, kernel self-tests (docs/abi.md). */
#include "syscall.h"
#include "console.h"
#include "cpu_features.h"
#include "layout.h"
#include "task.h"
#include "this_cpu.h"
#include "uaccess.h"
#include "user_range.h"

extern const char syscall_entry[];
const struct handoff *syscall_handoff; /* set once at boot: for the selftest gate */

int64_t sys_ring3_kinfo(const uint64_t a[6])
{
	struct percpu *cpu = this_cpu();
	struct task *t = cpu->task;
	const struct cpu_features *f = &cpu_boot_features;
	struct ring3_kinfo k = {
		.kernel_text = (uint64_t)(uintptr_t)syscall_entry,
		.kernel_data = (uint64_t)(uintptr_t)cpu,
		.kernel_stack = cpu->tss.rsp[0],
		.region_end = USER_BASE + t->region_size,
		.stack_base = USER_STACK_BASE,
		.stack_top = USER_STACK_TOP,
		.cpu = cpu->cpu_id,
		.features = (f->nx ? RING3_FEAT_NX : 0) | (f->smep ? RING3_FEAT_SMEP : 0) |
			    (f->smap ? RING3_FEAT_SMAP : 0) | (f->umip ? RING3_FEAT_UMIP : 0),
	};
	return copy_to_user(a[0], &k, sizeof(k));
}

int64_t sys_ring3_report(const uint64_t a[6])
{
	struct task *t = task_current();
	if (a[0] != RING3_REPORT_CALLS && a[0] != RING3_REPORT_QUIET)
		return -EINVAL;
	t->quiet = a[0] == RING3_REPORT_QUIET;
	console_line(CON_INFO, "REPORT cpu=%u pid=%u mode=%s", this_cpu_id(), t->pid,
		     t->quiet ? "quiet" : "calls");
	return 0;
}

/* Far deeper than any kernel stack: the recursion ends at the guard page. */
static volatile uint64_t selftest_depth_limit = ~0ULL;

/* Eats kernel stack until the guard page below it faults. */
static __attribute__((noinline)) uint64_t selftest_recurse(uint64_t depth)
{
	volatile uint8_t pad[512];
	pad[0] = (uint8_t)depth;
	if (depth >= selftest_depth_limit)
		return pad[0];
	return selftest_recurse(depth + 1) + pad[0];
}

int64_t sys_ring3_selftest(const uint64_t a[6])
{
	if (!syscall_handoff || !(syscall_handoff->flags & HANDOFF_SELFTEST))
		return -EPERM;
	console_line(CON_INFO, "SELFTEST cpu=%u what=%llu", this_cpu_id(), (unsigned long long)a[0]);
	switch (a[0]) {
	case RING3_SELFTEST_STACK_OVERFLOW:
		return (int64_t)selftest_recurse(0);
	case RING3_SELFTEST_NULL_DEREF:
		return (int64_t)*(volatile uint64_t *)(uintptr_t)a[1];
	case RING3_SELFTEST_SMAP: /* a user address, read without STAC */
		if (!user_range_ok(a[1], 1))
			return -EFAULT;
		return *(volatile uint8_t *)(uintptr_t)a[1];
	case RING3_SELFTEST_SMEP: /* a user address of a RET instruction */
		if (!user_range_ok(a[1], 1))
			return -EFAULT;
		((void (*)(void))(uintptr_t)a[1])();
		return 0;
	}
	return -EINVAL;
}
