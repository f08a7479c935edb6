/*
 * The per-CPU block, reached through GS while in the kernel (GS_BASE points
 * at it; KERNEL_GS_BASE holds the user's GS base). One per CPU, two pages
 * each, so no two CPUs share a cache line on the syscall path. The first,
 * the entry page, holds what the entries touch before they switch CR3
 * under page-table isolation, and the user page tables map it (as Linux
 * maps its per-CPU TSS and entry stack): the user-RSP slot, the kernel's
 * CR3, the TSS, the GDT and the entry stack. Everything else, task
 * pointers and counters, is on the second page, which they never map.
 * Assembly uses the PERCPU_* offsets.
 */
#ifndef CORE_PERCPU_H
#define CORE_PERCPU_H

#include "core/cpu/gdt.h"
#include "core/cpu/hw.h"

/* The entry page: what the entries touch under the user page tables. */
#define PERCPU_SELF       0   /* the block's own address, for GS-relative loads */
#define PERCPU_USER_RSP   8   /* user RSP stashed by the SYSCALL entry; a scratch slot */
#define PERCPU_KERNEL_CR3 16  /* page-table isolation: the kernel's CR3 for this task */
#define PERCPU_TSS        24  /* struct tss */
/* The private page: read only under the kernel's tables. */
#define PERCPU_KCTX_RSP   4096 /* kernel RSP saved by user_run, for user_exit */
#define PERCPU_CPU_ID     4104 /* logical CPU number, 0 = bootstrap processor */
#define PERCPU_APIC_ID    4108 /* local APIC ID */
#define PERCPU_TASK       4112 /* struct task running in ring 3 here */
#define PERCPU_SYSCALLS   4120 /* syscalls that returned to ring 3 here */
#define PERCPU_WORK       4128 /* nonzero: exit_work before returning to ring 3 */
#define PERCPU_IRET_RETURNS 4136 /* syscalls that returned through IRETQ */
#define PERCPU_KSTACK_TOP 4144 /* where entries from ring 3 build their frame */
#define PERCPU_USER_CR3   4152 /* page-table isolation: ring 3's CR3 for this task */
#define PERCPU_PAGES      2
#define TSS_RSP0          4   /* offset of RSP0 inside the TSS */
#define TSS_IST1          36  /* offset of IST1 inside the TSS */
#define PERCPU_TSS_RSP0   (PERCPU_TSS + TSS_RSP0)

/* IST slots (1-based, as the gate's IST field counts them). */
#define IST_NMI 1
#define IST_DF  2
#define IST_MC  3
#define IST_DB  4
#define IST_USED 4

#define CPUS_MAX 64
#define ENTRY_STACK_WORDS 128

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

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
	struct percpu *self;
	uint64_t user_rsp;
	uint64_t kernel_cr3;   /* with isolation: this task's kernel tables (PCID 0) */
	struct tss tss;
	uint64_t gdt[GDT_ENTRIES];
	/* With isolation, TSS.RSP0: interrupts from ring 3 land here, on a
	 * stack the user tables map, and move to the kernel stack once CR3
	 * is the kernel's. A fault of the IRETQ to ring 3 lands here too. */
	uint64_t entry_stack[ENTRY_STACK_WORDS] __attribute__((aligned(16)));

	/* The private page: kernel pointers and counters ring 3's tables never map. */
	uint64_t kctx_rsp __attribute__((aligned(4096)));
	uint32_t cpu_id;
	uint32_t apic_id;
	struct task *task;     /* the task running in ring 3 on this CPU */
	uint64_t syscalls;     /* syscalls that returned (counted by the entry) */
	uint32_t work;         /* set with interrupts off: the way out must call exit_work */
	uint32_t pad1;
	uint64_t iret_returns; /* syscalls that could not use SYSRET */
	uint64_t kstack_top;   /* set by user_run; TSS.RSP0 too, without isolation */
	uint64_t user_cr3;     /* with isolation: this task's user tables (PCID 1) */
	uint64_t nmis;         /* NMIs taken (reported at the end) */
	uint64_t faults;       /* ring-3 faults contained since boot */
	uint64_t irqs;         /* device interrupts taken, spurious ones included */
} __attribute__((aligned(4096)));

_Static_assert(offsetof(struct percpu, self) == PERCPU_SELF, "percpu self");
_Static_assert(offsetof(struct percpu, user_rsp) == PERCPU_USER_RSP, "percpu user_rsp");
_Static_assert(offsetof(struct percpu, kctx_rsp) == PERCPU_KCTX_RSP, "percpu kctx_rsp");
_Static_assert(offsetof(struct percpu, cpu_id) == PERCPU_CPU_ID, "percpu cpu_id");
_Static_assert(offsetof(struct percpu, apic_id) == PERCPU_APIC_ID, "percpu apic_id");
_Static_assert(offsetof(struct percpu, task) == PERCPU_TASK, "percpu task");
_Static_assert(offsetof(struct percpu, syscalls) == PERCPU_SYSCALLS, "percpu syscalls");
_Static_assert(offsetof(struct percpu, work) == PERCPU_WORK, "percpu work");
_Static_assert(offsetof(struct percpu, iret_returns) == PERCPU_IRET_RETURNS, "percpu iret_returns");
_Static_assert(offsetof(struct percpu, kstack_top) == PERCPU_KSTACK_TOP, "percpu kstack_top");
_Static_assert(offsetof(struct percpu, kernel_cr3) == PERCPU_KERNEL_CR3, "percpu kernel_cr3");
_Static_assert(offsetof(struct percpu, user_cr3) == PERCPU_USER_CR3, "percpu user_cr3");
_Static_assert(offsetof(struct percpu, tss) == PERCPU_TSS, "percpu tss");
_Static_assert(offsetof(struct tss, rsp) == TSS_RSP0, "tss rsp0");
_Static_assert(offsetof(struct tss, ist) == TSS_IST1, "tss ist1");
_Static_assert(sizeof(struct tss) == 104, "64-bit TSS is 104 bytes");
_Static_assert(offsetof(struct percpu, gdt) % 8 == 0, "GDT aligned");
_Static_assert(offsetof(struct percpu, kctx_rsp) == PAGE_SIZE, "the private part on a page of its own");
_Static_assert(sizeof(struct percpu) == PERCPU_PAGES * PAGE_SIZE, "two pages per CPU");
#endif

#endif
