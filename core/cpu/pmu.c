/* The fixed counters: the writes pmu_plan chose, on this CPU. */
#include "core/cpu/pmu.h"
#include "core/cpu/cpu.h"

void pmu_setup(const struct cpu_features *f)
{
	struct msr_write w[PMU_PLAN_MAX];
	unsigned n = pmu_plan(&f->pmu, w);
	for (unsigned i = 0; i < n; i++)
		cpu_wrmsr(w[i].msr, w[i].value);
}
