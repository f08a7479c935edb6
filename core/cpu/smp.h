/* Bringing the application processors up, and running payloads on all. */
#ifndef CORE_SMP_H
#define CORE_SMP_H

#include "core/cpu/cpu_features.h"
#include "core/boot/handoff.h"

/*
 * Start every AP the handoff lists (INIT-SIPI-SIPI through the trampoline
 * page), one at a time; each sets itself up (cpu_setup) and then waits.
 * An AP that does not answer within the time-out is reported missing; one
 * the xAPIC cannot address is reported unaddressable and never sent an
 * IPI. The MADT's CPUs the loader left out are reported first, with why.
 * Returns the number of CPUs online, the BSP included. On the BSP, after
 * its own cpu_setup, interrupts off.
 */
uint32_t smp_start(struct handoff *h, const struct cpu_features *feat);

/* Let every online AP run the payloads, run them on this CPU too, then
 * wait for the APs (reporting any that never finish). Returns 1 if every
 * CPU finished its payloads without a kernel problem. On the BSP. */
int smp_run(struct handoff *h);

/*
 * Stopping every CPU for a panic. smp_stop_others: NMI each other online
 * CPU and wait (bounded) until it has halted; prints nothing.
 * smp_stop_requested: the NMI handler's question. smp_stop_here: halt
 * this CPU for good, saying so. smp_stop_report: one STOP line per CPU
 * asked, "stopped" or "no-answer". Kernel mode, interrupts off.
 */
void smp_stop_others(uint32_t self);
int smp_stop_requested(void);
void smp_stop_here(void) __attribute__((noreturn));
void smp_stop_report(void);


#endif
