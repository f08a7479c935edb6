/* CPUID feature detection. */
#include "core/cpu/cpu_features.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"

/* Read by the entries before they switch CR3: on the page the user
 * tables map under isolation (kernel.ld, .entry.data). */
__attribute__((section(".entry.data"))) uint8_t cpu_smap_enabled;
uint64_t cpu_pte_nx;
struct cpu_features cpu_boot_features;

void cpu_features_detect(struct cpu_features *f)
{
	uint32_t r[4];

	*f = (struct cpu_features){ 0 };
	cpu_cpuid(0, 0, r);
	const uint32_t order[3] = { r[1], r[3], r[2] }; /* EBX, EDX, ECX */
	for (unsigned i = 0; i < 12; i++)
		f->vendor[i] = (char)(order[i / 4] >> (8 * (i % 4)));
	f->vendor[12] = 0;
	uint32_t max_leaf = r[0];
	if (max_leaf >= CPUID_LEAF_EXT_FEATURES) {
		cpu_cpuid(CPUID_LEAF_EXT_FEATURES, 0, r);
		f->pku = !!(r[2] & CPUID_7_ECX_PKU);
		f->smep = !!(r[1] & CPUID_7_EBX_SMEP);
		f->smap = !!(r[1] & CPUID_7_EBX_SMAP);
		f->fsgsbase = !!(r[1] & CPUID_7_EBX_FSGSBASE);
		f->umip = !!(r[2] & CPUID_7_ECX_UMIP);
		f->spec.ibpb = !!(r[3] & CPUID_7_EDX_SPEC_CTRL);
		f->spec.md_clear = !!(r[3] & CPUID_7_EDX_MD_CLEAR);
		f->spec.rtm = !!(r[1] & CPUID_7_EBX_RTM);
		f->spec.has_arch_caps = !!(r[3] & CPUID_7_EDX_ARCH_CAPS);
	}
	if (f->spec.has_arch_caps)
		f->spec.arch_caps = cpu_rdmsr(MSR_IA32_ARCH_CAPABILITIES);
	uint32_t leaf_a[4] = { 0 };
	if (max_leaf >= CPUID_LEAF_PERFMON)
		cpu_cpuid(CPUID_LEAF_PERFMON, 0, leaf_a);
	f->spec.intel = f->vendor[0] == 'G' && f->vendor[11] == 'l'; /* "GenuineIntel" */
	pmu_decode(&f->pmu, f->spec.intel, max_leaf, leaf_a);
	cpu_cpuid(CPUID_LEAF_FEATURES, 0, r);
	f->hypervisor = !!(r[2] & CPUID_1_ECX_HYPERVISOR);
	f->spec.pcid = !!(r[2] & CPUID_1_ECX_PCID);
	f->mce = !!(r[3] & CPUID_1_EDX_MCE);
	f->x2apic = !!(r[2] & CPUID_1_ECX_X2APIC);
	f->tsc_deadline = !!(r[2] & CPUID_1_ECX_TSC_DEADLINE);
	f->avx = !!(r[2] & CPUID_1_ECX_AVX);
	f->xsave = !!(r[2] & CPUID_1_ECX_XSAVE) && max_leaf >= CPUID_LEAF_XSTATE;
	if (f->xsave) {
		cpu_cpuid(CPUID_LEAF_XSTATE, 0, r);
		f->xstate_supported = (uint64_t)r[3] << 32 | r[0];
		cpu_cpuid(CPUID_LEAF_XSTATE, 1, r);
		f->xsaveopt = !!(r[0] & CPUID_D1_EAX_XSAVEOPT);
	}
	if (f->hypervisor) {
		cpu_cpuid(CPUID_LEAF_HYPERVISOR, 0, r);
		/* "TCGT" "CGTC" "GTCG" in EBX, ECX, EDX */
		f->tcg = r[1] == 0x54474354 && r[2] == 0x43544743 && r[3] == 0x47435447;
	}
	cpu_cpuid(CPUID_LEAF_EXT_MAX, 0, r);
	uint32_t ext_max = r[0];
	int amd = f->vendor[0] == 'A' && f->vendor[8] == 'c'; /* "AuthenticAMD" */
	f->fpu_ptr_leak = amd;
	if (ext_max >= CPUID_LEAF_EXT_SIZES) {
		cpu_cpuid(CPUID_LEAF_EXT_SIZES, 0, r);
		f->fpu_ptr_leak = amd && !(r[1] & CPUID_8008_EBX_XSAVEERPTR);
		f->spec.ibpb |= !!(r[1] & CPUID_8008_EBX_IBPB);
	}
	if (ext_max >= CPUID_LEAF_EXT_INFO) {
		cpu_cpuid(CPUID_LEAF_EXT_INFO, 0, r);
		f->nx = !!(r[3] & CPUID_8001_EDX_NX);
		f->rdtscp = !!(r[3] & CPUID_8001_EDX_RDTSCP);
	}
}
