/*
 * ICR destination encoding. The xAPIC field is 8 bits wide: an ID that
 * does not fit must be refused, not shifted out (0x100 << 24 is 0, the
 * bootstrap CPU). The x2APIC value carries the whole 32-bit ID above the
 * command.
 */
#include "core/cpu/hw.h"
#include "core/cpu/lapic_icr.h"
#include "unit.h"

#define UNTOUCHED 0x5A5A5A5Au

/* lapic_icr_xapic_high's verdict, and *high afterwards (UNTOUCHED if it
 * wrote nothing). */
static int xapic(uint32_t apic_id, uint32_t *high)
{
	*high = UNTOUCHED;
	return lapic_icr_xapic_high(apic_id, high);
}

UNIT_TEST(lapic_icr_xapic_addressable)
{
	static const uint32_t ids[] = { 0, 1, 0x12, 0x7F, 0x80, LAPIC_XAPIC_ID_MAX };
	for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		uint32_t high;
		CHECK_EQ_I64(xapic(ids[i], &high), 0);
		CHECK_EQ_U64(high, (uint64_t)ids[i] << 24); /* bits 31:24, nothing below */
	}
	uint32_t high;
	CHECK_EQ_I64(xapic(0xFE, &high), 0);
	CHECK_EQ_U64(high, 0xFE000000u);
}

UNIT_TEST(lapic_icr_xapic_refuses_wide_ids)
{
	/* 0xFF is the broadcast destination; the rest would be truncated to
	 * another CPU's ID (0x100 -> 0, 0x1FE -> 0xFE, 0x201 -> 1). */
	static const uint32_t ids[] = { LAPIC_ID_BROADCAST, 0x100, 0x101, 0x1FE, 0x201,
					0x10000, 0x01000000, 0xFFFFFFFE, 0xFFFFFFFF };
	for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		uint32_t high;
		CHECK_EQ_I64(xapic(ids[i], &high), -1);
		CHECK_EQ_U64(high, UNTOUCHED);
	}
}

UNIT_TEST(lapic_icr_x2apic_destination_high_half)
{
	uint32_t init = LAPIC_ICR_INIT | LAPIC_ICR_LEVEL_ASSERT;
	CHECK_EQ_U64(lapic_icr_x2apic(0, init), 0x0000000000004500ull);
	CHECK_EQ_U64(lapic_icr_x2apic(1, init), 0x0000000100004500ull);
	CHECK_EQ_U64(lapic_icr_x2apic(0xFF, init), 0x000000FF00004500ull);
	CHECK_EQ_U64(lapic_icr_x2apic(0x100, init), 0x0000010000004500ull);
	CHECK_EQ_U64(lapic_icr_x2apic(0xFFFFFFFE, LAPIC_ICR_STARTUP | 0x08),
		     0xFFFFFFFE00000608ull);
	/* The command is kept whole, and the ID never leaks into it. */
	CHECK_EQ_U64(lapic_icr_x2apic(0x12345678, 0xFFFFFFFF), 0x12345678FFFFFFFFull);
	CHECK_EQ_U64(lapic_icr_x2apic(0xFFFFFFFF, 0), 0xFFFFFFFF00000000ull);
}

UNIT_TEST(lapic_x2apic_msr_mapping)
{
	/* SDM vol. 3, table 11-6: each xAPIC register at 0x800 + offset / 16. */
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_ID), 0x802);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_VERSION), 0x803);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_EOI), 0x80B);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_SVR), 0x80F);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_ESR), 0x828);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_ICR_LOW), 0x830);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_ICR_HIGH), 0); /* folded into 0x830 */
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_LVT_TIMER), 0x832);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_LVT_THERMAL), 0x833);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_LVT_PERF), 0x834);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_LVT_LINT0), 0x835);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_LVT_LINT1), 0x836);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_LVT_ERROR), 0x837);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_LVT_CMCI), 0x82F);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_TIMER_INITIAL), 0x838);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_TIMER_CURRENT), 0x839);
	CHECK_EQ_U64(lapic_x2apic_msr(LAPIC_TIMER_DIVIDE), 0x83E);
	CHECK_EQ_U64(MSR_IA32_X2APIC_ICR, lapic_x2apic_msr(LAPIC_ICR_LOW));
	CHECK_EQ_U64(MSR_IA32_X2APIC_APICID, lapic_x2apic_msr(LAPIC_ID));
}
