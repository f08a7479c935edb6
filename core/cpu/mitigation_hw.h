/*
 * Speculation mitigations on this machine (docs/design.md, "Speculation
 * mitigations"): the choice made once from CPUID and the command line,
 * and the places that carry it out.
 */
#ifndef CORE_CPU_MITIGATION_HW_H
#define CORE_CPU_MITIGATION_HW_H

#include <stdint.h>
#include "core/cpu/cpu_features.h"
#include "core/cpu/mitigation.h"

struct percpu;

/* The choice, for the whole boot. Set by mitigation_init, then constant. */
extern struct mitigation_choice mitigation_choice;
/* The same for the entry assembly: MIT_BIT()s on, MIT_ENTRY_PCID. In
 * .entry.data, read RIP-relative: the entries test it before SWAPGS or
 * CR3 tell them anything, under either page tables. */
extern uint32_t mitigation_entry_flags;

/*
 * Bootstrap CPU, before cpu_setup and before any AP starts: decide from
 * what cpu_features_detect read (f->spec) and --mitigate/--no-mitigate, and
 * with retpolines point every call of syscall_dispatch at its retpoline
 * copy and every indirect-branch thunk at its retpoline (patches of
 * kernel text through the direct map).
 */
void mitigation_init(const struct cpu_features *f, uint32_t force_on, uint32_t force_off);

/* Each CPU's share, from cpu_setup: TSS.RSP0 (the entry stack with
 * isolation), and the SYSCALL entry for LSTAR. */
uint64_t mitigation_cpu_setup(struct percpu *cpu);

/* A task about to run on this CPU, interrupts off: when it is not the
 * one that ran here last, IBPB and the RSB filled. */
void mitigation_task_switch(int other_task);

/* The boot report's lines: one per mitigation. */
void mitigation_report(unsigned cpu);

/* rsb_fill.S: overwrite the return stack buffer with harmless entries. */
void mitigation_rsb_fill(void);

#endif
