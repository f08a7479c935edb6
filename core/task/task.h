/* A payload running in ring 3 on one CPU. */
#ifndef CORE_TASK_H
#define CORE_TASK_H

#include <stdint.h>
#include "core/boot/handoff.h"
#include "core/entry/trap_frame.h"

struct task_mmap {
	uint64_t va, pages;
};

struct task {
	uint32_t pid;
	const struct handoff_payload *payload;
	const struct handoff_cpu *hc; /* this CPU's memory and address space */
	struct pt_pool *pool;         /* page-table pages for new mappings */
	uint64_t region_size;         /* bytes mapped at USER_BASE */
	uint64_t syscalls_base;       /* the CPU's syscall count when it started */
	uint64_t faults;              /* faults that ended it (0 or 1) */
	uint64_t iret_base;           /* the CPU's iret_returns when it started */
	uint32_t report;              /* RING3_REPORT_*: how syscalls are reported */
	int killed;                   /* ended by the kernel, not by exit */
	int64_t exit_code;
	uint64_t mmap_next;           /* next address for mmap without MAP_FIXED */
	uint64_t mmap_pages;          /* pool pages used */
	unsigned mmap_count;
	struct task_mmap mmaps[USER_MMAPS_MAX];
};

/*
 * Run one payload to completion on this CPU and print its SUMMARY.
 * Returns 0, or -1 if its address space could not be built.
 * Kernel mode, interrupts off, after cpu_setup. Takes page-table pages
 * from h->pt_pool.
 */
int task_run(struct handoff *h, const struct handoff_cpu *hc,
	     const struct handoff_payload *p, uint32_t pid);

/* The task running on this CPU. In a syscall or trap from ring 3. */
static inline struct task *task_current(void)
{
	struct task *t;
	__asm__ volatile("movq %%gs:%c1, %0" : "=r"(t) : "i"(PERCPU_TASK));
	return t;
}

/* End the running task with an exit code (exit, exit_group). */
void task_exit(int64_t code) __attribute__((noreturn));
/* End the running task after a fault that has been reported. */
void task_kill(void) __attribute__((noreturn));

/* Serialise use of the shared page-table pool (mmap, task set-up). */
void task_pool_lock(void);
void task_pool_unlock(void);

/* Drop stale translations after the task's mappings changed. */
void task_flush_tlb(void);

#endif
