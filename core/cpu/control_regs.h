/*
 * The exact CR0, CR4 and EFER every CPU runs with. Written whole, never
 * OR-ed into what the firmware left: no bit of the firmware's choosing
 * survives (FSGSBASE, PCE, TSD, PGE, PKE, CD, TS, ...). Pure: the values
 * are host-tested, cpu_setup writes them.
 */
#ifndef CORE_CONTROL_REGS_H
#define CORE_CONTROL_REGS_H

#include <stdint.h>
#include "core/cpu/cpu_features.h"

uint64_t control_cr0(void);
/* pcid: page-table isolation runs with PCIDs (mitigation.h). */
uint64_t control_cr4(const struct cpu_features *f, int pcid);
uint64_t control_efer(const struct cpu_features *f);

#endif
