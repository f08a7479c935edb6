/* The fixed counters: the writes pmu_plan chose, on this CPU. */
#include "core/cpu/pmu.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/entry/entry.h"

int pmu_setup(const struct cpu_features *f)
{
	struct msr_write w[PMU_PLAN_MAX];
	unsigned n = pmu_plan(&f->pmu, w);
	for (unsigned i = 0; i < n; i++) {
		if (cpu_wrmsr_checked(w[i].msr, w[i].value)) {
			/* Leave nothing counting half set up, and no RDPMC
			 * for ring 3 on this CPU. */
			cpu_wrmsr_checked(MSR_IA32_PERF_GLOBAL_CTRL, 0);
			cpu_write_cr4(cpu_read_cr4() & ~CR4_PCE);
			return -1;
		}
	}
	return 0;
}
