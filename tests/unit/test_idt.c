/*
 * idt_encode_gate: a 64-bit gate splits the handler over three fields and
 * packs selector, IST, type, DPL and P around them (SDM vol. 3, 6.14.1).
 * Every field is decoded back, so a shift off by one anywhere shows up.
 */
#include "core/cpu/hw.h"
#include "core/cpu/idt.h"
#include "unit.h"

#define HANDLER 0xFFFFFFFF12345678ull

static uint64_t offset_of(struct idt_gate g)
{
	return (g.lo & 0xFFFF) | ((g.lo >> 48) & 0xFFFF) << 16 | (g.hi & 0xFFFFFFFF) << 32;
}

static void check_fields(struct idt_gate g, uint64_t dpl, uint64_t type)
{
	CHECK_EQ_U64(offset_of(g), HANDLER);
	CHECK_EQ_U64((g.lo >> 16) & 0xFFFF, 0x10);  /* selector */
	CHECK_EQ_U64((g.lo >> 32) & 7, 2);          /* IST, bits 34:32 */
	CHECK_EQ_U64((g.lo >> 35) & 0x1F, 0);       /* reserved, bits 39:35 */
	CHECK_EQ_U64((g.lo >> 40) & 0xF, type);     /* gate type */
	CHECK_EQ_U64((g.lo >> 44) & 1, 0);          /* S: system descriptor */
	CHECK_EQ_U64((g.lo >> 45) & 3, dpl);
	CHECK_EQ_U64((g.lo >> 47) & 1, 1);          /* present */
	CHECK_EQ_U64(g.hi >> 32, 0);                /* reserved */
}

UNIT_TEST(idt_interrupt_gate_dpl0)
{
	struct idt_gate g = idt_encode_gate(HANDLER, 0x10, 2, GATE_TYPE_INTERRUPT, 0);
	CHECK_EQ_U64(g.lo, 0x12348E0200105678ull);
	CHECK_EQ_U64(g.hi, 0x00000000FFFFFFFFull);
	check_fields(g, 0, GATE_TYPE_INTERRUPT);
}

UNIT_TEST(idt_interrupt_gate_dpl3)
{
	/* DPL 3 lets INT n reach the gate from ring 3 (e.g. #BP via INT3). */
	struct idt_gate g = idt_encode_gate(HANDLER, 0x10, 2, GATE_TYPE_INTERRUPT, 3);
	CHECK_EQ_U64(g.lo, 0x1234EE0200105678ull);
	CHECK_EQ_U64(g.hi, 0x00000000FFFFFFFFull);
	check_fields(g, 3, GATE_TYPE_INTERRUPT);
}

UNIT_TEST(idt_trap_gate_no_ist)
{
	struct idt_gate g = idt_encode_gate(0x401000, 0x10, 0, GATE_TYPE_TRAP, 0);
	CHECK_EQ_U64(g.lo, 0x00408F0000101000ull);
	CHECK_EQ_U64(g.hi, 0);
}

UNIT_TEST(idt_fields_do_not_spill)
{
	/* Out-of-range IST, type and DPL must not leak into neighbouring bits. */
	struct idt_gate g = idt_encode_gate(0, 0, 0xFF, 0xFF, 0xFF);
	CHECK_EQ_U64((g.lo >> 35) & 0x1F, 0);
	CHECK_EQ_U64(g.lo & 0xFFFFFFFF, 0);           /* offset 15:0 and selector */
	CHECK_EQ_U64(g.lo >> 48, 0);                  /* offset 31:16 */
	CHECK_EQ_U64(g.hi, 0);
}
