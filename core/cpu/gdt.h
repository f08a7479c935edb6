/*
 * GDT layout, selectors and descriptor encoding.
 *
 * SYSCALL and SYSRET do not read the GDT: they compute selectors from STAR.
 *   SYSCALL:   CS = STAR[47:32],       SS = STAR[47:32] + 8
 *   SYSRET64:  CS = STAR[63:48] + 16,  SS = STAR[63:48] + 8   (RPL forced to 3)
 * So the kernel data segment must follow kernel code, and user data must sit
 * between a 32-bit user code slot and the 64-bit user code. The order below
 * (the one Linux uses) satisfies both; the asserts at the bottom check it.
 *
 * Pure: no CPU or EFI headers.
 */
#ifndef CORE_GDT_H
#define CORE_GDT_H

#include "core/cpu/hw.h"

#define GDT_NULL       0
#define GDT_KCODE32    1 /* unused, keeps the slot STAR's arithmetic expects */
#define GDT_KCODE      2
#define GDT_KDATA      3
#define GDT_UCODE32    4 /* SYSRET's STAR base; not present (no compat mode) */
#define GDT_UDATA      5
#define GDT_UCODE      6
#define GDT_TSS        7 /* 16-byte system descriptor: slots 7 and 8 */
#define GDT_ENTRIES    9

#define GDT_SEL(idx, rpl) (((idx) << 3) | (rpl))
#define SEL_KCODE   GDT_SEL(GDT_KCODE, 0)                  /* 0x10 */
#define SEL_KDATA   GDT_SEL(GDT_KDATA, 0)                  /* 0x18 */
#define SEL_UCODE32 GDT_SEL(GDT_UCODE32, SEL_RPL_USER)     /* 0x23 */
#define SEL_UDATA   GDT_SEL(GDT_UDATA, SEL_RPL_USER)       /* 0x2b */
#define SEL_UCODE   GDT_SEL(GDT_UCODE, SEL_RPL_USER)       /* 0x33 */
#define SEL_TSS     GDT_SEL(GDT_TSS, 0)                    /* 0x38 */

/* STAR: SYSCALL loads SEL_KCODE; SYSRET64 loads SEL_UCODE32 + 16 / + 8. */
#define STAR_KERNEL_BASE SEL_KCODE
#define STAR_USER_BASE   SEL_UCODE32

#ifndef __ASSEMBLER__
#include <stdint.h>

/* The architectural effect of STAR, spelled out so it can be asserted. */
#define STAR_SYSCALL_CS(star) ((uint16_t)(((star) >> STAR_KERNEL_SHIFT) & 0xFFFC))
#define STAR_SYSCALL_SS(star) ((uint16_t)((((star) >> STAR_KERNEL_SHIFT) & 0xFFFC) + 8))
#define STAR_SYSRET_CS(star)  ((uint16_t)(((((star) >> STAR_USER_SHIFT) + 16) & 0xFFFC) | 3))
#define STAR_SYSRET_SS(star)  ((uint16_t)(((((star) >> STAR_USER_SHIFT) + 8) & 0xFFFC) | 3))

#define STAR_VALUE (((uint64_t)STAR_USER_BASE << STAR_USER_SHIFT) | \
		    ((uint64_t)STAR_KERNEL_BASE << STAR_KERNEL_SHIFT))

_Static_assert(STAR_SYSCALL_CS(STAR_VALUE) == SEL_KCODE, "SYSCALL CS must be kernel code");
_Static_assert(STAR_SYSCALL_SS(STAR_VALUE) == SEL_KDATA, "SYSCALL SS must be kernel data");
_Static_assert(STAR_SYSRET_CS(STAR_VALUE) == SEL_UCODE, "SYSRET CS must be 64-bit user code");
_Static_assert(STAR_SYSRET_SS(STAR_VALUE) == SEL_UDATA, "SYSRET SS must be user data");

/* A code or data descriptor: flat (base 0, limit 4 GiB; ignored in 64-bit). */
uint64_t gdt_encode_segment(uint8_t access, uint8_t flags);
/* The low and high halves of a 64-bit TSS descriptor. */
void gdt_encode_tss(uint64_t base, uint32_t limit, uint64_t out[2]);
/* Fill a whole GDT in the order above, with a TSS at tss_base. */
void gdt_fill(uint64_t gdt[GDT_ENTRIES], uint64_t tss_base, uint32_t tss_limit);
#endif

#endif
