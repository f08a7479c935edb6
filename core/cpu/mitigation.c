/* pure, loader: Speculation mitigations: names and the per-CPU decision (mitigation.h). */
#include "core/cpu/mitigation.h"

/* IA32_ARCH_CAPABILITIES bits (SDM vol. 4, MSR 10AH) the decision reads. */
#define ARCH_CAP_RDCL_NO  (1ull << 0)  /* not affected by rogue data cache load (Meltdown) */
#define ARCH_CAP_MDS_NO   (1ull << 5)  /* not affected by microarchitectural data sampling */
#define ARCH_CAP_TAA_NO   (1ull << 8)  /* not affected by TSX asynchronous abort */

const char *const mitigation_names[MIT_COUNT] = {
	[MIT_PTI] = "pti",
	[MIT_VERW] = "verw",
	[MIT_IBPB] = "ibpb",
	[MIT_RETPOLINE] = "retpoline",
	[MIT_RSB] = "rsb",
	[MIT_CLEAR_REGS] = "clear-regs",
};

static int name_is(const char *s, unsigned len, const char *name)
{
	unsigned i = 0;
	while (i < len && name[i] && s[i] == name[i])
		i++;
	return i == len && !name[i];
}

int mitigation_parse_list(const char *list, uint32_t *mask, const char **bad, unsigned *bad_len)
{
	uint32_t m = 0;
	const char *s = list;
	for (;;) {
		unsigned len = 0;
		while (s[len] && s[len] != ',')
			len++;
		int found = -1;
		if (name_is(s, len, "all"))
			found = MIT_COUNT;
		for (int i = 0; i < MIT_COUNT && found < 0; i++)
			if (name_is(s, len, mitigation_names[i]))
				found = i;
		if (found < 0) {
			*bad = s;
			*bad_len = len;
			return -1;
		}
		m |= found == MIT_COUNT ? MIT_ALL : MIT_BIT(found);
		if (!s[len])
			break;
		s += len + 1;
	}
	*mask = m;
	return 0;
}

/*
 * Affected, by CPUID alone:
 *  - pti: Intel parts without RDCL_NO (AMD's do not forward faulting loads);
 *  - verw: Intel parts without MDS_NO, or with TSX and without TAA_NO
 *    (MMIO stale data and RFDS, which VERW also answers, are not
 *    looked at: docs/design.md);
 *  - retpoline, rsb, ibpb: every CPU. No CPUID bit says an indirect
 *    branch predictor cannot be steered by another context (eIBRS would
 *    need IA32_SPEC_CTRL.IBRS set, which this kernel does not do);
 *  - clear-regs: none. It is hardening, not the answer to a flaw CPUID
 *    can report: fewer user values in registers leave fewer gadgets for
 *    any misprediction to use. Linux clears them always; here it is off
 *    unless asked for (why=hardening), and make bench shows its price.
 */
void mitigation_decide(const struct mitigation_cpu *cpu, uint32_t force_on, uint32_t force_off,
		       struct mitigation_choice *out)
{
	uint64_t caps = cpu->has_arch_caps ? cpu->arch_caps : 0;
	uint32_t affected = MIT_BIT(MIT_RETPOLINE) | MIT_BIT(MIT_RSB) | MIT_BIT(MIT_IBPB);
	if (cpu->intel && !(caps & ARCH_CAP_RDCL_NO))
		affected |= MIT_BIT(MIT_PTI);
	if (cpu->intel && (!(caps & ARCH_CAP_MDS_NO) || (cpu->rtm && !(caps & ARCH_CAP_TAA_NO))))
		affected |= MIT_BIT(MIT_VERW);
	uint32_t available = MIT_ALL & ~(cpu->ibpb ? 0 : MIT_BIT(MIT_IBPB));

	*out = (struct mitigation_choice){ 0 };
	for (int i = 0; i < MIT_COUNT; i++) {
		uint32_t b = MIT_BIT(i);
		uint8_t why;
		if (force_off & b)
			why = MIT_WHY_DISABLED;
		else if (!((force_on | affected) & b))
			why = i == MIT_CLEAR_REGS ? MIT_WHY_HARDENING : MIT_WHY_NOT_AFFECTED;
		else if (!(available & b))
			why = MIT_WHY_UNAVAILABLE;
		else
			why = (force_on & b) ? MIT_WHY_FORCED : MIT_WHY_AFFECTED;
		out->why[i] = why;
		if (why == MIT_WHY_AFFECTED || why == MIT_WHY_FORCED)
			out->on |= b;
	}
	out->md_clear = cpu->md_clear;
	out->pcid = (out->on & MIT_BIT(MIT_PTI)) && cpu->pcid;
}

const char *mitigation_why_name(uint8_t why)
{
	static const char *const names[] = {
		[MIT_WHY_AFFECTED] = "affected",
		[MIT_WHY_NOT_AFFECTED] = "not-affected",
		[MIT_WHY_FORCED] = "forced",
		[MIT_WHY_DISABLED] = "disabled",
		[MIT_WHY_UNAVAILABLE] = "unavailable",
		[MIT_WHY_HARDENING] = "hardening",
	};
	return why < sizeof(names) / sizeof(names[0]) ? names[why] : "?";
}
