/* pure, loader: ICR destination encoding (see lapic_icr.h). */
#include "core/cpu/lapic_icr.h"
#include "core/cpu/hw.h"

int lapic_icr_xapic_high(uint32_t apic_id, uint32_t *high)
{
	if (apic_id > LAPIC_XAPIC_ID_MAX)
		return -1;
	*high = apic_id << LAPIC_ID_SHIFT;
	return 0;
}

uint32_t lapic_x2apic_msr(uint32_t reg)
{
	if (reg == LAPIC_ICR_HIGH)
		return 0;
	return X2APIC_MSR_BASE + (reg >> 4);
}

uint64_t lapic_icr_x2apic(uint32_t apic_id, uint32_t command)
{
	return (uint64_t)apic_id << X2APIC_ICR_DEST_SHIFT | command;
}
