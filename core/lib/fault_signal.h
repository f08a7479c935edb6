/*
 * Which signal a CPU exception raised in ring 3 becomes, with which
 * si_code and si_addr, by Linux's rules (pure: host-tested; TCG raises
 * neither #XM nor #AC nor #SS, so only here are those paths run). The
 * kernel reads what only it can (CR2's mapping, DR6, the FPU's status
 * words) and asks here.
 */
#ifndef CORE_LIB_FAULT_SIGNAL_H
#define CORE_LIB_FAULT_SIGNAL_H

#include <stdint.h>

/* What the kernel read at the fault; each field matters for one vector. */
struct fault_facts {
	int pf_mapped;   /* #PF: a mapping covers the page (PROT_NONE too) */
	uint64_t dr6;    /* #DB: DR6 as the CPU left it */
	uint16_t fcw;    /* #MF: the x87 control word */
	uint16_t fsw;    /* #MF: the x87 status word */
	uint32_t mxcsr;  /* #XM */
};

/* Where si_addr comes from. */
#define FAULT_ADDR_ZERO 0 /* 0, as Linux's force_sig gives */
#define FAULT_ADDR_RIP  1 /* the faulting (or, for a trap, the next) instruction */
#define FAULT_ADDR_CR2  2 /* the address the page fault names */

struct fault_signal {
	uint32_t signo; /* 0: no signal at all, the instruction is run again */
	int32_t code;   /* si_code */
	uint32_t addr;  /* FAULT_ADDR_* */
};

/* The signal a fault with this vector sends, whatever the facts: what a
 * task that cannot take it is ended with. */
uint32_t fault_signal_number(uint64_t vector);

/* The whole decision for one fault. signo is 0 for an #MF or #XM whose
 * status shows no unmasked exception: Linux sends nothing then and lets
 * the instruction run again. */
struct fault_signal fault_signal_decode(uint64_t vector, const struct fault_facts *facts);

/* The FPE_* code for the exception behind an x87 #MF (from the control
 * and status words) or an SSE #XM (from MXCSR): the first set flag whose
 * mask bit is clear, in the order invalid, divide by zero, overflow,
 * underflow or denormal, precision; 0 when there is none. */
int32_t fault_x87_code(uint16_t fcw, uint16_t fsw);
int32_t fault_simd_code(uint32_t mxcsr);

#endif
