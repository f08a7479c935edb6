/*
 * The page below 1 MiB that application processors start in (SIPI
 * vector = its page number): the trampoline code from ap_trampoline.S,
 * then a parameter block the BSP fills for each AP in turn.
 */
#ifndef CORE_AP_BOOT_H
#define CORE_AP_BOOT_H

#define AP_PARAMS_OFF   0xF00 /* parameter block inside the page */
#define AP_P_CR3        0x00  /* low_cr3: kernel half + this page (below 4 GiB) */
#define AP_P_STACK      0x08  /* its kernel stack top */
#define AP_P_ENTRY      0x10  /* ap_entry */
#define AP_P_CPU        0x18  /* its CPU number */
#define AP_P_CR4        0x20  /* CR4 to load before paging (PAE) */
#define AP_P_EFER       0x28  /* EFER: LME, SCE, NXE */
#define AP_P_GDTR       0x30  /* 6 bytes: limit, 32-bit base of the temporary GDT */
#define AP_P_JMP32      0x38  /* 6 bytes: far pointer to the 32-bit code */
#define AP_P_JMP64      0x40  /* 6 bytes: far pointer to the 64-bit code */
#define AP_P_ACK        0x48  /* where to write AP_P_CPU once copied (kernel VA) */
#define AP_P_HOLD       0x50  /* --slow-ap test: if set, wait first until AP_P_CPU changes */
#define AP_P_SIZE       0x58
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

struct ap_params {
	uint64_t cr3, stack, entry, cpu, cr4, efer;
	uint16_t gdt_limit;
	uint32_t gdt_base;
	uint16_t pad0;
	struct ap_far_ptr jmp32, jmp64;
	uint64_t ack;
	uint32_t hold;
	uint32_t pad1;
} __attribute__((packed));

_Static_assert(offsetof(struct ap_params, cr3) == AP_P_CR3, "ap cr3");
_Static_assert(offsetof(struct ap_params, stack) == AP_P_STACK, "ap stack");
_Static_assert(offsetof(struct ap_params, entry) == AP_P_ENTRY, "ap entry");
_Static_assert(offsetof(struct ap_params, cpu) == AP_P_CPU, "ap cpu");
_Static_assert(offsetof(struct ap_params, cr4) == AP_P_CR4, "ap cr4");
_Static_assert(offsetof(struct ap_params, efer) == AP_P_EFER, "ap efer");
_Static_assert(offsetof(struct ap_params, gdt_limit) == AP_P_GDTR, "ap gdtr");
_Static_assert(offsetof(struct ap_params, jmp32) == AP_P_JMP32, "ap jmp32");
_Static_assert(offsetof(struct ap_params, jmp64) == AP_P_JMP64, "ap jmp64");
_Static_assert(offsetof(struct ap_params, ack) == AP_P_ACK, "ap ack");
_Static_assert(offsetof(struct ap_params, hold) == AP_P_HOLD, "ap hold");
_Static_assert(sizeof(struct ap_params) == AP_P_SIZE, "ap params size");
#endif

#endif
