/* pure: IDT gate encoding. */
#include "core/cpu/idt.h"
#include "core/cpu/hw.h"

struct idt_gate idt_encode_gate(uint64_t handler, uint16_t selector, uint8_t ist,
				uint8_t type, uint8_t dpl)
{
	struct idt_gate g;
	uint8_t attr = SEG_P | (uint8_t)((dpl & 3) << SEG_DPL_SHIFT) | (type & 0xF);

	g.lo = (handler & 0xFFFF) | ((uint64_t)selector << 16) |
	       ((uint64_t)(ist & 7) << 32) | ((uint64_t)attr << 40) |
	       (((handler >> 16) & 0xFFFF) << 48);
	g.hi = handler >> 32;
	return g;
}
