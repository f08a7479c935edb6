/* pure: GDT descriptor encoding (see gdt.h for the layout's reasons). */
#include "core/cpu/gdt.h"

uint64_t gdt_encode_segment(uint8_t access, uint8_t flags)
{
	const uint64_t limit = 0xFFFFF; /* with G: 4 GiB; ignored in long mode */
	return (limit & 0xFFFF) | ((limit >> 16) << 48) |
	       ((uint64_t)access << 40) | ((uint64_t)(flags & 0xF) << 52);
}

void gdt_encode_tss(uint64_t base, uint32_t limit, uint64_t out[2])
{
	uint8_t access = SEG_P | SEG_TYPE_TSS_AVAIL;
	out[0] = (limit & 0xFFFF) | ((uint64_t)(limit >> 16 & 0xF) << 48) |
		 ((base & 0xFFFFFF) << 16) | ((uint64_t)access << 40) |
		 (((base >> 24) & 0xFF) << 56);
	out[1] = base >> 32;
}

void gdt_fill(uint64_t gdt[GDT_ENTRIES], uint64_t tss_base, uint32_t tss_limit)
{
	const uint8_t k = SEG_P | SEG_S | SEG_ACCESSED;
	const uint8_t u = k | (3 << SEG_DPL_SHIFT);
	const uint8_t code = SEG_CODE | SEG_RW, data = SEG_RW;

	gdt[GDT_NULL] = 0;
	gdt[GDT_KCODE32] = gdt_encode_segment(k | code, SEG_FLAG_G | SEG_FLAG_DB);
	gdt[GDT_KCODE] = gdt_encode_segment(k | code, SEG_FLAG_G | SEG_FLAG_L);
	gdt[GDT_KDATA] = gdt_encode_segment(k | data, SEG_FLAG_G | SEG_FLAG_DB);
	/* Not present: SYSRET64 only does arithmetic on this selector, and a
	 * present 32-bit user code segment would let ring 3 far-jump into
	 * compatibility mode, which this kernel does not support. */
	gdt[GDT_UCODE32] = gdt_encode_segment((u | code) & ~SEG_P, SEG_FLAG_G | SEG_FLAG_DB);
	gdt[GDT_UDATA] = gdt_encode_segment(u | data, SEG_FLAG_G | SEG_FLAG_DB);
	gdt[GDT_UCODE] = gdt_encode_segment(u | code, SEG_FLAG_G | SEG_FLAG_L);
	gdt_encode_tss(tss_base, tss_limit, &gdt[GDT_TSS]);
}
