/* The fixed counters, started on each CPU (pmu_plan.h has the choice). */
#ifndef CORE_PMU_H
#define CORE_PMU_H

#include "core/cpu/cpu_features.h"

/* This CPU: apply pmu_plan's writes (none where f->pmu.used is 0). After
 * cpu_setup, which sets CR4.PCE by the same choice. Every CPU, the boot
 * CPU's choice. */
void pmu_setup(const struct cpu_features *f);

#endif
