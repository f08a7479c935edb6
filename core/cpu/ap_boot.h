/*
 * The page below 1 MiB that application processors start in (SIPI
 * vector = its page number): the trampoline code from ap_trampoline.S,
 * then a parameter block the BSP fills for each AP in turn.
 */
#ifndef CORE_AP_BOOT_H
#define CORE_AP_BOOT_H

#define AP_PARAMS_OFF   0xF00 /* parameter block inside the page */
#define AP_GDT_OFF      0xE00 /* the temporary GDT (AP_GDT_ENTRIES descriptors) */
#define AP_GDT_ENTRIES  4

/* Selectors in the trampoline's own GDT. */
#define AP_SEL_CODE32 0x08
#define AP_SEL_DATA32 0x10
#define AP_SEL_CODE64 0x18

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct ap_far_ptr {
	uint32_t offset;
	uint16_t selector;
	uint16_t pad;
} __attribute__((packed));

/* Assembly uses the AP_P_* offsets generated from it (core/boot/asm_offsets.c). */
struct ap_params {
	uint64_t cr3;       /* low_cr3: kernel half + this page (below 4 GiB) */
	uint64_t stack;     /* its kernel stack top */
	uint64_t entry;     /* ap_entry */
	uint64_t cpu;       /* its CPU number */
	uint64_t cr4;       /* CR4 to load before paging (PAE) */
	uint64_t efer;      /* EFER: LME, SCE, NXE */
	uint16_t gdt_limit; /* with gdt_base, LGDT's operand: the temporary GDT */
	uint32_t gdt_base;
	uint16_t pad0;
	struct ap_far_ptr jmp32, jmp64; /* far pointers to the 32- and 64-bit code */
	uint64_t ack;       /* where to write cpu once copied (kernel VA) */
	uint32_t hold;      /* --slow-ap test: if set, wait first until cpu changes */
	uint32_t pad1;
} __attribute__((packed));

_Static_assert(AP_PARAMS_OFF + sizeof(struct ap_params) <= 4096, "the parameters fit in the page");
#endif

#endif
