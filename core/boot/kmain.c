/* The kernel after ExitBootServices: take the CPU over, run the payloads. */
#include "core/boot/boot_report.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/cpu_features.h"
#include "core/cpu/cpu_setup.h"
#include "core/boot/handoff.h"
#include "core/cpu/hw.h"
#include "core/cpu/idt.h"
#include "core/cpu/mitigation_hw.h"
#include "core/cpu/fpu.h"
#include "core/cpu/lapic.h"
#include "core/cpu/pmu.h"
#include "core/cpu/control_regs.h"
#include "core/cpu/this_cpu.h"
#include "core/cpu/time.h"
#include "core/task/sched.h"
#include "core/dev/pic.h"
#include "core/boot/panic.h"
#include "core/console/fbcon.h"
#include "core/dev/serial.h"
#include "core/mm/image_alias.h"
#include "core/mm/kernel_layout.h"
#include "core/mm/page_alloc.h"
#include "core/mm/pti.h"
#include "core/cpu/smp.h"
#include "core/task/task.h"


struct handoff *boot_handoff;

static void serial_sink_write(const char *s, size_t n, enum console_class cls)
{
	/* The verdict and a panic's report are worth waiting for on a
	 * stalled line; no other line is (a program could take thousands
	 * of signals, each with its lines). */
	serial_write(s, n, cls == CON_RESULT   ? SERIAL_VERDICT
			   : console_in_panic() ? SERIAL_REPORT
						: SERIAL_DROPPABLE);
}

static const struct console_sink serial_sink = { serial_sink_write };

/*
 * Contract: entered from kernel_entry (start.S) on the bootstrap CPU's
 * kernel stack, after ExitBootServices, interrupts off, on the loader's
 * low_cr3. Never returns: ends in DONE and power-off.
 */
/*
 * The LAPIC timer, in TSC-deadline mode where CPUID has it, checked: a
 * deadline 1 ms ahead must raise its interrupt within 50 ms (seen in the
 * APIC's request register, with interrupts still off), or the timer
 * falls back to one-shot mode (some emulators list the feature and do
 * not deliver it). The interrupt is then taken, with sti; hlt. 1 if the
 * timer works.
 */
static int timer_start(const struct cpu_features *feat)
{
	lapic_timer_calibrate(feat->tsc_deadline);
	lapic_timer_cpu_init();
	for (int tries = feat->tsc_deadline ? 2 : 1; tries > 0; tries--) {
		uint64_t per_us = time_tsc_per_us(), t0 = cpu_rdtsc();
		lapic_timer_arm(t0 + 1000 * per_us);
		while (!lapic_timer_pending() && cpu_rdtsc() - t0 < 50000 * per_us)
			cpu_pause();
		lapic_timer_arm(0);
		if (lapic_timer_pending()) { /* in time, or just late: it works */
			__asm__ volatile("sti; hlt; cli" ::: "memory");
			return 1;
		}
		if (tries == 2) {
			lapic_timer_calibrate(0); /* TSC-deadline did not fire: one-shot */
			lapic_timer_cpu_init();
		}
	}
	console_line(CON_FAULT, "TIMER cpu=0 status=silent: no preemption; sleeps and limits are polled");
	return 0;
}

void core_main(struct handoff *h) __attribute__((noreturn));
void core_main(struct handoff *h)
{
	boot_handoff = h;
	pt_phys_offset = KERNEL_DIRECT_MAP; /* tables are reached through the direct map */
	int serial = serial_init(h->serial_port ? h->serial_port : COM1_PORT);
	if (serial)
		console_add_sink(&serial_sink);
	fbcon_init(&h->fb);
	if (h->magic != HANDOFF_MAGIC || h->version != HANDOFF_VERSION ||
	    h->size != sizeof(struct handoff))
		panic("boot protocol mismatch: magic 0x%x version %u size %u, want 0x%x %u %u",
		      h->magic, h->version, h->size, HANDOFF_MAGIC, HANDOFF_VERSION,
		      (unsigned)sizeof(struct handoff));
	if (h->exit_bs_status)
		panic("ExitBootServices failed (EFI status 0x%llx)",
		      (unsigned long long)h->exit_bs_status);

	struct cpu_features feat;
	cpu_features_detect(&feat);
	cpu_boot_features = feat;
	cpu_pte_nx = feat.nx ? PTE_NX : 0;
	mitigation_init(&feat, h->mitigate_on, h->mitigate_off);
	image_alias_seal(h->kernel_cr3); /* the text is final: no more patching */
	idt_init();
	image_data_seal(h->kernel_cr3, idt_table, sizeof(idt_table)); /* read-only from now on */

	const struct handoff_cpu *hc = &h->cpus[0];
	cpu_setup(phys_to_virt(hc->percpu), hc, 0, &feat);
	fpu_setup(&feat);
	if (pmu_setup(&feat)) {
		/* No counters after all: the APs follow this choice. */
		feat.pmu.used = 0;
		feat.pmu.why = PMU_MSR_REFUSED;
		cpu_boot_features = feat;
	}
	pic_mask_all();
	time_calibrate();
	if (h->lapic_virt || h->apic_mode == HANDOFF_APIC_X2APIC)
		lapic_init(h->lapic_virt, h->apic_mode == HANDOFF_APIC_X2APIC);
	sched_setup(h, timer_start(&feat));
	/* On the kernel's own tables, stack, GDT and IDT: nothing of the
	 * firmware's boot-services memory is in use any more. */
	page_alloc_init(h);
	pti_init(h);
	console_line(CON_INFO, "KERNEL ring3: own GDT, IDT, TSS, page tables and SYSCALL MSRs installed");
	boot_report(h, &feat);
	mitigation_report(0);
	pti_report();
	uint64_t free_at_boot = page_alloc_free_pages();
	console_line(CON_INFO, "MEM total_kib=%llu free_kib=%llu task_limit_kib=%llu lower_half_kernel_pages=%llu",
		     (unsigned long long)(page_alloc_total_pages() * PAGE_SIZE / 1024),
		     (unsigned long long)(free_at_boot * PAGE_SIZE / 1024),
		     (unsigned long long)(h->mem_limit / 1024),
		     (unsigned long long)pt_count_lower_supervisor(h->kernel_cr3));
	console_line(CON_INFO, "BOOT cpu=0 serial=%s port=0x%x source=%s", serial ? "on" : "none",
		     h->serial_port, h->serial_from_spcr ? "spcr" : "com1");

	smp_start(h, &feat);
	int pass = smp_run(h);
	/* Every task gave all its pages back: the pool is as it was at boot. */
	uint64_t free_at_end = page_alloc_free_pages();
	console_line(free_at_end == free_at_boot ? CON_INFO : CON_FAULT,
		     "MEM free_kib=%llu at_boot_kib=%llu leaked_pages=%lld",
		     (unsigned long long)(free_at_end * PAGE_SIZE / 1024),
		     (unsigned long long)(free_at_boot * PAGE_SIZE / 1024),
		     (long long)(free_at_boot - free_at_end));
	power_done(pass && free_at_end == free_at_boot);
}
