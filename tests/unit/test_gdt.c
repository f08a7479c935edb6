/*
 * The GDT built by gdt_fill, descriptor by descriptor, and the STAR and
 * SFMASK values SYSCALL/SYSRET depend on. Exact values are what the CPU
 * reads, so they are spelled out in hex (SDM vol. 3, 3.4.5 and 7.2.3).
 */
#include "core/cpu/cpu_setup.h"
#include "core/cpu/gdt.h"
#include "core/cpu/hw.h"
#include "unit.h"

#define TSS_BASE  0xFFFF8000DEADB000ull
#define TSS_LIMIT 103u /* sizeof(struct tss) - 1 */

/* Descriptor fields, decoded the way the CPU reads them. */
static uint64_t access_of(uint64_t d) { return (d >> 40) & 0xFF; }
static uint64_t flags_of(uint64_t d) { return (d >> 52) & 0xF; }
static uint64_t dpl_of(uint64_t d) { return (d >> 45) & 3; }
static uint64_t limit_of(uint64_t d) { return (d & 0xFFFF) | (((d >> 48) & 0xF) << 16); }
static uint64_t base_lo_of(uint64_t d)
{
	return ((d >> 16) & 0xFFFFFF) | (((d >> 56) & 0xFF) << 24);
}

UNIT_TEST(gdt_segment_values)
{
	uint64_t gdt[GDT_ENTRIES];
	gdt_fill(gdt, TSS_BASE, TSS_LIMIT);
	CHECK_EQ_U64(gdt[GDT_NULL], 0);
	CHECK_EQ_U64(gdt[GDT_KCODE32], 0x00CF9B000000FFFFull);
	CHECK_EQ_U64(gdt[GDT_KCODE], 0x00AF9B000000FFFFull);
	CHECK_EQ_U64(gdt[GDT_KDATA], 0x00CF93000000FFFFull);
	/* Present bit clear: ring 3 cannot far-jump into compatibility mode. */
	CHECK_EQ_U64(gdt[GDT_UCODE32], 0x00CF7B000000FFFFull);
	CHECK_EQ_U64(gdt[GDT_UDATA], 0x00CFF3000000FFFFull);
	CHECK_EQ_U64(gdt[GDT_UCODE], 0x00AFFB000000FFFFull);
}

UNIT_TEST(gdt_segment_fields)
{
	uint64_t gdt[GDT_ENTRIES];
	gdt_fill(gdt, TSS_BASE, TSS_LIMIT);
	/* 64-bit code: L set and D/B clear (L=1 with D=1 is reserved). */
	CHECK_EQ_U64(flags_of(gdt[GDT_KCODE]) & (SEG_FLAG_L | SEG_FLAG_DB), SEG_FLAG_L);
	CHECK_EQ_U64(flags_of(gdt[GDT_UCODE]) & (SEG_FLAG_L | SEG_FLAG_DB), SEG_FLAG_L);
	/* DPL follows the ring each selector is used from. */
	CHECK_EQ_U64(dpl_of(gdt[GDT_KCODE]), 0);
	CHECK_EQ_U64(dpl_of(gdt[GDT_KDATA]), 0);
	CHECK_EQ_U64(dpl_of(gdt[GDT_UCODE]), 3);
	CHECK_EQ_U64(dpl_of(gdt[GDT_UDATA]), 3);
	/* Code is executable, data is not; present (but for UCODE32), flat, accessed preset. */
	for (int i = GDT_KCODE32; i <= GDT_UCODE; i++) {
		uint64_t a = access_of(gdt[i]);
		int code = i == GDT_KCODE32 || i == GDT_KCODE || i == GDT_UCODE32 ||
			   i == GDT_UCODE;
		CHECK_EQ_U64(a & SEG_CODE, code ? SEG_CODE : 0);
		CHECK_EQ_U64(a & (SEG_P | SEG_S | SEG_ACCESSED | SEG_RW),
			     (i == GDT_UCODE32 ? 0 : SEG_P) | SEG_S | SEG_ACCESSED | SEG_RW);
		CHECK_EQ_U64(limit_of(gdt[i]), 0xFFFFF);
		CHECK_EQ_U64(base_lo_of(gdt[i]), 0);
		CHECK(flags_of(gdt[i]) & SEG_FLAG_G);
	}
}

UNIT_TEST(gdt_tss_descriptor)
{
	uint64_t gdt[GDT_ENTRIES];
	gdt_fill(gdt, TSS_BASE, TSS_LIMIT);
	uint64_t lo = gdt[GDT_TSS], hi = gdt[GDT_TSS + 1];
	CHECK_EQ_U64(lo, 0xDE0089ADB0000067ull);
	CHECK_EQ_U64(hi, 0x00000000FFFF8000ull);
	/* Decoded back: base split over three fields plus the high dword. */
	CHECK_EQ_U64(base_lo_of(lo) | (hi & 0xFFFFFFFF) << 32, TSS_BASE);
	CHECK_EQ_U64(limit_of(lo), TSS_LIMIT);
	CHECK_EQ_U64(access_of(lo) & 0xF, SEG_TYPE_TSS_AVAIL); /* 64-bit TSS, available */
	CHECK_EQ_U64(access_of(lo) & SEG_S, 0);                 /* a system descriptor */
	CHECK_EQ_U64(access_of(lo) & SEG_P, SEG_P);
	CHECK_EQ_U64(dpl_of(lo), 0);
	CHECK_EQ_U64(flags_of(lo), 0); /* byte granularity: limit is in bytes */
	CHECK_EQ_U64(hi >> 32, 0);     /* reserved, must be zero */
}

UNIT_TEST(gdt_tss_limit_high_bits)
{
	/* Limit bits 19:16 live apart from 15:0; a large one must survive. */
	uint64_t d[2];
	gdt_encode_tss(0x123456789ABCDEF0ull, 0xABCDE, d);
	CHECK_EQ_U64(limit_of(d[0]), 0xABCDE);
	CHECK_EQ_U64(base_lo_of(d[0]) | d[1] << 32, 0x123456789ABCDEF0ull);
	CHECK_EQ_U64(access_of(d[0]), SEG_P | SEG_TYPE_TSS_AVAIL);
}

UNIT_TEST(gdt_selectors)
{
	CHECK_EQ_U64(SEL_KCODE, 0x10);
	CHECK_EQ_U64(SEL_KDATA, 0x18);
	CHECK_EQ_U64(SEL_UCODE32, 0x23);
	CHECK_EQ_U64(SEL_UDATA, 0x2b);
	CHECK_EQ_U64(SEL_UCODE, 0x33);
	CHECK_EQ_U64(SEL_TSS, 0x38);
	CHECK_EQ_U64(GDT_ENTRIES * 8, SEL_TSS + 16); /* the TSS takes two slots, last */
}

UNIT_TEST(gdt_star)
{
	CHECK_EQ_U64(STAR_VALUE, 0x0023001000000000ull);
	/* What the CPU loads from it. */
	CHECK_EQ_U64(STAR_SYSCALL_CS(STAR_VALUE), 0x10);
	CHECK_EQ_U64(STAR_SYSCALL_SS(STAR_VALUE), 0x18);
	CHECK_EQ_U64(STAR_SYSRET_CS(STAR_VALUE), 0x33);
	CHECK_EQ_U64(STAR_SYSRET_SS(STAR_VALUE), 0x2b);

	/* And those selectors name the right descriptors in the filled GDT. */
	uint64_t gdt[GDT_ENTRIES];
	gdt_fill(gdt, TSS_BASE, TSS_LIMIT);
	CHECK_EQ_U64(gdt[STAR_SYSCALL_CS(STAR_VALUE) >> 3], 0x00AF9B000000FFFFull);
	CHECK_EQ_U64(gdt[STAR_SYSCALL_SS(STAR_VALUE) >> 3], 0x00CF93000000FFFFull);
	CHECK_EQ_U64(gdt[STAR_SYSRET_CS(STAR_VALUE) >> 3], 0x00AFFB000000FFFFull);
	CHECK_EQ_U64(gdt[STAR_SYSRET_SS(STAR_VALUE) >> 3], 0x00CFF3000000FFFFull);
}

UNIT_TEST(gdt_sfmask)
{
	const uint64_t must = RFLAGS_TF | RFLAGS_IF | RFLAGS_DF | RFLAGS_AC |
			      RFLAGS_NT | RFLAGS_IOPL;
	CHECK_EQ_U64(SYSCALL_RFLAGS_MASK & must, must);
	CHECK_EQ_U64(SYSCALL_RFLAGS_MASK, 0x57700);
	/* Arithmetic flags stay: clearing them would cost nothing but tell lies. */
	CHECK_EQ_U64(SYSCALL_RFLAGS_MASK & (RFLAGS_CF | RFLAGS_ZF | RFLAGS_SF | RFLAGS_OF), 0);
}
