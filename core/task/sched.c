/* Run queues, time slices, sleep, CPU-time limits (contract in sched.h). */
#include "core/task/sched.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/fpu.h"
#include "core/cpu/hw.h"
#include "core/cpu/irq.h"
#include "core/cpu/lapic.h"
#include "core/cpu/percpu.h"
#include "core/cpu/this_cpu.h"
#include "core/cpu/time.h"
#include "core/entry/entry.h"
#include "core/cpu/mitigation_hw.h"

/* One per CPU, touched only by that CPU (interrupts off). */
struct sched_cpu {
	struct task *current;          /* on the CPU now (in ring 3 or in a call) */
	struct task *head, *tail;      /* runnable, in order */
	struct task *sleepers;         /* TASK_SLEEPING, unordered */
	struct task *fpu_owner;        /* whose extended state the registers hold */
	uint32_t last_pid;             /* the task that ran here last (0: none yet) */
	uint32_t live;                 /* created and not yet finished */
	uint64_t in_tsc;               /* when current got the CPU */
	uint64_t syscalls_in, iret_in; /* the CPU's counters then */
} __attribute__((aligned(64)));

static struct sched_cpu sched_of[CPUS_MAX];
static uint64_t slice_tsc;       /* 0: no preemption tick */
static uint64_t cpu_limit_tsc;   /* 0: no limit */
static uint64_t run_deadline;    /* TSC; 0: no limit */
static int together;
static int timer_ok;

void sched_setup(const struct handoff *h, int timer_works)
{
	timer_ok = timer_works;
	uint64_t per_us = time_tsc_per_us();
	slice_tsc = (uint64_t)h->slice_us * per_us;
	cpu_limit_tsc = (uint64_t)h->cpu_limit_s * 1000000 * per_us;
	run_deadline = h->run_limit_s ? cpu_rdtsc() + (uint64_t)h->run_limit_s * 1000000 * per_us : 0;
	together = !!(h->flags & HANDOFF_TOGETHER);
	irq_trace = !!(h->flags & HANDOFF_TRACE_IRQ);
}

void sched_cpu_init(void)
{
	lapic_timer_cpu_init();
}

static struct sched_cpu *sched_here(void)
{
	return &sched_of[this_cpu_id()];
}

static void runq_push(struct sched_cpu *s, struct task *t)
{
	t->state = TASK_RUNNABLE;
	t->next = 0;
	if (s->tail)
		s->tail->next = t;
	else
		s->head = t;
	s->tail = t;
}

static struct task *runq_pop(struct sched_cpu *s)
{
	struct task *t = s->head;
	if (t) {
		s->head = t->next;
		if (!s->head)
			s->tail = 0;
		t->next = 0;
	}
	return t;
}

/* Sleepers whose time has come go to the back of the run queue; so does
 * one whose SIGALRM comes due and may be delivered: its sleep ends
 * early, with -EINTR. */
static void sched_wake(struct sched_cpu *s, uint64_t now)
{
	struct task **link = &s->sleepers;
	while (*link) {
		struct task *t = *link;
		/* Its SIGALRM, if due, is posted now; it ends the sleep only
		 * if the task's mask lets it through. */
		int early = t->wake_tsc > now && signal_timer_fire(t, now) && signal_deliverable(t);
		if (t->wake_tsc <= now || early) {
			if (early)
				t->frame.rax = (uint64_t)-EINTR;
			*link = t->next;
			runq_push(s, t);
		} else {
			link = &t->next;
		}
	}
}

static uint64_t earlier(uint64_t a, uint64_t b)
{
	return !a ? b : !b ? a : a < b ? a : b;
}

/*
 * When the timer must fire next: the end of the running task's slice (a
 * tick every slice while a task runs), its CPU-time limit, the first
 * sleeper's wake-up, the run's wall-clock limit; never, if none applies.
 */
static void sched_arm(struct sched_cpu *s, uint64_t now)
{
	uint64_t at = run_deadline;
	struct task *t = s->current;
	if (t && slice_tsc)
		at = earlier(at, now + slice_tsc);
	if (t && cpu_limit_tsc) {
		uint64_t used = t->cpu_tsc + (now - s->in_tsc);
		at = earlier(at, used < cpu_limit_tsc ? now + (cpu_limit_tsc - used) : now + 1);
	}
	if (t)
		at = earlier(at, t->alarm_tsc);
	for (struct task *w = s->sleepers; w; w = w->next)
		at = earlier(at, earlier(w->wake_tsc, w->alarm_tsc));
	lapic_timer_arm(at);
}

uint64_t sched_current_syscalls(const struct task *t)
{
	return t->syscalls + (this_cpu()->syscalls - sched_here()->syscalls_in);
}

uint64_t sched_current_cpu_tsc(const struct task *t)
{
	return t->cpu_tsc + (cpu_rdtsc() - sched_here()->in_tsc);
}

/*
 * One SLICE line per stint on a CPU, printed as it ends: with the TSC on
 * SYSCALL lines, what a timeline of the run needs to show who ran where,
 * and why each stint ended (docs/abi.md). Not every timer tick: the
 * stint's interrupt count instead. A quiet task prints none, so the
 * switches a benchmark times (yield_pair) print nothing in between.
 */
static void sched_report_slice(const struct task *t, uint64_t from, uint64_t to, uint64_t irqs,
			       int preempted)
{
	if (t->report != RING3_REPORT_CALLS)
		return;
	const char *end = t->state == TASK_DEAD ? "end" : t->state == TASK_SLEEPING ? "sleep"
			: preempted ? "preempt" : "yield";
	console_line(CON_INFO, "SLICE cpu=%u pid=%u tsc=%llu cycles=%llu irqs=%llu reason=%s",
		     this_cpu_id(), t->pid, (unsigned long long)from, (unsigned long long)(to - from),
		     (unsigned long long)irqs, end);
}

/* Give t the CPU until it leaves it (exit work, its end). */
static void sched_switch_to(struct sched_cpu *s, struct task *t)
{
	struct percpu *cpu = this_cpu();
	s->current = t;
	cpu->task = t;
	uspace_activate(t->mm);
	/* Nothing the last task trained may steer this one (IBPB), and no
	 * return address it left in the RSB may be predicted (mitigation.h). */
	mitigation_task_switch(s->last_pid != t->pid);
	s->last_pid = t->pid;
	cpu_wrmsr(MSR_FS_BASE, t->fs_base);
	cpu_wrmsr(MSR_KERNEL_GS_BASE, t->gs_base);
	if (s->fpu_owner != t) {
		fpu_restore(t->xstate);
		s->fpu_owner = t;
	}
	s->syscalls_in = cpu->syscalls;
	s->iret_in = cpu->iret_returns;
	uint64_t irqs_in = t->irqs, preempted_in = t->preempted;
	s->in_tsc = cpu_rdtsc();
	sched_arm(s, s->in_tsc);
	/* A signal or an alarm that came while it was off the CPU. */
	if ((t->sigpending && signal_deliverable(t)) || (t->alarm_tsc && s->in_tsc >= t->alarm_tsc))
		cpu->work = 1;

	user_run(&t->frame);

	/* Back in the kernel for good (for now): charge the stint. */
	uint64_t now = cpu_rdtsc();
	t->cpu_tsc += now - s->in_tsc;
	t->syscalls += cpu->syscalls - s->syscalls_in;
	t->iret_returns += cpu->iret_returns - s->iret_in;
	if (t->state != TASK_DEAD) {
		t->fs_base = cpu_rdmsr(MSR_FS_BASE);
		t->gs_base = cpu_rdmsr(MSR_KERNEL_GS_BASE);
		fpu_save(t->xstate); /* the registers still hold it: fpu_owner stays t */
	}
	uspace_deactivate(t->mm);
	cpu->task = 0;
	s->current = 0;
	sched_report_slice(t, s->in_tsc, now, t->irqs - irqs_in, t->preempted != preempted_in);
}

/* A dead task's last rites: its extended state is nobody's now, then its
 * SUMMARY and its pages back. */
static void sched_finish(struct sched_cpu *s, struct task *t)
{
	if (s->fpu_owner == t)
		s->fpu_owner = 0;
	task_finish(t);
	s->live--;
}

/* A task the kernel ends by itself (a limit), already off the CPU or on
 * its way out: one KILL line, then its SUMMARY like a fault's. */
static void sched_kill_report(const struct task *t, const char *reason, uint64_t cpu_tsc)
{
	console_line(CON_FAULT, "KILL cpu=%u pid=%u reason=%s rip=0x%llx cpu_us=%llu", this_cpu_id(),
		     t->pid, reason, (unsigned long long)t->frame.rip,
		     (unsigned long long)(cpu_tsc / time_tsc_per_us()));
}

/* The run's wall-clock limit passed: end every sleeping task here (the
 * runnable ones are ended as they come up). */
static void sched_kill_sleepers(struct sched_cpu *s)
{
	while (s->sleepers) {
		struct task *t = s->sleepers;
		s->sleepers = t->next;
		t->killed = 1;
		t->state = TASK_DEAD;
		sched_kill_report(t, "run-time-limit", t->cpu_tsc);
		sched_finish(s, t);
	}
}

/* Nothing runnable: wait for the timer (a sleeper's wake-up), or, where
 * the timer is silent, watch the TSC. */
static void sched_idle(struct sched_cpu *s)
{
	uint64_t now = cpu_rdtsc();
	if (run_deadline && now >= run_deadline) {
		sched_kill_sleepers(s);
		return;
	}
	sched_wake(s, now);
	if (s->head)
		return;
	if (!timer_ok) {
		cpu_pause();
		return;
	}
	sched_arm(s, now);
	/* STI's one-instruction shadow: the interrupt is taken after HLT
	 * has started, never between the two. */
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

int sched_run(struct handoff *h, uint32_t cpu)
{
	struct sched_cpu *s = sched_here();
	uint32_t next = 0;
	int ok = 1;
	for (;;) {
		if (!s->live) {
			if (next == h->payload_count)
				break;
			uint32_t n = together ? h->payload_count - next : 1;
			for (uint32_t i = next; i < next + n; i++) {
				struct task *t = task_create(h, &h->payloads[i], 1 + cpu * 1000 + i);
				if (!t) {
					ok = 0;
					continue;
				}
				runq_push(s, t);
				s->live++;
			}
			next += n;
			continue;
		}
		struct task *t = runq_pop(s);
		if (!t) {
			sched_idle(s);
			continue;
		}
		if (run_deadline && cpu_rdtsc() >= run_deadline && t->state != TASK_DEAD) {
			t->killed = 1;
			t->state = TASK_DEAD;
			sched_kill_report(t, "run-time-limit", t->cpu_tsc);
		} else {
			sched_switch_to(s, t);
		}
		if (t->state == TASK_DEAD) {
			sched_finish(s, t);
		} else if (t->state == TASK_SLEEPING) {
			t->next = s->sleepers;
			s->sleepers = t;
		} else {
			runq_push(s, t);
		}
	}
	lapic_timer_arm(0);
	return ok;
}

void sched_tick(struct trap_frame *f)
{
	struct sched_cpu *s = sched_here();
	uint64_t now = cpu_rdtsc();
	sched_wake(s, now);
	struct task *t = s->current;
	if (t && (f->cs & 3)) {
		uint64_t used = t->cpu_tsc + (now - s->in_tsc);
		if (cpu_limit_tsc && used >= cpu_limit_tsc)
			t->kill_reason = "cpu-time-limit";
		else if (run_deadline && now >= run_deadline)
			t->kill_reason = "run-time-limit";
		else if (slice_tsc && s->head && now - s->in_tsc >= slice_tsc)
			t->want |= TASK_WANT_PREEMPT;
		if (t->kill_reason || t->want || (t->alarm_tsc && now >= t->alarm_tsc))
			this_cpu()->work = 1;
	}
	sched_arm(s, now);
}

void sched_yield_current(void)
{
	struct sched_cpu *s = sched_here();
	if (!s->head)
		return; /* nobody else to run: carry on */
	s->current->want |= TASK_WANT_YIELD;
	this_cpu()->work = 1;
}

void sched_rearm(void)
{
	sched_arm(sched_here(), cpu_rdtsc());
}

void sched_sleep_current(uint64_t wake)
{
	struct task *t = sched_here()->current;
	t->wake_tsc = wake;
	t->want |= TASK_WANT_SLEEP;
	this_cpu()->work = 1;
}

/*
 * Contract: called by entry_return_user with the frame about to go back
 * to ring 3, when this CPU's work word is set; interrupts off. Returns
 * if the same task goes on; otherwise saves the frame in the task and
 * leaves the CPU to the scheduler (user_exit).
 */
void exit_work(struct trap_frame *f)
{
	struct percpu *cpu = this_cpu();
	cpu->work = 0;
	struct task *t = cpu->task;
	if (!t)
		return;
	/* Signals cost nothing on the way out of a task that has none. */
	if (t->alarm_tsc)
		signal_timer_fire(t, cpu_rdtsc());
	if (t->sigpending && !t->kill_reason && signal_deliverable(t)) {
		/* A sleep asked for in this call ends before it starts:
		 * nanosleep, pause and rt_sigsuspend return -EINTR. */
		if (t->want & TASK_WANT_SLEEP) {
			t->want &= ~(uint32_t)TASK_WANT_SLEEP;
			f->rax = (uint64_t)-EINTR;
		}
		signal_deliver_pending(t, f); /* may end it: kill_reason */
	}
	if (t->kill_reason) {
		t->frame = *f;
		sched_kill_report(t, t->kill_reason, sched_current_cpu_tsc(t));
		t->killed = 1;
		t->state = TASK_DEAD;
		user_exit(0);
	}
	uint32_t want = t->want;
	if (!want)
		return;
	t->want = 0;
	t->frame = *f;
	if (want & TASK_WANT_SLEEP)
		t->state = TASK_SLEEPING;
	if (want & TASK_WANT_PREEMPT)
		t->preempted++;
	user_exit(0);
}
