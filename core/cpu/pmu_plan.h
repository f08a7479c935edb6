/*
 * The hardware counters ring 3 may read (pure: no CPU header; core/cpu/pmu.c
 * writes the MSRs). On Intel CPUs whose CPUID leaf 0xA reports
 * architectural performance monitoring version 2 or later, fixed counter 0
 * (instructions retired) and fixed counter 1 (core cycles while not
 * halted) count in every ring, and CR4.PCE lets ring 3 read them with
 * RDPMC. Everything else is left off.
 *
 * Both rings, because what the bench measures is mostly kernel work: a
 * syscall round trip counted in ring 3 alone would be the one SYSCALL
 * instruction. AnyThread and the overflow interrupt stay off: the counts
 * are this logical CPU's, and a counter wraps silently: a difference
 * taken modulo 2^width is right across one wrap.
 */
#ifndef CORE_PMU_PLAN_H
#define CORE_PMU_PLAN_H

#include <stdint.h>

/* Why the counters are not used (the BOOT line's why=, pmu_why_name). */
enum pmu_why {
	PMU_USED,          /* fixed counters 0 and 1 count; CR4.PCE is set */
	PMU_NOT_INTEL,     /* CPUID leaf 0 vendor is not GenuineIntel */
	PMU_NO_LEAF,       /* the highest basic CPUID leaf is below 0xA */
	PMU_LEAF_EMPTY,    /* leaf 0xA version 0: no architectural counters */
	PMU_VERSION_1,     /* version 1: no fixed counters, no global control */
	PMU_NO_FIXED_0_1,  /* fixed counter 0 or 1 missing, or their width is 0 */
	PMU_MSR_REFUSED,   /* CPUID has them, but a write of their MSRs faulted */
};

/* CPUID leaf 0xA, decoded. */
struct pmu_info {
	uint8_t version;     /* EAX[7:0] */
	uint8_t gp;          /* general-purpose counters per logical CPU, EAX[15:8] */
	uint8_t gp_width;    /* their width in bits, EAX[23:16] */
	uint8_t fixed;       /* contiguous fixed counters, EDX[4:0] (version 2 and up) */
	uint8_t fixed_width; /* their width in bits, EDX[12:5] (version 2 and up) */
	uint8_t used;        /* fixed counters this kernel enables: 2, or 0 */
	uint8_t why;         /* enum pmu_why */
	uint32_t fixed_mask; /* fixed counter i present: bit i (EDX[4:0] > i, or ECX bit i from version 5) */
	uint32_t events;     /* architectural event i available: bit i (EBX bit i clear, i < EAX[31:24]) */
};

/*
 * intel: leaf 0 said GenuineIntel; max_leaf: leaf 0's EAX; leaf_a:
 * leaf 0xA's EAX, EBX, ECX, EDX (anything when max_leaf is below 0xA:
 * they are not looked at).
 */
void pmu_decode(struct pmu_info *p, int intel, uint32_t max_leaf, const uint32_t leaf_a[4]);

/* One MSR write of the programming sequence. */
struct msr_write {
	uint32_t msr;
	uint64_t value;
};
#define PMU_PLAN_MAX 6

/*
 * The writes that start the counters, in order, into w (PMU_PLAN_MAX
 * entries); returns how many (0 when p->used is 0: nothing is touched).
 * Whole values, nothing of the firmware's kept: global enable off (every
 * counter stops, the general ones included), the fixed counters' control
 * (0 and 1 in both rings, the others off), both counters zeroed, their
 * overflow flags cleared, then global enable for those two alone.
 */
unsigned pmu_plan(const struct pmu_info *p, struct msr_write *w);

/* "used", "not-intel", "no-leaf-0xa", "leaf-0xa-empty", "version-1", "no-fixed-0-1",
 * "msr-refused". */
const char *pmu_why_name(unsigned why);

#endif
