/*
 * Signals: sending, delivering onto the user stack in Linux's frame,
 * faults turned into signals, rt_sigreturn, the alternate stack and the
 * real-time interval timer (docs/abi.md, "Signals"). Kernel mode, on the
 * CPU of the task concerned, interrupts off.
 */
#ifndef CORE_TASK_SIGNAL_H
#define CORE_TASK_SIGNAL_H

#include <stdint.h>
#include "core/abi/abi.h"
#include "core/entry/trap_frame.h"

struct task;

/* What a pending signal carries into its siginfo. */
struct signal_info {
	int32_t code;   /* si_code */
	int32_t pid;    /* SI_USER, SI_TKILL, SI_QUEUE: the sender (the task itself) */
	uint64_t addr;  /* faults: si_addr */
	uint64_t value; /* SI_QUEUE: si_value */
};

/* Real-time signals are queued, each instance with its own info. */
#define SIGQUEUE_MAX 32

/* A task's signal state that does not fit in its own page: a page of
 * its own, allocated with it. */
struct sigstate {
	struct abi_sigaction act[NSIG];
	struct signal_info info[SIGRTMIN - 1]; /* the pending standard signals' */
	uint32_t rtq_len;
	uint8_t rtq_sig[SIGQUEUE_MAX];       /* queued real-time signals, oldest first */
	struct signal_info rtq[SIGQUEUE_MAX];
};

/* Make sig pending for t (the running task) with info, unless it is
 * ignored; ask for delivery on the way out when it is not blocked. 0, or
 * -EAGAIN when a real-time signal finds its queue full. */
int64_t signal_post(struct task *t, uint32_t sig, const struct signal_info *info);

/* The alternate stack as sigaltstack reports it for a task at sp
 * (SS_ONSTACK, SS_DISABLE, SS_AUTODISARM), and setting it, checked as
 * Linux checks it: 0, -EPERM (running on it), -EINVAL, -ENOMEM. */
int signal_altstack_flags(const struct task *t, uint64_t sp);
int64_t signal_altstack_set(struct task *t, const struct abi_sigaltstack *want, uint64_t sp);

/* The most stack one signal frame takes on this CPU, its extended state
 * included: the auxiliary vector's AT_MINSIGSTKSZ. */
uint64_t signal_frame_max(void);

/* Bit sig - 1 of a mask is signal sig; SIGKILL and SIGSTOP are never
 * blocked, caught or ignored. */
#define SIG_BIT(sig) (1ULL << ((sig) - 1))
#define UNCATCHABLE  (SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP))

/* Signals whose default action is nothing: SIGCHLD, SIGURG, SIGWINCH,
 * SIGCONT, and the stop signals (no one could continue a stopped task
 * here). Every other one ends the task. */
int signal_default_ignores(uint32_t sig);

/* rt_sigaction's new action for sig (1..64, not SIGKILL or SIGSTOP);
 * a signal it makes ignored stops being pending. */
void signal_action_set(struct task *t, uint32_t sig, const struct abi_sigaction *act);

/* Drop every pending instance of sig (it became ignored). */
void signal_discard(struct task *t, uint32_t sig);

/* 1 when t has a pending signal its mask lets through. */
int signal_deliverable(const struct task *t);

/* On the way out to ring 3 (exit_work) with the frame f going there:
 * deliver the first pending, unblocked signal, which may end the task
 * (task_end_on_return). */
void signal_deliver_pending(struct task *t, struct trap_frame *f);

/* A fault from ring 3: as a signal to its handler (f changed to enter
 * it), or, without one (blocked, ignored, default), its SIGNAL line
 * (action=kill), the FAULT line and the end of the task, as Linux's
 * forced signals. */
void signal_fault(struct trap_frame *f);

/* f is to return to a non-canonical RIP (a SYSCALL in the last bytes
 * below 2^47): SIGSEGV instead, as Linux's IRET fault gives. */
void signal_bad_return(struct trap_frame *f);

/* rt_sigreturn, with f the syscall's frame: everything from the frame at
 * f->rsp - 8, checked; returns the restored RAX. */
int64_t signal_return(struct trap_frame *f);

/* The ITIMER_REAL timer: fire it if due at now (SIGALRM, re-armed by its
 * interval). 1 if it fired. When it is due next, 0 for never. */
int signal_timer_fire(struct task *t, uint64_t now);
uint64_t signal_timer_due(const struct task *t);

/* Signal names as strace and Linux spell them ("SIGSEGV"), 0 beyond 64. */
const char *signal_name(uint32_t sig);

#endif
