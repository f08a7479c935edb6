/* A payload running in ring 3 on one CPU. */
#ifndef CORE_TASK_H
#define CORE_TASK_H

#include <stdint.h>
#include "handoff.h"
#include "trap_frame.h"

struct task {
	uint32_t pid;
	const struct handoff_payload *payload;
	uint64_t region_size;   /* bytes mapped at USER_BASE */
	uint64_t syscalls;      /* round trips served (SYSCALL lines) */
	uint64_t faults;        /* faults that ended it (0 or 1) */
	int killed;             /* ended by the kernel, not by exit */
	int64_t exit_code;
};

/*
 * Run one payload to completion on this CPU and print its SUMMARY.
 * Returns 0, or -1 if its address space could not be built.
 * Kernel mode, interrupts off, after cpu_setup. Takes page-table pages
 * from h->pt_pool (one CPU at a time).
 */
int task_run(struct handoff *h, const struct handoff_cpu *hc,
	     const struct handoff_payload *p, uint32_t pid);

/* End the running task with an exit code (exit, exit_group). */
void task_exit(int64_t code) __attribute__((noreturn));
/* End the running task after a fault that has been reported. */
void task_kill(void) __attribute__((noreturn));

#endif
