/* ring3's own calls: kinfo, report mode, kernel self-tests (docs/abi.md). */
#include "core/sys/syscall.h"
#include "core/console/console.h"
#include "core/lib/fmt.h"
#include "core/cpu/cpu_features.h"
#include "core/abi/layout.h"
#include "core/task/task.h"
#include "core/cpu/this_cpu.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/entry/entry.h"
#include "core/entry/uaccess.h"
#include "core/entry/user_range.h"
#include "core/cpu/gdt.h"
#include "core/cpu/idt.h"
#include "core/boot/panic.h"
#include "core/mm/kernel_layout.h"
#include "core/mm/paging.h"


int64_t sys_ring3_kinfo(const struct trap_frame *f)
{
	struct percpu *cpu = this_cpu();
	struct task *t = cpu->task;
	const struct cpu_features *feat = &cpu_boot_features;
	struct ring3_kinfo k = {
		.kernel_text = cpu_rdmsr(MSR_LSTAR),
		.kernel_data = (uint64_t)(uintptr_t)cpu,
		.kernel_stack = cpu->kstack_top,
		.region_end = USER_BASE + t->region_size,
		.mem_limit = t->mm->limit * PAGE_SIZE,
		/* A walk of the live tables: the proof that the lower half
		 * holds nothing of the kernel's. */
		.lower_kernel_pages = pt_count_lower_supervisor(t->mm->root),
		.stack_base = USER_STACK_BASE,
		.stack_top = USER_STACK_TOP,
		.cpu = cpu->cpu_id,
		.features = (feat->nx ? RING3_FEAT_NX : 0) | (feat->smep ? RING3_FEAT_SMEP : 0) |
			    (feat->smap ? RING3_FEAT_SMAP : 0) | (feat->umip ? RING3_FEAT_UMIP : 0) |
			    (feat->rdtscp ? RING3_FEAT_RDTSCP : 0) | (feat->pmu.used ? RING3_FEAT_PMU : 0),
		.bench_n = boot_handoff ? boot_handoff->bench_n : 0,
		.apic_id = cpu->apic_id,
		.cpus = console_cpus_online(),
		.pmu_version = feat->pmu.version,
		.pmu_fixed = feat->pmu.used,
		.pmu_width = feat->pmu.used ? feat->pmu.fixed_width : 0,
	};
	return copy_to_user(f->rdi, &k, sizeof(k));
}

int64_t sys_ring3_report(const struct trap_frame *f)
{
	struct task *t = task_current();
	static const char *const names[] = { "calls", "quiet", "quiet-iret" };
	if (f->rdi > RING3_REPORT_QUIET_IRET)
		return -EINVAL;
	t->report = (uint32_t)f->rdi;
	console_line(CON_INFO, "REPORT cpu=%u pid=%u mode=%s", this_cpu_id(), t->pid,
		     names[t->report]);
	return 0;
}

/* A byte in rodata, for RING3_SELFTEST_IMAGE_ALIAS. */
static const uint8_t selftest_ro_byte = 0x5A;

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

int64_t sys_ring3_selftest(const struct trap_frame *f)
{
	if (!boot_handoff || !(boot_handoff->flags & HANDOFF_SELFTEST))
		return -EPERM;
	console_line(CON_INFO, "SELFTEST cpu=%u what=%llu", this_cpu_id(), (unsigned long long)f->rdi);
	switch (f->rdi) {
	case RING3_SELFTEST_STACK_OVERFLOW:
		return (int64_t)selftest_recurse(0);
	case RING3_SELFTEST_NULL_DEREF:
		return (int64_t)*(volatile uint64_t *)(uintptr_t)f->rsi;
	case RING3_SELFTEST_SMAP: /* a user address, read without STAC */
		if (!user_range_ok(f->rsi, 1))
			return -EFAULT;
		return *(volatile uint8_t *)(uintptr_t)f->rsi;
	case RING3_SELFTEST_SMEP: /* a user address of a RET instruction */
		if (!user_range_ok(f->rsi, 1))
			return -EFAULT;
		((void (*)(void))(uintptr_t)f->rsi)();
		return 0;
	case RING3_SELFTEST_IMAGE_ALIAS: {
		/* Rewrite one byte with its own value, through the direct map
		 * or (the IDT) at its link address: harmless if it goes
		 * through (the call then returns 0), a kernel #PF (present,
		 * write) where the page is read-only. */
		const void *target = f->rsi == RING3_IMAGE_ALIAS_TEXT     ? (const void *)sys_ring3_selftest
				     : f->rsi == RING3_IMAGE_ALIAS_RODATA ? (const void *)&selftest_ro_byte
									  : (const void *)idt_table;
		uint64_t pa, flags;
		if (f->rsi > RING3_IMAGE_IDT ||
		    !pt_translate(boot_handoff->kernel_cr3, (uint64_t)(uintptr_t)target, &pa, &flags))
			return -EINVAL;
		volatile uint8_t *byte = f->rsi == RING3_IMAGE_IDT ? (volatile uint8_t *)idt_table
								     : phys_to_virt(pa);
		*byte = *byte;
		return 0;
	}
	case RING3_SELFTEST_PANIC_FAULT:
		/* The message argument is a non-canonical pointer: formatting
		 * it inside panic is a #GP there. */
		panic("selftest: %s", (const char *)(uintptr_t)0xdead000000000000ULL);
	case RING3_SELFTEST_BAD_RETURN: {
		/* The one handler that edits the frame it returns through: a
		 * selector ring 3 cannot load, and RF to send the SYSCALL entry down
		 * its IRETQ path (INT 0x80 always takes it). The IRETQ faults in
		 * ring 0, with the user's GS: the bad-return fixup's case. */
		struct trap_frame *w = (struct trap_frame *)(uintptr_t)f;
		if (f->rsi == RING3_BAD_RETURN_SS)
			w->ss = SEL_KDATA;
		else if (f->rsi == RING3_BAD_RETURN_CS)
			w->cs = SEL_KCODE | SEL_RPL_USER;
		else
			return -EINVAL;
		w->rflags |= RFLAGS_RF;
		return 0;
	}
	}
	return -EINVAL;
}

/*
 * The unit BENCH lines use: with --icount-shift=N (QEMU -icount), the TSC
 * advances 2^N per guest instruction, so ticks >> N are instructions. On
 * QEMU's TCG without icount the TSC follows the host clock: emulator
 * ticks, not CPU cycles. Anywhere else: TSC cycles.
 */
static const char *bench_unit(unsigned *shift)
{
	*shift = 0;
	if (boot_handoff && boot_handoff->tsc_shift >= 0) {
		*shift = (unsigned)boot_handoff->tsc_shift;
		return "instructions";
	}
	return cpu_boot_features.tcg ? "emulator-ticks" : "cycles";
}

int64_t sys_ring3_bench(const struct trap_frame *f)
{
	struct ring3_bench b;
	int64_t err = copy_from_user(&b, f->rdi, sizeof(b));
	if (err)
		return err;
	b.path[RING3_BENCH_NAME_MAX - 1] = 0;
	for (unsigned i = 0; b.path[i]; i++)
		if (b.path[i] <= ' ' || b.path[i] > '~')
			return -EINVAL;
	unsigned s;
	const char *unit = bench_unit(&s);
	typedef unsigned long long ull;
	console_line(CON_INFO, "BENCH path=%s n=%llu unit=%s min=%llu median=%llu p99=%llu max=%llu overhead=%llu",
		     b.path, (ull)b.n, unit, (ull)(b.min >> s), (ull)(b.median >> s), (ull)(b.p99 >> s),
		     (ull)(b.max >> s), (ull)(b.overhead >> s));
	char counts[RING3_BENCH_BUCKETS * 11 + 1];
	unsigned len = 0;
	for (unsigned i = 0; i < RING3_BENCH_BUCKETS; i++)
		len += (unsigned)fmt_snprintf(counts + len, sizeof(counts) - len, "%s%u", i ? "," : "",
					      b.hist[i]);
	console_line(CON_INFO, "BENCH-HIST path=%s unit=%s lo=%llu width=%llu counts=%s", b.path, unit,
		     (ull)(b.hist_lo >> s), (ull)((b.hist_width >> s) ? (b.hist_width >> s) : 1), counts);
	return 0;
}
