/* AP start-up (SDM vol. 3, 9.4) and the all-CPU run. */
#include "core/cpu/smp.h"
#include "core/cpu/ap_boot.h"
#include "core/boot/boot_report.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/cpu_setup.h"
#include "core/cpu/gdt.h"
#include "core/cpu/hw.h"
#include "core/cpu/lapic.h"
#include "core/cpu/pmu.h"
#include "core/lib/spinlock.h"
#include "core/task/task.h"
#include "core/cpu/this_cpu.h"
#include "core/cpu/time.h"
#include "core/cpu/fpu.h"
#include "core/task/sched.h"
#include "core/mm/kernel_layout.h"

/* How long the end of a run waits, in all, for the other CPUs to answer
 * its NMIs: an answer takes microseconds, but an emulator's CPU thread
 * may wait that long for a host core. */
#define STOP_TIMEOUT_US 1000000
/* How long past the run's wall-clock limit an AP may take to finish. */
#define AP_RUN_MARGIN_S 30

/* state[].online: who decided an AP's fate. The AP moves it from
 * AP_PENDING to AP_ONLINE when set up; the BSP, on time-out, to
 * AP_ABANDONED. One compare-and-swap each, so exactly one of them wins. */
#define AP_PENDING   0
#define AP_ONLINE    1
#define AP_ABANDONED 2

extern const char ap_trampoline_start[], ap_trampoline_end[];
extern const char ap_trampoline_pm32[], ap_trampoline_lm64[];

/* Per-CPU progress, each on its own cache line; written by that CPU. */
struct cpu_state {
	volatile uint32_t online;
	volatile uint32_t done;
	volatile uint32_t ok;
	volatile uint32_t stopped; /* halted for good, at a panic's request */
} __attribute__((aligned(64)));

static struct cpu_state state[CPUS_MAX];
static volatile uint32_t go;
/* The trampoline writes the AP's number here once it has copied its
 * parameters out of the shared page (struct ap_params, ack). */
static volatile uint32_t ap_ack;
static volatile uint32_t stopping; /* a panic asked every other CPU to halt */
static volatile uint32_t stopper;  /* the CPU that asked */
static const struct cpu_features *boot_feat;

/* The AP's first C code, on its own kernel stack, on low_cr3 (the
 * trampoline runs at its physical address); cpu_setup moves it to the
 * kernel's own tables. */
static void __attribute__((noreturn)) ap_entry(uint64_t cpu)
{
	struct handoff_cpu *hc = &boot_handoff->cpus[cpu];
	cpu_setup(phys_to_virt(hc->percpu), hc, (uint32_t)cpu, boot_feat);
	fpu_setup(boot_feat);
	if (pmu_setup(boot_feat)) /* the boot CPU's were accepted: report, go on */
		console_line(CON_FAULT, "BOOT cpu=%u pmu=refused: this CPU's counters do not run",
			     (unsigned)cpu);
	lapic_cpu_init(0);
	sched_cpu_init();
	uint32_t pending = AP_PENDING;
	if (!__atomic_compare_exchange_n(&state[cpu].online, &pending, AP_ONLINE, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		cpu_halt_forever(); /* too late: the BSP has given up on this CPU */
	boot_report(boot_handoff, boot_feat);
	while (!go)
		cpu_pause();
	state[cpu].ok = sched_run(boot_handoff, (uint32_t)cpu);
	state[cpu].done = 1;
	cpu_halt_forever();
}

static void trampoline_prepare(struct handoff *h, const struct cpu_features *feat)
{
	/* Written through the direct map (not executable); the AP runs it
	 * through low_cr3's identity mapping of the same page (not writable). */
	uint8_t *t = phys_to_virt(h->trampoline);
	for (const char *p = ap_trampoline_start; p < ap_trampoline_end; p++)
		t[p - ap_trampoline_start] = (uint8_t)*p;

	uint64_t *gdt = (uint64_t *)(t + AP_GDT_OFF);
	const uint8_t k = SEG_P | SEG_S | SEG_ACCESSED;
	gdt[0] = 0;
	gdt[AP_SEL_CODE32 >> 3] = gdt_encode_segment(k | SEG_CODE | SEG_RW, SEG_FLAG_G | SEG_FLAG_DB);
	gdt[AP_SEL_DATA32 >> 3] = gdt_encode_segment(k | SEG_RW, SEG_FLAG_G | SEG_FLAG_DB);
	gdt[AP_SEL_CODE64 >> 3] = gdt_encode_segment(k | SEG_CODE | SEG_RW, SEG_FLAG_G | SEG_FLAG_L);

	struct ap_params *p = (struct ap_params *)(t + AP_PARAMS_OFF);
	uint32_t base = (uint32_t)h->trampoline;
	p->gdt_limit = AP_GDT_ENTRIES * 8 - 1;
	p->gdt_base = base + AP_GDT_OFF;
	p->jmp32 = (struct ap_far_ptr){ base + (uint32_t)(ap_trampoline_pm32 - ap_trampoline_start),
					AP_SEL_CODE32, 0 };
	p->jmp64 = (struct ap_far_ptr){ base + (uint32_t)(ap_trampoline_lm64 - ap_trampoline_start),
					AP_SEL_CODE64, 0 };
	/* What long mode needs; cpu_setup then writes the whole value. */
	p->cr4 = CR4_PAE;
	p->efer = EFER_LME | EFER_SCE | (feat->nx ? EFER_NXE : 0);
	p->entry = (uint64_t)(uintptr_t)ap_entry;
	p->cr3 = h->low_cr3;
	p->ack = (uint64_t)(uintptr_t)&ap_ack;
}

static int smp_online(uint32_t cpu)
{
	return state[cpu].online == AP_ONLINE;
}

/* Wait (bounded) for *word to become want. */
static int smp_wait_for(volatile uint32_t *word, uint32_t want, uint64_t timeout_us)
{
	uint64_t until = time_now_us() + timeout_us;
	while (*word != want && time_now_us() < until)
		cpu_pause();
	return *word == want;
}

/*
 * Start one AP and wait until it is online, or give it up. The shared
 * parameter page is only ever rewritten for the next AP after this one
 * has acknowledged copying it, or after it has been sent INIT: a slow AP
 * can never read another AP's stack, nor come online later on its own.
 * 1: online; 0: not (reported); -1: an INIT that cannot be confirmed, so
 * the page must not be reused.
 */
static int smp_start_one(struct handoff *h, struct ap_params *p, uint32_t cpu)
{
	struct handoff_cpu *hc = &h->cpus[cpu];
	uint64_t timeout_us = (uint64_t)h->ap_timeout_ms * 1000;
	p->stack = hc->kstack_top;
	p->cpu = cpu;
	p->hold = (h->flags & HANDOFF_SLOW_AP) && cpu == 1;
	ap_ack = 0;
	if (lapic_start_ap(hc->apic_id, (uint8_t)(h->trampoline >> PAGE_SHIFT))) {
		console_line(CON_FAULT, "CPU cpu=%u apic_id=%u status=unaddressable", cpu, hc->apic_id);
		return 0;
	}
	int acked = smp_wait_for(&ap_ack, cpu, timeout_us);
	if (acked && smp_wait_for(&state[cpu].online, AP_ONLINE, timeout_us)) {
		console_line(CON_INFO, "CPU cpu=%u apic_id=%u status=online", cpu, hc->apic_id);
		return 1;
	}
	uint32_t pending = AP_PENDING;
	if (!__atomic_compare_exchange_n(&state[cpu].online, &pending, AP_ABANDONED, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		/* It made it after all, just now. */
		console_line(CON_INFO, "CPU cpu=%u apic_id=%u status=online", cpu, hc->apic_id);
		return 1;
	}
	/* It has printed nothing and holds no lock: INIT puts it back to
	 * waiting for a SIPI, wherever it was. If the INIT cannot be
	 * confirmed, the page may still be read: start no more APs. */
	int stopped = lapic_stop_ap(hc->apic_id) == 0;
	console_line(CON_FAULT, "CPU cpu=%u apic_id=%u status=missing stage=%s action=%s", cpu,
		     hc->apic_id, acked ? "setup" : "start", stopped ? "init" : "init-unconfirmed");
	return stopped ? 0 : -1;
}

/* The MADT's CPUs the loader did not give memory to, and why (it has
 * printed each one before ExitBootServices; this is the serial record). */
static void smp_report_left_out(const struct handoff *h)
{
	if (h->cpus_unaddressable)
		console_line(CON_INFO, "SMP not_started=%u reason=apic-id-above-%u",
			     h->cpus_unaddressable, LAPIC_XAPIC_ID_MAX);
	if (h->cpus_over_max)
		console_line(CON_INFO, "SMP not_started=%u reason=cpus-max-%u", h->cpus_over_max,
			     CPUS_MAX);
}

uint32_t smp_start(struct handoff *h, const struct cpu_features *feat)
{
	boot_feat = feat;
	state[0].online = AP_ONLINE;
	smp_report_left_out(h);
	if (h->cpu_count < 2 || !h->lapic_base || !h->trampoline)
		return 1;
	uint64_t per_us = time_tsc_per_us();
	console_line(CON_INFO,
		     "SMP cpus=%u madt=%u skipped=%u duplicates=%u lapic=0x%llx bsp_apic_id=%u tsc_per_us=%llu",
		     h->cpu_count, h->madt_cpus, h->madt_skipped, h->madt_duplicates,
		     (unsigned long long)h->lapic_base, lapic_id(), (unsigned long long)per_us);
	trampoline_prepare(h, feat);
	struct ap_params *p = phys_to_virt(h->trampoline + AP_PARAMS_OFF);
	uint32_t online = 1;
	for (uint32_t cpu = 1; cpu < h->cpu_count; cpu++) {
		int r = smp_start_one(h, p, cpu);
		if (r < 0) {
			console_line(CON_FAULT, "SMP stopped starting CPUs at cpu=%u: the start page may still be in use",
				     cpu);
			break;
		}
		online += (uint32_t)r;
	}
	return online;
}

int smp_stop_requested(void)
{
	return stopping;
}

void smp_stop_here(void)
{
	if (cpu_setup_gs_ready)
		state[this_cpu_id()].stopped = 1;
	cpu_halt_forever(); /* never IRETQ: NMIs stay blocked too */
}

void smp_stop_others(uint32_t self)
{
	if (!boot_handoff || stopping)
		return;
	stopper = self;
	stopping = 1;
	for (uint32_t cpu = 0; cpu < boot_handoff->cpu_count; cpu++)
		if (cpu != self && smp_online(cpu))
			lapic_send_nmi(boot_handoff->cpus[cpu].apic_id);
	uint64_t until = time_now_us() + STOP_TIMEOUT_US;
	for (uint32_t cpu = 0; cpu < boot_handoff->cpu_count; cpu++)
		while (cpu != self && smp_online(cpu) && !state[cpu].stopped && time_now_us() < until)
			cpu_pause();
}

void smp_stop_report(void)
{
	if (!boot_handoff || !stopping)
		return;
	for (uint32_t cpu = 0; cpu < boot_handoff->cpu_count; cpu++)
		if (cpu != stopper && smp_online(cpu))
			console_line(CON_FAULT, "STOP cpu=%u status=%s", cpu,
				     state[cpu].stopped ? "stopped" : "no-answer");
}

/* NMIs are counted in NMI context and reported here, where waiting for
 * the console is safe. */
static void smp_report_nmis(struct handoff *h)
{
	for (uint32_t cpu = 0; cpu < h->cpu_count; cpu++) {
		const struct percpu *p = phys_to_virt(h->cpus[cpu].percpu);
		if (smp_online(cpu) && p->nmis)
			console_line(CON_INFO, "NMI cpu=%u count=%llu", cpu, (unsigned long long)p->nmis);
	}
}

int smp_run(struct handoff *h)
{
	uint32_t online = 0;
	for (uint32_t cpu = 0; cpu < h->cpu_count; cpu++)
		online += (uint32_t)smp_online(cpu);
	console_set_cpus(online);
	go = 1;
	int ok = sched_run(h, 0);
	/* Every AP's tasks end by the run's wall-clock limit; a CPU still
	 * busy well after it is stuck in the kernel. */
	uint64_t limit_us = h->run_limit_s ? ((uint64_t)h->run_limit_s + AP_RUN_MARGIN_S) * 1000000 : 0;
	for (uint32_t cpu = 1; cpu < h->cpu_count; cpu++) {
		if (!smp_online(cpu))
			continue;
		uint64_t until = time_now_us() + limit_us;
		while (!state[cpu].done && (!limit_us || time_now_us() < until))
			cpu_pause();
		if (!state[cpu].done) {
			console_line(CON_FAULT, "CPU cpu=%u status=stuck", cpu);
			ok = 0;
		} else if (!state[cpu].ok) {
			ok = 0;
		}
	}
	smp_report_nmis(h);
	return ok;
}
