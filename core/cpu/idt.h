/* IDT gate encoding (pure) and installation. */
#ifndef CORE_IDT_H
#define CORE_IDT_H

#include <stdint.h>
#include "core/cpu/hw.h"

struct idt_gate {
	uint64_t lo;
	uint64_t hi;
};

/* Encode a 64-bit gate: handler address, code selector, IST index (0 = none). */
struct idt_gate idt_encode_gate(uint64_t handler, uint16_t selector, uint8_t ist,
				uint8_t type, uint8_t dpl);

/* Fill the shared IDT with the exception stubs. Before any CPU loads it. */
void idt_init(void);
/* Load the shared IDT on this CPU. After idt_init, interrupts off. */
void idt_load(void);
/* The shared IDT: one page (the user tables map it under isolation). */
extern struct idt_gate idt_table[IDT_VECTORS];

#endif
