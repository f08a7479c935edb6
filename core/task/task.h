/* A payload running in ring 3 on one CPU. */
#ifndef CORE_TASK_H
#define CORE_TASK_H

#include <stdint.h>
#include "core/boot/handoff.h"
#include "core/console/console.h"
#include "core/entry/trap_frame.h"
#include "core/mm/uspace.h"

struct task {
	uint32_t pid;
	const struct handoff_payload *payload;
	struct uspace *mm;            /* its address space */
	uint64_t region_size;         /* bytes mapped at USER_BASE */
	uint64_t syscalls_base;       /* the CPU's syscall count when it started */
	uint64_t faults;              /* faults that ended it (0 or 1) */
	uint64_t iret_base;           /* the CPU's iret_returns when it started */
	uint32_t report;              /* RING3_REPORT_*: how syscalls are reported */
	int killed;                   /* ended by the kernel, not by exit */
	int64_t exit_code;
	struct console_text out;      /* its unfinished line of text */
};

/*
 * Run one payload to completion on this CPU and print its SUMMARY.
 * Returns 0, or -1 if its address space could not be built (reported).
 * Kernel mode, interrupts off, after cpu_setup, on the kernel's tables;
 * back on them when it returns, with every page of the task given back.
 */
int task_run(struct handoff *h, const struct handoff_payload *p, uint32_t pid);

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

#endif
