/* The shared IDT: 32 exception vectors, NMI/#DF/#MC on IST stacks. */
#include "idt.h"
#include "gdt.h"
#include "hw.h"
#include "percpu.h"
#include "trap_frame.h"

extern const char trap_stubs[];

static struct idt_gate idt[NUM_EXCEPTION_VECTORS] __attribute__((aligned(16)));

static uint8_t ist_for(unsigned v)
{
	switch (v) {
	case VEC_NMI: return IST_NMI;
	case VEC_DF: return IST_DF;
	case VEC_MC: return IST_MC;
	}
	return 0;
}

void idt_init(void)
{
	for (unsigned v = 0; v < NUM_EXCEPTION_VECTORS; v++) {
		uint64_t stub = (uint64_t)(uintptr_t)trap_stubs + (uint64_t)v * TRAP_STUB_SIZE;
		/* DPL 0 everywhere: INT n from ring 3 on any vector is #GP. */
		idt[v] = idt_encode_gate(stub, SEL_KCODE, ist_for(v), GATE_TYPE_INTERRUPT, 0);
	}
}

void idt_load(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) idtr = { sizeof(idt) - 1, (uint64_t)(uintptr_t)idt };
	__asm__ volatile("lidt %0" ::"m"(idtr));
}

uint64_t idt_base(void)
{
	return (uint64_t)(uintptr_t)idt;
}
