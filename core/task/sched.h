/*
 * The scheduler: a run queue per CPU, round robin with a time slice, and
 * sleeping. Tasks never move between CPUs. The kernel is not
 * preemptible: it runs with IF=0 on every path but its idle loop, and
 * every switch happens at the one place a task leaves the kernel for
 * ring 3 (exit_work), or when it has ended. That is what lets a CPU
 * keep one kernel stack for all its tasks.
 */
#ifndef CORE_SCHED_H
#define CORE_SCHED_H

#include <stdint.h>
#include "core/boot/handoff.h"
#include "core/entry/trap_frame.h"
#include "core/task/task.h"

/*
 * Run this CPU's share of the payload list to the end: one after another,
 * or all at once with --together. Idles (sti; hlt) when every task
 * sleeps. Returns 1 if every task could be created. Kernel mode,
 * interrupts off, after cpu_setup and sched_cpu_init.
 */
int sched_run(struct handoff *h, uint32_t cpu);

/* Once (BSP): the options (slice, limits) from the handoff, and whether
 * the timer works (without it: no preemption; the idle loop polls). */
void sched_setup(const struct handoff *h, int timer_works);
/* Each CPU, before sched_run: its timer. */
void sched_cpu_init(void);

/* The timer interrupt, from ring 3 or from the idle loop: wakes
 * sleepers, charges the running task, asks for a switch or an end
 * (exit work), re-arms the timer. */
void sched_tick(struct trap_frame *f);

/* From a syscall of the running task: give the CPU to the next runnable
 * task on the way out (if there is one). */
void sched_yield_current(void);
/* From a syscall: sleep until the TSC reaches wake. */
void sched_sleep_current(uint64_t wake);
/* From a syscall: a deadline of the running task changed (its alarm):
 * the timer is armed again for it. */
void sched_rearm(void);

/* The running task's round trips so far, this stint included. */
uint64_t sched_current_syscalls(const struct task *t);
/* The running task's CPU time so far in TSC ticks, this stint included. */
uint64_t sched_current_cpu_tsc(const struct task *t);

#endif
