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
	lapic_write(LAPIC_SVR, lapic_read(LAPIC_SVR) | LAPIC_SVR_ENABLE);
}

uint32_t lapic_id(void)
{
	return lapic_read(LAPIC_ID) >> LAPIC_ID_SHIFT;
}

/* Send one IPI and wait (bounded) until the APIC has taken it. -1, with
 * nothing sent, for an ID the xAPIC cannot address: a truncated ID would
 * INIT some other CPU, the bootstrap one included. */
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
	return 0;
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
