/* The fixed counters: the writes pmu_plan chose, on this CPU. */
#include "core/cpu/pmu.h"
#include "core/cpu/hw.h"
#include "core/entry/entry.h"

int pmu_setup(const struct cpu_features *f)
{
	struct msr_write w[PMU_PLAN_MAX];
	unsigned n = pmu_plan(&f->pmu, w);
	for (unsigned i = 0; i < n; i++) {
		if (cpu_wrmsr_checked(w[i].msr, w[i].value)) {
			/* Leave nothing counting half set up. */
			cpu_wrmsr_checked(MSR_IA32_PERF_GLOBAL_CTRL, 0);
			return -1;
		}
	}
	return 0;
}
