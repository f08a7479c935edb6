/* The fixed counters, started on each CPU (pmu_plan.h has the choice). */
#ifndef CORE_PMU_H
#define CORE_PMU_H

#include "core/cpu/cpu_features.h"

/* This CPU: apply pmu_plan's writes (none where f->pmu.used is 0). After
 * cpu_setup, which sets CR4.PCE by the same choice. Every CPU, the boot
 * CPU's choice. 0, or -1 when the CPU refused a write (a hypervisor that
 * shows leaf 0xA but not the MSRs): then nothing counts and CR4.PCE is
 * cleared on this CPU. */
int pmu_setup(const struct cpu_features *f);

#endif
