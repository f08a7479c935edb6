/* Local APIC: interrupt sources, IPIs, timer (contract in lapic.h). */
#include "core/cpu/lapic.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/cpu/irq.h"
#include "core/cpu/lapic_icr.h"
#include "core/cpu/time.h"

static volatile uint32_t *mmio; /* xAPIC registers, or 0 */
static int x2apic;               /* x2APIC: the MSRs instead */

static int lapic_present(void)
{
	return mmio || x2apic;
}

static uint32_t lapic_read(uint32_t reg)
{
	if (x2apic)
		return (uint32_t)cpu_rdmsr(lapic_x2apic_msr(reg));
	return mmio[reg / 4];
}

static void lapic_write(uint32_t reg, uint32_t v)
{
	if (x2apic) {
		uint32_t msr = lapic_x2apic_msr(reg);
		if (msr) /* the ICR's high half has no MSR of its own */
			cpu_wrmsr(msr, v);
	} else {
		mmio[reg / 4] = v;
	}
}

void lapic_init(uint64_t base, int x2apic_mode)
{
	x2apic = x2apic_mode;
	mmio = x2apic_mode ? 0 : (volatile uint32_t *)(uintptr_t)base;
	lapic_cpu_init(1);
}

const char *lapic_mode(void)
{
	return x2apic ? "x2apic" : mmio ? "xapic" : "none";
}

/* The LVT entries this APIC has (its version register says how many),
 * with their index: timer 0, LINT0 1, LINT1 2, error 3, perf 4,
 * thermal 5, CMCI 6. */
static const struct {
	uint32_t reg, index;
} lvt[] = {
	{ LAPIC_LVT_TIMER, 0 }, { LAPIC_LVT_LINT0, 1 }, { LAPIC_LVT_LINT1, 2 },
	{ LAPIC_LVT_ERROR, 3 }, { LAPIC_LVT_PERF, 4 },	{ LAPIC_LVT_THERMAL, 5 },
	{ LAPIC_LVT_CMCI, 6 },
};
#define LVT_COUNT (sizeof(lvt) / sizeof(lvt[0]))

static int lvt_present(unsigned i)
{
	uint32_t maxlvt = (lapic_read(LAPIC_VERSION) >> LAPIC_VERSION_MAXLVT_SHIFT) & 0xff;
	return lvt[i].index <= maxlvt;
}

/* Firmware may route the thermal sensor or CMCI to SMM: those stay its. */
static int lvt_is_smi(uint32_t v)
{
	return (v & LAPIC_LVT_DELIVERY_MASK) == LAPIC_LVT_DELIVERY_SMI;
}

void lapic_cpu_init(int bsp)
{
	if (!lapic_present())
		return;
	/* Enabled first: while the APIC is software-disabled every LVT mask
	 * bit reads as set and cannot be cleared (SDM 11.4.7.2). */
	uint32_t svr = lapic_read(LAPIC_SVR) & ~LAPIC_SVR_VECTOR_MASK;
	lapic_write(LAPIC_SVR, svr | LAPIC_SVR_ENABLE | IRQ_VEC_SPURIOUS);
	/* Every local interrupt source masked, whatever the firmware chose
	 * (LINT0 as ExtINT, a running timer): nothing arrives until a driver
	 * programs its entry. */
	for (unsigned i = 0; i < LVT_COUNT; i++) {
		if (!lvt_present(i))
			continue;
		uint32_t v = lapic_read(lvt[i].reg);
		if (!lvt_is_smi(v))
			lapic_write(lvt[i].reg, v | LAPIC_LVT_MASKED);
	}
	/* As on Linux: the platform's NMI (an NMI button, a hardware error,
	 * QEMU's monitor "nmi") arrives on the BSP's LINT1, so that entry is
	 * set, not inherited, to deliver an NMI. APIC errors are reported. */
	if (bsp)
		lapic_write(LAPIC_LVT_LINT1, LAPIC_LVT_DELIVERY_NMI);
	lapic_write(LAPIC_LVT_ERROR, IRQ_VEC_ERROR);
	lapic_error_status();
	/* Accept every priority, and finish whatever the firmware left in
	 * service: either would hold the timer's interrupt back for good. */
	lapic_write(LAPIC_TPR, 0);
	for (int i = 0; i < 256; i++) {
		int busy = 0;
		for (uint32_t r = 0; r < 8; r++)
			busy |= lapic_read(LAPIC_ISR + r * 0x10) != 0;
		if (!busy)
			break;
		lapic_eoi();
	}
}

const char *lapic_lvt_state(void)
{
	if (!lapic_present())
		return "untouched";
	for (unsigned i = 0; i < LVT_COUNT; i++) {
		uint32_t reg = lvt[i].reg;
		if (reg == LAPIC_LVT_LINT1 || reg == LAPIC_LVT_ERROR || reg == LAPIC_LVT_TIMER ||
		    !lvt_present(i))
			continue;
		uint32_t v = lapic_read(reg);
		if (!(v & LAPIC_LVT_MASKED) && !lvt_is_smi(v))
			return "UNMASKED";
	}
	return "masked";
}

const char *lapic_lint1_mode(void)
{
	if (!lapic_present())
		return "none";
	uint32_t v = lapic_read(LAPIC_LVT_LINT1);
	if (v & LAPIC_LVT_MASKED)
		return "masked";
	return (v & LAPIC_LVT_DELIVERY_MASK) == LAPIC_LVT_DELIVERY_NMI ? "nmi" : "other";
}

uint32_t lapic_id(void)
{
	if (x2apic)
		return lapic_read(LAPIC_ID); /* all 32 bits */
	return lapic_read(LAPIC_ID) >> LAPIC_ID_SHIFT;
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

uint32_t lapic_error_status(void)
{
	lapic_write(LAPIC_ESR, 0); /* latches the errors seen so far */
	return lapic_read(LAPIC_ESR);
}

/* Send one IPI and wait (bounded) until the APIC has taken it. -1, with
 * nothing sent, for an ID the xAPIC cannot address: a truncated ID would
 * INIT some other CPU, the bootstrap one included. -2 when the APIC
 * still says "send pending" after a millisecond. An x2APIC ICR write is
 * the send itself: there is no pending state to wait for. */
static int lapic_ipi(uint32_t apic_id, uint32_t low)
{
	if (x2apic) {
		cpu_wrmsr(MSR_IA32_X2APIC_ICR, lapic_icr_x2apic(apic_id, low));
		return 0;
	}
	uint32_t high;
	if (!mmio || lapic_icr_xapic_high(apic_id, &high))
		return -1;
	lapic_write(LAPIC_ICR_HIGH, high);
	lapic_write(LAPIC_ICR_LOW, low);
	uint64_t until = time_now_us() + 1000;
	while ((lapic_read(LAPIC_ICR_LOW) & LAPIC_ICR_PENDING) && time_now_us() < until)
		;
	return lapic_read(LAPIC_ICR_LOW) & LAPIC_ICR_PENDING ? -2 : 0;
}

int lapic_stop_ap(uint32_t apic_id)
{
	if (lapic_ipi(apic_id, LAPIC_ICR_INIT | LAPIC_ICR_LEVEL_ASSERT))
		return -1;
	time_delay_us(10); /* accepted (delivery idle): let the reset take hold */
	return 0;
}

void lapic_send_nmi(uint32_t apic_id)
{
	lapic_ipi(apic_id, LAPIC_ICR_NMI | LAPIC_ICR_LEVEL_ASSERT);
}

int lapic_start_ap(uint32_t apic_id, uint8_t vector_page)
{
	if (lapic_ipi(apic_id, LAPIC_ICR_INIT | LAPIC_ICR_LEVEL_ASSERT))
		return -1;
	time_delay_us(10000);
	for (int i = 0; i < 2; i++) {
		lapic_ipi(apic_id, LAPIC_ICR_STARTUP | vector_page);
		time_delay_us(200);
	}
	return 0;
}

/* ---- timer ---- */

#define TIMER_CALIBRATE_US 2000 /* 125,000 counts at QEMU's 62.5 MHz: 0.001% */

static int timer_deadline;       /* TSC-deadline mode */
static uint64_t timer_per_tsc_q32; /* one-shot: counts per TSC tick, 32.32 fixed point */
static uint64_t timer_khz;

void lapic_timer_calibrate(int tsc_deadline)
{
	if (!lapic_present())
		return;
	timer_deadline = tsc_deadline;
	if (tsc_deadline) {
		timer_khz = time_tsc_per_us() * 1000;
		return;
	}
	/* Count down from the top, masked, over a TSC-measured interval. */
	lapic_write(LAPIC_TIMER_DIVIDE, LAPIC_TIMER_DIVIDE_16);
	lapic_write(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED | IRQ_VEC_TIMER);
	uint64_t t0 = cpu_rdtsc();
	lapic_write(LAPIC_TIMER_INITIAL, 0xFFFFFFFF);
	time_delay_us(TIMER_CALIBRATE_US);
	uint32_t left = lapic_read(LAPIC_TIMER_CURRENT);
	uint64_t ticks = cpu_rdtsc() - t0;
	lapic_write(LAPIC_TIMER_INITIAL, 0);
	uint64_t counts = 0xFFFFFFFFu - left;
	if (!ticks || !counts)
		counts = ticks = 1;
	timer_per_tsc_q32 = (counts << 32) / ticks;
	timer_khz = counts * 1000 / TIMER_CALIBRATE_US;
}

void lapic_timer_cpu_init(void)
{
	if (!lapic_present())
		return;
	lapic_write(LAPIC_TIMER_DIVIDE, LAPIC_TIMER_DIVIDE_16);
	lapic_write(LAPIC_LVT_TIMER, IRQ_VEC_TIMER |
			(timer_deadline ? LAPIC_LVT_TIMER_DEADLINE : LAPIC_LVT_TIMER_ONESHOT));
	/* SDM 11.5.4.1: the memory-mapped write that selects TSC-deadline
	 * mode must be ordered before any write of IA32_TSC_DEADLINE. */
	__asm__ volatile("mfence" ::: "memory");
}

void lapic_timer_arm(uint64_t deadline)
{
	if (!lapic_present())
		return;
	if (timer_deadline) {
		cpu_wrmsr(MSR_IA32_TSC_DEADLINE, deadline);
		return;
	}
	if (!deadline) {
		lapic_write(LAPIC_TIMER_INITIAL, 0);
		return;
	}
	uint64_t now = cpu_rdtsc(), ticks = deadline > now ? deadline - now : 1;
	unsigned __int128 c = (unsigned __int128)ticks * timer_per_tsc_q32 >> 32;
	lapic_write(LAPIC_TIMER_INITIAL, c == 0 ? 1 : c > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)c);
}

int lapic_timer_pending(void)
{
	if (!lapic_present())
		return 0;
	uint32_t irr = lapic_read(LAPIC_IRR + (IRQ_VEC_TIMER / 32) * 0x10);
	return (irr >> (IRQ_VEC_TIMER % 32)) & 1;
}

const char *lapic_timer_mode(void)
{
	if (!lapic_present())
		return "none";
	return timer_deadline ? "tsc-deadline" : "one-shot";
}

uint64_t lapic_timer_khz(void)
{
	return timer_khz;
}
