/* CPU features this kernel uses when present (from CPUID). */
#ifndef CORE_CPU_FEATURES_H
#define CORE_CPU_FEATURES_H

#include <stdint.h>
#include "core/cpu/mitigation.h"
#include "core/cpu/pmu_plan.h"

struct cpu_features {
	uint8_t nx, smep, smap, umip, rdtscp, fsgsbase, mce;
	uint8_t xsave, xsaveopt, avx, pku, tsc_deadline, x2apic;
	uint8_t fpu_ptr_leak; /* AMD without XSAVEERPTR: x87 FIP/FDP/FOP survive a restore */
	uint64_t xstate_supported; /* XCR0 bits CPUID leaf 0xD reports (0 without XSAVE) */
	char vendor[13]; /* CPUID leaf 0, e.g. "GenuineIntel" */
	uint8_t tcg;     /* QEMU's TCG: hypervisor signature "TCGTCGTCGTCG" */
	uint8_t hypervisor; /* CPUID says a hypervisor is underneath */
	struct pmu_info pmu; /* CPUID leaf 0xA and whether the fixed counters are used */
	struct mitigation_cpu spec; /* what the speculation mitigations are decided on */
};

/* Read CPUID, and IA32_ARCH_CAPABILITIES where CPUID says it exists.
 * Any time, any CPU. */
void cpu_features_detect(struct cpu_features *f);

/* Nonzero once SMAP is on: STAC/CLAC sites test it (smap.h). */
extern uint8_t cpu_smap_enabled;
/* PTE_NX when the CPU has NX, else 0 (the bit would be reserved). */
extern uint64_t cpu_pte_nx;
/* The features found at boot. */
extern struct cpu_features cpu_boot_features;

#endif
