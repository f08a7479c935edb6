/*
 * Device interrupts: the vectors this kernel programs, and their handling.
 * Only the local APIC raises any (its timer and its error interrupt); the
 * 8259 PICs stay masked. Interrupts reach the kernel in two places only:
 * from ring 3 (IF=1 there), and in the idle loop (sti; hlt). Everywhere
 * else IF is clear: syscalls (SFMASK), exceptions and interrupts (gates).
 */
#ifndef CORE_IRQ_H
#define CORE_IRQ_H

#include "core/entry/trap_frame.h"

#define IRQ_VEC_FIRST    0x20 /* the first vector after the exceptions */
#define IRQ_VEC_TIMER    0xF0 /* local APIC timer */
#define IRQ_VEC_ERROR    0xFE /* local APIC error */
#define IRQ_VEC_SPURIOUS 0xFF /* local APIC spurious (its low 4 bits must be 1s on old APICs) */

/* Called by trap_dispatch for vectors IRQ_VEC_FIRST and up, interrupts
 * off, GS = this CPU's block. Returns; a task switch it asks for happens
 * on the way out (exit_work). */
void irq_dispatch(struct trap_frame *f);

/* --trace-irq: one IRQ line per interrupt. */
extern int irq_trace;

#endif
