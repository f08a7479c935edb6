/*
 * Speculation mitigations: which ones exist, how the command line names
 * them, and the decision for a CPU (pure: no CPU header, host-tested).
 * CPUID and IA32_ARCH_CAPABILITIES are read by cpu_features.c; the
 * hardware side (MSRs, patching the dispatcher's calls and the thunks)
 * is in mitigation_hw.c; docs/design.md, "Speculation mitigations".
 */
#ifndef CORE_CPU_MITIGATION_H
#define CORE_CPU_MITIGATION_H

/* Numbers, not an enum: the entry assembly tests MIT_BIT()s too. */
#define MIT_PTI        0 /* page-table isolation: user tables map only the entry area */
#define MIT_VERW       1 /* VERW clears CPU buffers on every return to ring 3 (MDS) */
#define MIT_IBPB       2 /* indirect branch prediction barrier on a task switch */
#define MIT_RETPOLINE  3 /* every indirect branch of the kernel through a retpoline */
#define MIT_RSB        4 /* return stack buffer filled on a context switch */
#define MIT_CLEAR_REGS 5 /* user values cleared from the registers on entry */
#define MIT_COUNT      6
#define MIT_BIT(m) (1 << (m))
#define MIT_ALL    (MIT_BIT(MIT_COUNT) - 1)
/* In the entries' word (mitigation_hw.h) beside the MIT_BIT()s: page-table
 * isolation runs with PCIDs. */
#define MIT_ENTRY_PCID (1 << 16)

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Why a mitigation is on or off (the boot report's why=). */
enum mitigation_why {
	MIT_WHY_AFFECTED,     /* on: CPUID says the CPU is affected */
	MIT_WHY_NOT_AFFECTED, /* off: CPUID says it is not */
	MIT_WHY_FORCED,       /* on: --mitigate asked for it */
	MIT_WHY_DISABLED,     /* off: --no-mitigate asked for it */
	MIT_WHY_UNAVAILABLE,  /* off: wanted, but the CPU lacks the instruction or MSR */
	MIT_WHY_HARDENING,    /* off: hardening no CPU flaw asks for; on when forced */
};

/* What the decision reads: CPUID and IA32_ARCH_CAPABILITIES. */
struct mitigation_cpu {
	uint8_t intel;         /* GenuineIntel: the parts pti, verw look at here */
	uint8_t ibpb;          /* IA32_PRED_CMD.IBPB exists (Intel SPEC_CTRL or AMD IBPB bit) */
	uint8_t pcid;          /* CPUID.1:ECX.PCID */
	uint8_t md_clear;      /* CPUID.7.0:EDX.MD_CLEAR: VERW overwrites the buffers */
	uint8_t rtm;           /* CPUID.7.0:EBX.RTM: TSX, so TSX async abort matters */
	uint8_t has_arch_caps; /* CPUID.7.0:EDX.ARCH_CAPABILITIES: the MSR below is real */
	uint64_t arch_caps;    /* IA32_ARCH_CAPABILITIES, 0 without it */
};

struct mitigation_choice {
	uint32_t on;                  /* MIT_BIT()s */
	uint8_t why[MIT_COUNT];       /* enum mitigation_why, per mitigation */
	uint8_t pcid;                 /* MIT_PTI with PCIDs: no TLB flush on entry and exit */
	uint8_t md_clear;             /* MIT_VERW: the microcode makes VERW clear buffers */
};

extern const char *const mitigation_names[MIT_COUNT];

/*
 * Parse "name,name,..." or "all" into MIT_BIT()s. 0, or -1 with *bad set
 * to the first unknown name (not NUL-terminated: *bad_len characters).
 */
int mitigation_parse_list(const char *list, uint32_t *mask, const char **bad, unsigned *bad_len);

/* Defaults from the CPU, then --mitigate (force_on) and --no-mitigate
 * (force_off; the command line makes them disjoint, and force_off wins
 * where a caller passes both). */
void mitigation_decide(const struct mitigation_cpu *cpu, uint32_t force_on, uint32_t force_off,
		       struct mitigation_choice *out);

const char *mitigation_why_name(uint8_t why);
#endif

#endif
