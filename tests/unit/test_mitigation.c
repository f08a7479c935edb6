/* The speculation mitigation decision and the --mitigate list syntax. */
#include <string.h>
#include "core/cpu/mitigation.h"
#include "efi/cmdline.h"
#include "unit.h"

/* QEMU's qemu64: AuthenticAMD, no IBPB, no ARCH_CAPABILITIES. */
static const struct mitigation_cpu qemu64 = { 0 };
/* -cpu Skylake-Client: GenuineIntel with PCID, no ARCH_CAPABILITIES. */
static const struct mitigation_cpu skylake = { .intel = 1, .pcid = 1 };
/* An Intel part that says RDCL_NO and MDS_NO (and BHI_NO), with IBPB. */
static const struct mitigation_cpu fixed_intel = {
	.intel = 1, .pcid = 1, .ibpb = 1, .has_arch_caps = 1,
	.arch_caps = (1ull << 0) | (1ull << 5) | (1ull << 20),
};

UNIT_TEST(mitigation_defaults_by_cpu)
{
	struct mitigation_choice c;
	mitigation_decide(&qemu64, 0, 0, &c);
	CHECK_EQ_U64(c.on, MIT_BIT(MIT_RETPOLINE) | MIT_BIT(MIT_RSB));
	CHECK_EQ_U64(c.why[MIT_PTI], MIT_WHY_NOT_AFFECTED);
	CHECK_EQ_U64(c.why[MIT_VERW], MIT_WHY_NOT_AFFECTED);
	CHECK_EQ_U64(c.why[MIT_IBPB], MIT_WHY_UNAVAILABLE);
	CHECK_EQ_U64(c.why[MIT_CLEAR_REGS], MIT_WHY_HARDENING);
	CHECK(!strcmp(mitigation_why_name(c.why[MIT_CLEAR_REGS]), "hardening"));
	CHECK_EQ_U64(c.why[MIT_RETPOLINE], MIT_WHY_AFFECTED);
	CHECK(!c.pcid);

	mitigation_decide(&skylake, 0, 0, &c);
	CHECK_EQ_U64(c.on, MIT_ALL & ~MIT_BIT(MIT_IBPB) & ~MIT_BIT(MIT_CLEAR_REGS));
	CHECK(c.pcid);
	CHECK(!c.md_clear); /* QEMU's model has no MD_CLEAR: VERW on, clearing nothing */

	mitigation_decide(&fixed_intel, 0, 0, &c);
	CHECK_EQ_U64(c.on, MIT_BIT(MIT_RETPOLINE) | MIT_BIT(MIT_RSB) | MIT_BIT(MIT_IBPB));
	CHECK_EQ_U64(c.why[MIT_PTI], MIT_WHY_NOT_AFFECTED);
	/* MDS_NO alone is not enough where TSX is there and TAA_NO is not. */
	struct mitigation_cpu taa = fixed_intel;
	taa.rtm = 1;
	mitigation_decide(&taa, 0, 0, &c);
	CHECK_EQ_U64(c.why[MIT_VERW], MIT_WHY_AFFECTED);
	taa.arch_caps |= 1ull << 8; /* TAA_NO */
	mitigation_decide(&taa, 0, 0, &c);
	CHECK_EQ_U64(c.why[MIT_VERW], MIT_WHY_NOT_AFFECTED);
	/* ARCH_CAPABILITIES bits mean nothing when the MSR is not there. */
	struct mitigation_cpu no_msr = fixed_intel;
	no_msr.has_arch_caps = 0;
	mitigation_decide(&no_msr, 0, 0, &c);
	CHECK_EQ_U64(c.on, MIT_ALL & ~MIT_BIT(MIT_CLEAR_REGS));
}

UNIT_TEST(mitigation_forced)
{
	struct mitigation_choice c;
	mitigation_decide(&qemu64, MIT_ALL, 0, &c);
	/* Everything but IBPB, which qemu64 cannot execute. */
	CHECK_EQ_U64(c.on, MIT_ALL & ~MIT_BIT(MIT_IBPB));
	CHECK_EQ_U64(c.why[MIT_PTI], MIT_WHY_FORCED);
	CHECK_EQ_U64(c.why[MIT_IBPB], MIT_WHY_UNAVAILABLE);
	CHECK(!c.pcid); /* qemu64 has no PCID */
	/* --no-mitigate wins over --mitigate. */
	mitigation_decide(&skylake, MIT_BIT(MIT_PTI), MIT_ALL, &c);
	CHECK_EQ_U64(c.on, 0);
	CHECK_EQ_U64(c.why[MIT_PTI], MIT_WHY_DISABLED);
	CHECK(!c.pcid);
	/* One alone. */
	mitigation_decide(&skylake, MIT_BIT(MIT_VERW), MIT_ALL & ~MIT_BIT(MIT_VERW), &c);
	CHECK_EQ_U64(c.on, MIT_BIT(MIT_VERW));
	CHECK_EQ_U64(c.why[MIT_VERW], MIT_WHY_FORCED);
	CHECK(!strcmp(mitigation_why_name(c.why[MIT_RSB]), "disabled"));
}

UNIT_TEST(mitigation_list_syntax)
{
	uint32_t m = 0;
	const char *bad = 0;
	unsigned len = 0;
	CHECK(!mitigation_parse_list("pti", &m, &bad, &len));
	CHECK_EQ_U64(m, MIT_BIT(MIT_PTI));
	CHECK(!mitigation_parse_list("clear-regs,verw", &m, &bad, &len));
	CHECK_EQ_U64(m, MIT_BIT(MIT_CLEAR_REGS) | MIT_BIT(MIT_VERW));
	CHECK(!mitigation_parse_list("all", &m, &bad, &len));
	CHECK_EQ_U64(m, MIT_ALL);
	CHECK(mitigation_parse_list("pti,ptix", &m, &bad, &len) == -1);
	CHECK(len == 4 && !strncmp(bad, "ptix", 4));
	CHECK(mitigation_parse_list("", &m, &bad, &len) == -1);
	CHECK(mitigation_parse_list("pti,", &m, &bad, &len) == -1);
	CHECK(mitigation_parse_list("pt", &m, &bad, &len) == -1);
}

UNIT_TEST(mitigation_options)
{
	struct cmdline cl;
	const char *ok[] = { "--mitigate=pti,rsb", "--no-mitigate=all", "--mitigate=verw" };
	CHECK(cmdline_parse(3, ok, &cl) == 0);
	/* In order, the later wins: verw alone. */
	CHECK_EQ_U64(cl.mitigate_on, MIT_BIT(MIT_VERW));
	CHECK_EQ_U64(cl.mitigate_off, MIT_ALL & ~MIT_BIT(MIT_VERW));
	const char *off_after[] = { "--mitigate=all", "--no-mitigate=pti" };
	CHECK(cmdline_parse(2, off_after, &cl) == 0);
	CHECK_EQ_U64(cl.mitigate_on, MIT_ALL & ~MIT_BIT(MIT_PTI));
	CHECK_EQ_U64(cl.mitigate_off, MIT_BIT(MIT_PTI));
	const char *bad[] = { "--mitigate=spectre" };
	CHECK(cmdline_parse(1, bad, &cl) == -1);
	CHECK(strstr(cl.error, "unknown mitigation 'spectre'") != 0);
	const char *none[] = { "demo.bin" };
	CHECK(cmdline_parse(1, none, &cl) == 0);
	CHECK(cl.mitigate_on == 0 && cl.mitigate_off == 0);
}
