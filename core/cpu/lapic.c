/* Local APIC: INIT-SIPI-SIPI (SDM vol. 3, 9.4.4.1). */
#include "core/cpu/lapic.h"
#include "core/cpu/hw.h"
#include "core/cpu/lapic_icr.h"
#include "core/cpu/time.h"

static volatile uint32_t *lapic;

static uint32_t lapic_read(uint32_t reg)
{
	return lapic[reg / 4];
}

static void lapic_write(uint32_t reg, uint32_t v)
{
	lapic[reg / 4] = v;
}

void lapic_init(uint64_t base)
{
	lapic = (volatile uint32_t *)(uintptr_t)base;
	lapic_cpu_init(1);
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
	if (!lapic)
		return;
	/* Enabled first: while the APIC is software-disabled every LVT mask
	 * bit reads as set and cannot be cleared (SDM 11.4.7.2). */
	lapic_write(LAPIC_SVR, lapic_read(LAPIC_SVR) | LAPIC_SVR_ENABLE);
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
	/* The one exception, as on Linux: the platform's NMI (an NMI button,
	 * a hardware error, QEMU's monitor "nmi") arrives on the BSP's LINT1,
	 * so that entry is set, not inherited, to deliver an NMI. */
	if (bsp)
		lapic_write(LAPIC_LVT_LINT1, LAPIC_LVT_DELIVERY_NMI);
}

const char *lapic_lvt_state(void)
{
	if (!lapic)
		return "untouched";
	for (unsigned i = 0; i < LVT_COUNT; i++) {
		if (lvt[i].reg == LAPIC_LVT_LINT1 || !lvt_present(i))
			continue;
		uint32_t v = lapic_read(lvt[i].reg);
		if (!(v & LAPIC_LVT_MASKED) && !lvt_is_smi(v))
			return "UNMASKED";
	}
	return "masked";
}

const char *lapic_lint1_mode(void)
{
	if (!lapic)
		return "none";
	uint32_t v = lapic_read(LAPIC_LVT_LINT1);
	if (v & LAPIC_LVT_MASKED)
		return "masked";
	return (v & LAPIC_LVT_DELIVERY_MASK) == LAPIC_LVT_DELIVERY_NMI ? "nmi" : "other";
}

uint32_t lapic_id(void)
{
	return lapic_read(LAPIC_ID) >> LAPIC_ID_SHIFT;
}

/* Send one IPI and wait (bounded) until the APIC has taken it. -1, with
 * nothing sent, for an ID the xAPIC cannot address: a truncated ID would
 * INIT some other CPU, the bootstrap one included. -2 when the APIC
 * still says "send pending" after a millisecond. */
static int lapic_ipi(uint32_t apic_id, uint32_t low)
{
	uint32_t high;
	if (lapic_icr_xapic_high(apic_id, &high))
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
	if (!lapic || lapic_ipi(apic_id, LAPIC_ICR_INIT | LAPIC_ICR_LEVEL_ASSERT))
		return -1;
	time_delay_us(10); /* accepted (delivery idle): let the reset take hold */
	return 0;
}

void lapic_send_nmi(uint32_t apic_id)
{
	if (lapic)
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
