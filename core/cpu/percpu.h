/*
 * The per-CPU block, reached through GS while in the kernel (GS_BASE points
 * at it; KERNEL_GS_BASE holds the user's GS base). One per CPU, two pages
 * each, so no two CPUs share a cache line on the syscall path. The first,
 * the entry page, holds what the entries touch before they switch CR3
 * under page-table isolation, and the user page tables map it (as Linux
 * maps its per-CPU TSS and entry stack): the user-RSP slot, the kernel's
 * CR3, the TSS, the GDT and the entry stack. Everything else, task
 * pointers and counters, is on the second page, which they never map.
 * Assembly uses the PERCPU_* offsets generated from this struct
 * (core/boot/asm_offsets.c); C uses offsetof.
 */
#ifndef CORE_PERCPU_H
#define CORE_PERCPU_H

#include "core/cpu/gdt.h"
#include "core/cpu/hw.h"

#define PERCPU_PAGES 2 /* struct percpu: the entry page, then the private page */

/* IST slots (1-based, as the gate's IST field counts them). */
#define IST_NMI 1
#define IST_DF  2
#define IST_MC  3
#define IST_DB  4
#define IST_USED 4
/* Bytes at the top of each IST stack above the CPU's first push: the
 * word just below the top names this CPU's block (for the paranoid
 * entry, whatever GS holds), and the stack stays 16-byte aligned. */
#define IST_TOP_RESERVED 16

#define CPUS_MAX 64
#define ENTRY_STACK_WORDS 128

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

_Static_assert(IST_TOP_RESERVED >= 8 && IST_TOP_RESERVED % 16 == 0, "the block's word, aligned");

/* 64-bit TSS (SDM vol. 3, 8.7). Packed: RSP0 sits at offset 4. */
struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[TSS_IST_COUNT];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base; /* past the limit: no I/O bitmap, all ports #GP in ring 3 */
} __attribute__((packed));

struct task;

struct percpu {
	/* The entry page. */
	struct percpu *self;   /* the block's own address, for GS-relative loads */
	uint64_t user_rsp;     /* user RSP stashed by the SYSCALL entry; a scratch slot */
	uint64_t kernel_cr3;   /* with isolation: this task's kernel tables (PCID 0) */
	struct tss tss;
	uint64_t gdt[GDT_ENTRIES];
	/* With isolation, TSS.RSP0: interrupts from ring 3 land here, on a
	 * stack the user tables map, and move to the kernel stack once CR3
	 * is the kernel's. A fault of the IRETQ to ring 3 lands here too. */
	uint64_t entry_stack[ENTRY_STACK_WORDS] __attribute__((aligned(16)));

	/* The private page: kernel pointers and counters ring 3's tables never map. */
	uint64_t kctx_rsp __attribute__((aligned(4096))); /* saved by user_run, for user_exit */
	uint32_t cpu_id;       /* logical CPU number, 0 = bootstrap processor */
	uint32_t apic_id;      /* local APIC ID */
	struct task *task;     /* the task running in ring 3 on this CPU */
	uint64_t syscalls;     /* syscalls that returned (counted by the entry) */
	uint32_t work;         /* set with interrupts off: the way out must call exit_work */
	uint32_t pad1;
	uint64_t iret_returns; /* syscalls that could not use SYSRET */
	uint64_t kstack_top;   /* where entries from ring 3 build their frame: set by
	                        * user_run; TSS.RSP0 too, without isolation */
	uint64_t user_cr3;     /* with isolation: this task's user tables (PCID 1) */
	uint64_t nmis;         /* NMIs taken (reported at the end) */
	uint64_t faults;       /* ring-3 faults contained since boot */
	uint64_t irqs;         /* device interrupts taken, spurious ones included */
} __attribute__((aligned(4096)));

/* The TSS layout is the hardware's (SDM vol. 3, 8.7). */
_Static_assert(offsetof(struct tss, rsp) == 4, "TSS.RSP0 at offset 4");
_Static_assert(offsetof(struct tss, ist) == 36, "TSS.IST1 at offset 36");
_Static_assert(sizeof(struct tss) == 104, "64-bit TSS is 104 bytes");
_Static_assert(offsetof(struct percpu, gdt) % 8 == 0, "GDT aligned");
_Static_assert(offsetof(struct percpu, kctx_rsp) == PAGE_SIZE, "the private part on a page of its own");
_Static_assert(sizeof(struct percpu) == PERCPU_PAGES * PAGE_SIZE, "two pages per CPU");
#endif

#endif
