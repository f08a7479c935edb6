/* The shared IDT: exceptions (NMI/#DF/#MC/#DB on IST stacks), device
 * interrupts, and the INT 0x80 syscall gate. */
#include "core/cpu/idt.h"
#include "core/cpu/gdt.h"
#include "core/cpu/hw.h"
#include "core/cpu/percpu.h"
#include "core/entry/entry.h"


/* All 256 vectors: 0-31 exceptions, 0x80 the legacy syscall gate, the
 * rest device interrupts (core/cpu/irq.h). Every gate but #BP's and
 * 0x80 has DPL 0, so INT n from ring 3 meets a gate whose DPL it fails,
 * never a handler and never the IDT limit. */
/* A page of its own: the user page tables map it under isolation, and
 * it is read-only once filled (image_data_seal). */
struct idt_gate idt_table[IDT_VECTORS] __attribute__((aligned(4096)));

static uint8_t ist_for(unsigned v)
{
	switch (v) {
	case VEC_NMI: return IST_NMI;
	case VEC_DF: return IST_DF;
	case VEC_MC: return IST_MC;
	case VEC_DB: return IST_DB;
	}
	return 0;
}

void idt_init(void)
{
	for (unsigned v = 0; v < IDT_VECTORS; v++) {
		uint64_t stub = (uint64_t)(uintptr_t)trap_stubs + (uint64_t)v * TRAP_STUB_SIZE;
		/* DPL 0 everywhere: INT n from ring 3 on any vector is #GP.
		 * Interrupt gates: IF stays clear in the kernel. */
		idt_table[v] = idt_encode_gate(stub, SEL_KCODE, ist_for(v), GATE_TYPE_INTERRUPT, 0);
	}
	/* INT3 from ring 3 is a breakpoint (SIGTRAP), as on Linux: its gate
	 * has DPL 3. The trap entry treats it as any exception from ring 3. */
	idt_table[VEC_BP] = idt_encode_gate((uint64_t)(uintptr_t)trap_stubs + VEC_BP * TRAP_STUB_SIZE,
				      SEL_KCODE, 0, GATE_TYPE_INTERRUPT, 3);
	/* INT 0x80: a gate ring 3 may use (DPL 3), for comparison with
	 * SYSCALL. An interrupt gate, so IF stays clear in the kernel. */
	idt_table[SYSCALL_INT_VECTOR] = idt_encode_gate((uint64_t)(uintptr_t)int80_entry, SEL_KCODE, 0,
						  GATE_TYPE_INTERRUPT, 3);
}

void idt_load(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) idtr = { sizeof(idt_table) - 1, (uint64_t)(uintptr_t)idt_table };
	__asm__ volatile("lidt %0" ::"m"(idtr));
}
