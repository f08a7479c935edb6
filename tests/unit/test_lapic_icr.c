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
