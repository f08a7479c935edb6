/*
 * CPUID leaf 0xA as real CPUs report it, the decision it leads to, and
 * the exact MSR writes that start the fixed counters.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "core/abi/abi.h"
#include "core/cpu/control_regs.h"
#include "core/cpu/hw.h"
#include "core/cpu/pmu_plan.h"
#include "unit.h"

static struct pmu_info decode(const char *vendor, uint32_t max_leaf, uint32_t eax, uint32_t ebx,
			      uint32_t ecx, uint32_t edx)
{
	const uint32_t a[4] = { eax, ebx, ecx, edx };
	struct pmu_info p;
	pmu_decode(&p, strcmp(vendor, "GenuineIntel") == 0, max_leaf, a);
	return p;
}

/* The one sequence every CPU that passes gets. */
static void check_plan(const struct pmu_info *p)
{
	static const struct msr_write want[] = {
		{ 0x38F, 0 },             /* IA32_PERF_GLOBAL_CTRL: every counter stops */
		{ 0x38D, 0x33 },          /* IA32_FIXED_CTR_CTRL: 0 and 1 in rings 0 and 3 */
		{ 0x309, 0 },             /* IA32_FIXED_CTR0 */
		{ 0x30A, 0 },             /* IA32_FIXED_CTR1 */
		{ 0x390, 0x300000000 },   /* IA32_PERF_GLOBAL_OVF_CTRL: their overflow flags */
		{ 0x38F, 0x300000000 },   /* IA32_PERF_GLOBAL_CTRL: fixed 0 and 1 count */
	};
	struct msr_write w[PMU_PLAN_MAX + 1];
	w[PMU_PLAN_MAX] = (struct msr_write){ 0xdead, 0xdead }; /* never written */
	unsigned n = pmu_plan(p, w);
	if (!CHECK_EQ_U64(n, sizeof(want) / sizeof(want[0])))
		return;
	for (unsigned i = 0; i < n; i++) {
		CHECK_EQ_U64(w[i].msr, want[i].msr);
		CHECK_EQ_U64(w[i].value, want[i].value);
	}
	CHECK_EQ_U64(w[PMU_PLAN_MAX].msr, 0xdead);
}

static void check_refused(const struct pmu_info *p, unsigned why)
{
	struct msr_write w[PMU_PLAN_MAX];
	CHECK_EQ_U64(p->used, 0);
	CHECK_EQ_U64(p->why, why);
	CHECK_EQ_U64(pmu_plan(p, w), 0); /* nothing is touched */
}

UNIT_TEST(pmu_abi_numbers)
{
	/* SDM vol. 4, the architectural MSRs. */
	CHECK_EQ_U64(MSR_IA32_FIXED_CTR0, 0x309);
	CHECK_EQ_U64(MSR_IA32_FIXED_CTR1, 0x30A);
	CHECK_EQ_U64(MSR_IA32_FIXED_CTR_CTRL, 0x38D);
	CHECK_EQ_U64(MSR_IA32_PERF_GLOBAL_STATUS, 0x38E);
	CHECK_EQ_U64(MSR_IA32_PERF_GLOBAL_CTRL, 0x38F);
	CHECK_EQ_U64(MSR_IA32_PERF_GLOBAL_OVF_CTRL, 0x390);
	/* What ring 3 is told to pass to RDPMC: type 0x4000 (bit 30), index. */
	CHECK_EQ_U64(RING3_RDPMC_INSTRUCTIONS, RDPMC_FIXED | 0);
	CHECK_EQ_U64(RING3_RDPMC_CYCLES, RDPMC_FIXED | 1);
	/* kinfo's counter fields: appended, no padding for kernel bytes to
	 * leak through, within the 128 bytes the assembly cases reserve. */
	CHECK_EQ_U64(offsetof(struct ring3_kinfo, pmu_version), 88);
	CHECK_EQ_U64(offsetof(struct ring3_kinfo, pmu_fixed), 92);
	CHECK_EQ_U64(offsetof(struct ring3_kinfo, pmu_width), 96);
	CHECK_EQ_U64(offsetof(struct ring3_kinfo, pmu_reserved), 100);
	CHECK_EQ_U64(sizeof(struct ring3_kinfo), 104);
}

/* One CPUID reading and everything decoded from it. */
struct pmu_case {
	const char *what;
	const char *vendor;
	uint32_t max_leaf, a[4]; /* leaf 0's EAX; leaf 0xA's EAX EBX ECX EDX */
	uint8_t version, gp, gp_width, fixed, fixed_width;
	uint32_t fixed_mask, events;
	unsigned why;
};

static const struct pmu_case cases[] = {
	/* Version 4, 4 general counters of 48 bits, 7 events all there, 3
	 * fixed counters of 48 bits. */
	{ "Skylake (Core i7-6700K)", "GenuineIntel", 0x16, { 0x07300404, 0, 0, 0x603 },
	  4, 4, 48, 3, 48, 0x7, 0x7f, PMU_USED },
	/* Version 5, 8 events, a fourth fixed counter (top-down slots), ECX's
	 * bitmap agrees, AnyThread deprecated (EDX bit 15). */
	{ "Sapphire Rapids (Ice Lake's successor)", "GenuineIntel", 0x20, { 0x08300805, 0, 0xf, 0x8604 },
	  5, 8, 48, 4, 48, 0xf, 0xff, PMU_USED },
	{ "Raptor Lake (hybrid)", "GenuineIntel", 0x20, { 0x07300605, 0, 0x7, 0x8603 },
	  5, 6, 48, 3, 48, 0x7, 0x7f, PMU_USED },
	/* From version 5 a fixed counter may be listed in ECX alone ... */
	{ "version 5, counters in ECX only", "GenuineIntel", 0x20, { 0x08300805, 0, 0x3, 0x600 },
	  5, 8, 48, 0, 48, 0x3, 0xff, PMU_USED },
	/* ... and one in neither is not there. */
	{ "version 5, counter 1 missing", "GenuineIntel", 0x20, { 0x08300805, 0, 0x5, 0x600 },
	  5, 8, 48, 0, 48, 0x5, 0xff, PMU_NO_FIXED_0_1 },
	/* Before version 5 ECX is reserved: not read as a bitmap. */
	{ "version 4, ECX not a bitmap", "GenuineIntel", 0x16, { 0x07300404, 0, 0x3, 0x601 },
	  4, 4, 48, 1, 48, 0x1, 0x7f, PMU_NO_FIXED_0_1 },
	{ "Core 2 Duo (Merom), version 2", "GenuineIntel", 0xa, { 0x07280202, 0, 0, 0x503 },
	  2, 2, 40, 3, 40, 0x7, 0x7f, PMU_USED },
	{ "KVM guest, version 2 on a newer host", "GenuineIntel", 0xd, { 0x07300402, 0, 0, 0x8603 },
	  2, 4, 48, 3, 48, 0x7, 0x7f, PMU_USED },
	/* EBX bit set: that event is missing; only EAX[31:24] bits count;
	 * the fixed counters do not depend on the general events. */
	{ "reference cycles missing", "GenuineIntel", 0x16, { 0x07300404, 0x4, 0, 0x603 },
	  4, 4, 48, 3, 48, 0x7, 0x7b, PMU_USED },
	{ "5 events listed", "GenuineIntel", 0x16, { 0x05300404, 0x40, 0, 0x603 },
	  4, 4, 48, 3, 48, 0x7, 0x1f, PMU_USED },
	{ "255 events listed", "GenuineIntel", 0x16, { 0xff300404, 0, 0, 0x603 },
	  4, 4, 48, 3, 48, 0x7, 0xffffffff, PMU_USED },
	{ "no general event", "GenuineIntel", 0x16, { 0x07300404, 0x7f, 0, 0x603 },
	  4, 4, 48, 3, 48, 0x7, 0, PMU_USED },
	/* Leaf 0xA is reserved on AMD; its counters are its own. */
	{ "AMD (Zen 2)", "AuthenticAMD", 0x10, { 0, 0, 0, 0 }, 0, 0, 0, 0, 0, 0, 0, PMU_NOT_INTEL },
	{ "not Intel, Intel's numbers", "AuthenticAMD", 0x16, { 0x07300404, 0, 0, 0x603 },
	  0, 0, 0, 0, 0, 0, 0, PMU_NOT_INTEL },
	/* The highest basic leaf is 5: what a leaf above returns is not 0xA's. */
	{ "Pentium 4 (Prescott)", "GenuineIntel", 0x5, { 0x07300404, 0, 0, 0x603 },
	  0, 0, 0, 0, 0, 0, 0, PMU_NO_LEAF },
	{ "QEMU without KVM, -cpu Skylake-Client", "GenuineIntel", 0xd, { 0, 0, 0, 0 },
	  0, 0, 0, 0, 0, 0, 0, PMU_LEAF_EMPTY },
	/* EDX means nothing before version 2. */
	{ "Core Duo (Yonah), version 1", "GenuineIntel", 0xa, { 0x07280201, 0, 0, 0x503 },
	  1, 2, 40, 0, 0, 0, 0x7f, PMU_VERSION_1 },
	{ "one fixed counter (a hypervisor's)", "GenuineIntel", 0xd, { 0x07300402, 0, 0, 0x601 },
	  2, 4, 48, 1, 48, 0x1, 0x7f, PMU_NO_FIXED_0_1 },
	{ "two fixed counters 0 bits wide", "GenuineIntel", 0xd, { 0x07300402, 0, 0, 0x2 },
	  2, 4, 48, 2, 0, 0x3, 0x7f, PMU_NO_FIXED_0_1 },
};

UNIT_TEST(pmu_decode_cpus)
{
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct pmu_case *c = &cases[i];
		struct pmu_info p = decode(c->vendor, c->max_leaf, c->a[0], c->a[1], c->a[2], c->a[3]);
		int ok = CHECK_EQ_U64(p.why, c->why);
		ok &= CHECK_EQ_U64(p.version, c->version);
		ok &= CHECK_EQ_U64(p.gp, c->gp);
		ok &= CHECK_EQ_U64(p.gp_width, c->gp_width);
		ok &= CHECK_EQ_U64(p.fixed, c->fixed);
		ok &= CHECK_EQ_U64(p.fixed_width, c->fixed_width);
		ok &= CHECK_EQ_U64(p.fixed_mask, c->fixed_mask);
		ok &= CHECK_EQ_U64(p.events, c->events);
		if (!ok)
			printf("  (the case above: %s)\n", c->what);
		if (c->why == PMU_USED) {
			CHECK_EQ_U64(p.used, 2);
			CHECK_STR(pmu_why_name(p.why), "used");
			check_plan(&p);
		} else {
			check_refused(&p, c->why);
		}
	}
}

UNIT_TEST(pmu_why_names)
{
	/* In enum pmu_why's order: the BOOT line's why= (docs/abi.md). */
	static const char *const want[] = { "used", "not-intel", "no-leaf-0xa", "leaf-0xa-empty",
					    "version-1", "no-fixed-0-1", "msr-refused", "?" };
	for (unsigned why = 0; why <= PMU_MSR_REFUSED + 1; why++)
		CHECK_STR(pmu_why_name(why), want[why]);
}

UNIT_TEST(pmu_cr4_pce)
{
	/* CR4.PCE exactly where the counters run: RDPMC never works in ring 3
	 * on counters the kernel left as the firmware had them. */
	struct cpu_features f = { .nx = 1, .mce = 1, .smep = 1, .smap = 1, .umip = 1 };
	CHECK_EQ_U64(control_cr4(&f, 0), 0x300e60);
	f.pmu = decode("GenuineIntel", 0x16, 0x07300404, 0, 0, 0x603);
	CHECK_EQ_U64(control_cr4(&f, 0), 0x300f60); /* + PCE */
	f.pmu = decode("GenuineIntel", 0xa, 0x07280201, 0, 0, 0);
	CHECK_EQ_U64(control_cr4(&f, 0), 0x300e60);
	f.pmu = decode("GenuineIntel", 0xd, 0, 0, 0, 0);
	CHECK_EQ_U64(control_cr4(&f, 0) & CR4_PCE, 0);
}
