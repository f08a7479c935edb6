/* pure: CPUID leaf 0xA decoded, and the MSR writes that start the fixed counters (pmu_plan.h). */
#include "core/cpu/pmu_plan.h"
#include "core/cpu/hw.h"

/* The fixed counters this kernel uses: 0 (instructions) and 1 (cycles). */
#define PMU_FIXED_USED 2
#define PMU_FIXED_USED_MASK 0x3u

void pmu_decode(struct pmu_info *p, int intel, uint32_t max_leaf, const uint32_t leaf_a[4])
{
	*p = (struct pmu_info){ .why = PMU_NOT_INTEL };
	if (!intel)
		return;
	p->why = PMU_NO_LEAF;
	if (max_leaf < CPUID_LEAF_PERFMON)
		return;
	uint32_t eax = leaf_a[0], ebx = leaf_a[1], ecx = leaf_a[2], edx = leaf_a[3];
	p->version = (uint8_t)(eax & PERFMON_A_VERSION_MASK);
	p->gp = (uint8_t)(eax >> PERFMON_A_GP_SHIFT);
	p->gp_width = (uint8_t)(eax >> PERFMON_A_GP_WIDTH_SHIFT);
	unsigned events_len = eax >> PERFMON_A_EVENTS_LEN_SHIFT;
	uint32_t meaningful = events_len >= 32 ? ~0u : (1u << events_len) - 1;
	p->events = ~ebx & meaningful;
	if (p->version >= 2) { /* EDX is reserved before version 2 */
		p->fixed = (uint8_t)(edx & PERFMON_D_FIXED_MASK);
		p->fixed_width = (uint8_t)(edx >> PERFMON_D_FIXED_WIDTH_SHIFT);
		p->fixed_mask = (1u << p->fixed) - 1; /* fixed is at most 31 */
		if (p->version >= 5) /* ECX: a bitmap of fixed counters, gaps allowed */
			p->fixed_mask |= ecx;
	}
	if (p->version == 0)
		p->why = PMU_LEAF_EMPTY;
	else if (p->version == 1)
		p->why = PMU_VERSION_1;
	else if ((p->fixed_mask & PMU_FIXED_USED_MASK) != PMU_FIXED_USED_MASK || !p->fixed_width)
		p->why = PMU_NO_FIXED_0_1;
	else {
		p->why = PMU_USED;
		p->used = PMU_FIXED_USED;
	}
}

unsigned pmu_plan(const struct pmu_info *p, struct msr_write *w)
{
	if (!p->used)
		return 0;
	const uint64_t both_rings = FIXED_CTR_CTRL_OS | FIXED_CTR_CTRL_USR;
	const uint64_t fixed_bits = (uint64_t)PMU_FIXED_USED_MASK << PERF_GLOBAL_FIXED_SHIFT;
	unsigned n = 0;
	w[n++] = (struct msr_write){ MSR_IA32_PERF_GLOBAL_CTRL, 0 };
	w[n++] = (struct msr_write){ MSR_IA32_FIXED_CTR_CTRL,
				     both_rings | both_rings << FIXED_CTR_CTRL_FIELD_BITS };
	w[n++] = (struct msr_write){ MSR_IA32_FIXED_CTR0, 0 };
	w[n++] = (struct msr_write){ MSR_IA32_FIXED_CTR1, 0 };
	w[n++] = (struct msr_write){ MSR_IA32_PERF_GLOBAL_OVF_CTRL, fixed_bits };
	w[n++] = (struct msr_write){ MSR_IA32_PERF_GLOBAL_CTRL, fixed_bits };
	return n;
}

const char *pmu_why_name(unsigned why)
{
	static const char *const names[] = {
		[PMU_USED] = "used",
		[PMU_NOT_INTEL] = "not-intel",
		[PMU_NO_LEAF] = "no-leaf-0xa",
		[PMU_LEAF_EMPTY] = "leaf-0xa-empty",
		[PMU_VERSION_1] = "version-1",
		[PMU_NO_FIXED_0_1] = "no-fixed-0-1",
		[PMU_MSR_REFUSED] = "msr-refused",
	};
	return why < sizeof(names) / sizeof(names[0]) ? names[why] : "?";
}
