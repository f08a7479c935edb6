/*
 * A payload running in ring 3. Tasks live on one CPU; several may share
 * it (--together), switched by core/task/sched.c. A task that is not on
 * the CPU is its saved user context: the frame ring 3 returns with, its
 * FS and GS bases, its extended state. It has no kernel stack of its own
 * (one per CPU: the kernel never sleeps in the middle of a call).
 */
#ifndef CORE_TASK_H
#define CORE_TASK_H

#include <stdint.h>
#include "core/boot/handoff.h"
#include "core/cpu/percpu.h"
#include "core/console/console.h"
#include "core/entry/trap_frame.h"
#include "core/mm/uspace.h"
#include "core/abi/abi.h"
#include "core/fs/fdtable.h"
#include "core/task/signal.h"

enum task_state {
	TASK_RUNNABLE,  /* on the run queue, or running */
	TASK_SLEEPING,  /* until wake_tsc */
	TASK_DEAD,      /* exited or killed: its SUMMARY is due */
};

/* What a task asks for on its way out to ring 3 (exit_work). */
#define TASK_WANT_YIELD   0x1 /* sched_yield: the next task first */
#define TASK_WANT_SLEEP   0x2 /* nanosleep: off the CPU until wake_tsc */
#define TASK_WANT_PREEMPT 0x4 /* its time slice is used up */

struct task {
	uint32_t pid;
	uint32_t state;               /* enum task_state */
	struct task *next;            /* run queue or sleep list */
	struct trap_frame frame;      /* the user context while off the CPU */
	uint64_t fs_base, gs_base;    /* the user's FS and GS bases */
	void *xstate;                 /* extended state: its own page (fpu.h) */
	const struct handoff_payload *payload;
	struct uspace *mm;            /* its address space */
	uint64_t region_size;         /* bytes mapped at USER_BASE */
	uint64_t syscalls;            /* round trips, counted when it leaves the CPU */
	uint64_t iret_returns;        /* of those, returned through IRETQ */
	uint64_t faults;              /* faults that ended it (0 or 1) */
	uint64_t irqs;                /* interrupts taken while it ran */
	uint64_t preempted;           /* times its slice ran out with others waiting */
	uint64_t cpu_tsc;             /* TSC ticks on the CPU, when it left it */
	uint64_t wake_tsc;            /* TASK_SLEEPING: when to wake */
	uint32_t want;                /* TASK_WANT_*, for exit_work */
	uint32_t report;              /* RING3_REPORT_*: how syscalls are reported */
	const char *kill_reason;      /* set: end it on its way out (cpu-time-limit, ...) */
	/* A page fault's error code as the CPU gave it, for its SIGNAL line
	 * (the frame's may be made to read as a protection fault). */
	uint32_t pf_error;            /* PF_ERROR_SET | code; 0: none pending */
	int killed;                   /* ended by the kernel, not by exit */
	int64_t exit_code;
	uint32_t signal;              /* ended by this signal's default action (0: not) */
	struct console_text out;      /* its unfinished line of text */
	/* What a Linux program sees of its process (docs/abi.md). */
	struct fdtable *files;        /* its descriptors: a page of its own */
	uint32_t cwd;                 /* working directory: a node of the file tree */
	uint32_t umask;
	char comm[TASK_COMM_LEN];     /* prctl(PR_SET_NAME) */
	uint64_t sigmask;             /* blocked signals, bit n-1 for signal n */
	uint64_t sigpending;          /* sent, not delivered yet */
	uint64_t saved_mask;          /* rt_sigsuspend: the mask to restore ... */
	uint32_t has_saved_mask;      /* ... once a handler has run */
	uint32_t pad1;
	uint64_t alarm_tsc;           /* ITIMER_REAL: when SIGALRM is due (0: off) ... */
	uint64_t alarm_interval;      /* ... and again every this many ticks (0: once) */
	struct abi_sigaltstack altstack;
	struct sigstate *sig;         /* actions and what pending signals carry: a page */
	struct abi_rlimit rlim[RLIM_NLIMITS];
};

/*
 * A new task for payload p with this pid: its address space holding the
 * payload, an init extended state, and the frame of its first entry
 * (RIP USER_BASE, RSP USER_STACK_TOP, RFLAGS USER_RFLAGS_INIT, every
 * general register 0). 0 if memory is short (reported as an ERROR line).
 */
#define PF_ERROR_SET (1u << 31)

struct task *task_create(const struct handoff *h, const struct handoff_payload *p, uint32_t pid);
/* Print its SUMMARY and give back every page it held. Dead, off the CPU. */
void task_finish(struct task *t);

/* The task running on this CPU. In a syscall or trap from ring 3. */
static inline struct task *task_current(void)
{
	struct task *t;
	__asm__ volatile("movq %%gs:%c1, %0" : "=r"(t) : "i"(offsetof(struct percpu, task)));
	return t;
}

/* End the running task with an exit code (exit, exit_group). */
void task_exit(int64_t code) __attribute__((noreturn));
/* End the running task after a fault that has been reported. */
void task_kill(void) __attribute__((noreturn));

/* End t on its way out of this syscall: a KILL line with reason, and
 * signal=sig in its SUMMARY when sig is not 0. For the running task. */
void task_end_on_return(struct task *t, const char *reason, uint32_t sig);

/* The path /proc/self/exe gives for t: "/" and its file's name. */
int64_t task_exe_path(const struct task *t, char *buf, uint64_t size);

#endif
