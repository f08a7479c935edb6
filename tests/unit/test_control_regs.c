/*
 * The control register values are exact: these are the numbers the boot
 * report must show (tests/e2e checks them on qemu64 and -cpu max).
 */
#include "core/cpu/control_regs.h"
#include "core/cpu/hw.h"
#include "unit.h"

UNIT_TEST(control_cr0_exact)
{
	/* PG | AM | WP | NE | ET | MP | PE */
	CHECK_EQ_U64(control_cr0(), 0x80050033);
	CHECK(!(control_cr0() & (CR0_EM | CR0_TS | CR0_CD | CR0_NW)));
}

UNIT_TEST(control_cr4_by_cpu)
{
	struct cpu_features qemu64 = { .nx = 1, .mce = 1 };
	struct cpu_features max = { .nx = 1, .mce = 1, .smep = 1, .smap = 1, .umip = 1,
				    .fsgsbase = 1, .rdtscp = 1 };
	struct cpu_features bare = { 0 };
	CHECK_EQ_U64(control_cr4(&qemu64, 0), 0x660);   /* OSXMMEXCPT OSFXSR MCE PAE */
	CHECK_EQ_U64(control_cr4(&max, 0), 0x300e60);   /* + SMAP SMEP UMIP */
	CHECK_EQ_U64(control_cr4(&bare, 0), 0x620);
}

UNIT_TEST(control_cr4_xsave_and_keys)
{
	/* -cpu max under QEMU 7.2: XSAVE with x87/SSE/AVX and PKRU, PKU. */
	struct cpu_features max = { .nx = 1, .mce = 1, .smep = 1, .smap = 1, .umip = 1,
				    .xsave = 1, .avx = 1, .pku = 1, .xstate_supported = 0x207 };
	CHECK_EQ_U64(control_cr4(&max, 0), 0x740e60); /* + PKE OSXSAVE */
	/* PKU without PKRU in XSAVE (or without XSAVE): keys stay off, since
	 * PKRU could not be switched with the task. */
	max.xstate_supported = 0x7;
	CHECK_EQ_U64(control_cr4(&max, 0), 0x340e60);
	max.xsave = 0;
	max.xstate_supported = 0;
	CHECK_EQ_U64(control_cr4(&max, 0), 0x300e60);
}

UNIT_TEST(control_cr4_never_firmware_bits)
{
	/* Whatever the CPU has, none of these is ever on. */
	const uint64_t never = CR4_VME | CR4_PVI | CR4_TSD | CR4_DE | CR4_PSE | CR4_PGE | CR4_PCE |
			       CR4_LA57 | CR4_FSGSBASE | CR4_PCIDE;
	for (unsigned bits = 0; bits < 128; bits++) {
		struct cpu_features f = {
			.nx = bits & 1, .smep = !!(bits & 2), .smap = !!(bits & 4), .umip = !!(bits & 8),
			.rdtscp = !!(bits & 16), .fsgsbase = !!(bits & 32), .mce = !!(bits & 64),
		};
		CHECK_EQ_U64(control_cr4(&f, 0) & never, 0);
		/* PCIDE only for page-table isolation with PCIDs. */
		CHECK_EQ_U64(control_cr4(&f, 1) & never, CR4_PCIDE);
		CHECK_EQ_U64(control_efer(&f), f.nx ? 0xd01 : 0x501);
	}
}
