/* Signals (contract in signal.h; the frame's logic in core/lib/sigframe.c). */
#include "core/task/signal.h"
#include "core/abi/abi.h"
#include "core/abi/layout.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/fpu.h"
#include "core/cpu/gdt.h"
#include "core/cpu/hw.h"
#include "core/cpu/this_cpu.h"
#include "core/entry/trap.h"
#include "core/entry/uaccess.h"
#include "core/lib/fault_signal.h"
#include "core/lib/fmt.h"
#include "core/lib/sigframe.h"
#include "core/lib/string.h"
#include "core/lib/strace_fmt.h"
#include "core/task/task.h"
#include "core/mm/vma.h"

#define SYNCHRONOUS  (SIG_BIT(SIGSEGV) | SIG_BIT(SIGBUS) | SIG_BIT(SIGILL) | SIG_BIT(SIGTRAP) | \
		      SIG_BIT(SIGFPE) | SIG_BIT(SIGSYS))

const char *signal_name(uint32_t sig)
{
	const char *n = strace_signal_name(sig);
	return n ? n : sig >= SIGRTMIN && sig <= NSIG ? "SIGRT" : "SIG?";
}

int signal_default_ignores(uint32_t sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT ||
	       sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static int sig_ignored(const struct task *t, uint32_t sig)
{
	/* A blocked one stays pending: its action may change before it is
	 * unblocked, as on Linux. */
	if (sig == SIGKILL || (t->sigmask & SIG_BIT(sig)))
		return 0;
	uint64_t h = t->sig->act[sig - 1].sa_handler;
	return h == SIG_IGN || (h == SIG_DFL && signal_default_ignores(sig));
}

int64_t signal_post(struct task *t, uint32_t sig, const struct signal_info *info)
{
	struct sigstate *s = t->sig;
	if (sig < 1 || sig > NSIG || sig_ignored(t, sig))
		return 0;
	if (sig >= SIGRTMIN) {
		/* Real-time: every instance queued, in order. */
		if (s->rtq_len == SIGQUEUE_MAX)
			return -EAGAIN;
		s->rtq_sig[s->rtq_len] = (uint8_t)sig;
		s->rtq[s->rtq_len++] = *info;
	} else if (!(t->sigpending & SIG_BIT(sig))) {
		s->info[sig - 1] = *info; /* a standard one pending already stays as it is */
	}
	t->sigpending |= SIG_BIT(sig);
	if (signal_deliverable(t))
		this_cpu()->work = 1;
	return 0;
}

/* Take the oldest instance of sig off the pending set: its info. */
static struct signal_info signal_take(struct task *t, uint32_t sig)
{
	struct sigstate *s = t->sig;
	struct signal_info info = { .code = SI_KERNEL };
	if (sig < SIGRTMIN) {
		t->sigpending &= ~SIG_BIT(sig);
		return s->info[sig - 1];
	}
	int more = 0;
	for (uint32_t i = 0, found = 0; i < s->rtq_len; i++) {
		if (s->rtq_sig[i] != sig || found) {
			more |= found && s->rtq_sig[i] == sig;
			continue;
		}
		found = 1;
		info = s->rtq[i];
		for (uint32_t j = i; j + 1 < s->rtq_len; j++) {
			s->rtq_sig[j] = s->rtq_sig[j + 1];
			s->rtq[j] = s->rtq[j + 1];
		}
		s->rtq_len--;
		i--; /* the next one moved here */
	}
	if (!more)
		t->sigpending &= ~SIG_BIT(sig);
	return info;
}

void signal_action_set(struct task *t, uint32_t sig, const struct abi_sigaction *act)
{
	struct abi_sigaction *a = &t->sig->act[sig - 1];
	*a = *act;
	a->sa_mask &= ~UNCATCHABLE;
	/* Now ignored: what is pending goes, as Linux drops it. */
	if (a->sa_handler == SIG_IGN || (a->sa_handler == SIG_DFL && signal_default_ignores(sig)))
		signal_discard(t, sig);
}

void signal_discard(struct task *t, uint32_t sig)
{
	while (t->sigpending & SIG_BIT(sig))
		signal_take(t, sig);
}

int signal_deliverable(const struct task *t)
{
	return (t->sigpending & ~(t->sigmask & ~UNCATCHABLE)) != 0;
}

static void signal_report(struct task *t, uint32_t sig, const struct signal_info *info,
			  uint64_t rip, const char *action, uint64_t handler)
{
	char h[32] = "", e[24] = "";
	if (handler)
		fmt_snprintf(h, sizeof(h), " handler=0x%llx", (unsigned long long)handler);
	if (t->pf_error & PF_ERROR_SET)
		fmt_snprintf(e, sizeof(e), " pf_err=0x%x", t->pf_error & ~PF_ERROR_SET);
	console_line(CON_FAULT,
		     "SIGNAL cpu=%u pid=%u sig=%u name=%s code=%d addr=0x%llx rip=0x%llx action=%s%s%s tsc=%llu",
		     this_cpu_id(), t->pid, sig, signal_name(sig), info->code,
		     (unsigned long long)info->addr, (unsigned long long)rip, action, h, e,
		     (unsigned long long)cpu_rdtsc());
	t->pf_error = 0;
}

/* The default action of a signal that ends the task. */
static void signal_kill(struct task *t, uint32_t sig, const struct signal_info *info, uint64_t rip)
{
	signal_report(t, sig, info, rip, "kill", 0);
	task_end_on_return(t, "signal", sig);
}

static int on_altstack(const struct task *t, uint64_t sp)
{
	const struct abi_sigaltstack *a = &t->altstack;
	return !(a->ss_flags & SS_DISABLE) && sp > a->ss_sp && sp - a->ss_sp <= a->ss_size;
}

int signal_altstack_flags(const struct task *t, uint64_t sp)
{
	if (on_altstack(t, sp))
		return SS_ONSTACK;
	return t->altstack.ss_flags;
}

int64_t signal_altstack_set(struct task *t, const struct abi_sigaltstack *want, uint64_t sp)
{
	if (on_altstack(t, sp))
		return -EPERM;
	uint32_t mode = (uint32_t)want->ss_flags & ~SS_AUTODISARM;
	if (mode != 0 && mode != SS_ONSTACK && mode != SS_DISABLE)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		t->altstack = (struct abi_sigaltstack){ .ss_flags = SS_DISABLE };
		return 0;
	}
	if (want->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	t->altstack = (struct abi_sigaltstack){ .ss_sp = want->ss_sp, .ss_size = want->ss_size,
						.ss_flags = (int)((uint32_t)want->ss_flags & SS_AUTODISARM) };
	return 0;
}

/* The extended state's bytes in a frame: the XSAVE area and MAGIC2, or
 * the FXSAVE area. */
static uint32_t fp_frame_size(void)
{
	return fpu_xcr0() ? fpu_area_size() + 4 : FXSAVE_SIZE;
}

uint64_t signal_frame_max(void)
{
	return sigframe_max_size(fp_frame_size());
}

/*
 * Push the frame for sig onto the user stack and point f at the handler.
 * 0, or -1 when the frame does not fit (the caller then ends the task
 * with SIGSEGV, as Linux does).
 */
static int signal_setup_frame(struct task *t, struct trap_frame *f, uint32_t sig,
			      const struct signal_info *info, const struct abi_sigaction *act)
{
	if (!(act->sa_flags & SA_RESTORER))
		return -1; /* x86-64 Linux has no other way back from a handler */
	if (!sigframe_canonical(act->sa_handler))
		return -1; /* IRETQ could not go there: SIGSEGV instead */
	int was_on = on_altstack(t, f->rsp);
	uint64_t sp = f->rsp - SIGFRAME_REDZONE;
	int entering = (act->sa_flags & SA_ONSTACK) && !(t->altstack.ss_flags & SS_DISABLE) && !was_on;
	if (entering)
		sp = t->altstack.ss_sp + t->altstack.ss_size;
	uint32_t fp_size = fp_frame_size();
	struct sigframe_place at;
	if (sigframe_place(sp, fp_size, (entering || was_on) ? t->altstack.ss_sp : 0, &at))
		return -1;
	/* The state as the interrupted code left it, all of it written (no
	 * XSAVEOPT: it may skip components), x87 and SSE marked in use so a
	 * handler's edits to them are loaded back, then marked for
	 * sigreturn. */
	fpu_save_full(t->xstate);
	sigframe_xstate_mark(t->xstate, fpu_area_size(), fpu_xcr0());
	if (copy_to_user(at.fpstate, t->xstate, fp_size))
		return -1;
	uint64_t mask = t->has_saved_mask ? t->saved_mask : t->sigmask;
	struct abi_rt_sigframe fr;
	memset(&fr, 0, sizeof(fr));
	fr.pretcode = act->sa_restorer;
	fr.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS | (fpu_xcr0() ? UC_FP_XSTATE : 0);
	fr.uc.uc_stack.ss_sp = t->altstack.ss_sp;
	fr.uc.uc_stack.ss_size = t->altstack.ss_size;
	fr.uc.uc_stack.ss_flags = was_on ? SS_ONSTACK : t->altstack.ss_flags;
	sigframe_context(&fr.uc.uc_mcontext, f, f->vector == VEC_PF ? info->addr : 0, mask,
			 at.fpstate);
	fr.uc.uc_sigmask = mask;
	fr.info.si_signo = (int)sig;
	fr.info.si_code = info->code;
	if (info->code == SI_QUEUE || info->code < 0 || info->code == SI_USER) {
		fr.info.u.rt.si_pid = info->pid; /* si_uid 0: root */
		fr.info.u.rt.si_value = info->value;
	} else {
		fr.info.u.si_addr = info->addr;
	}
	if (copy_to_user(at.frame, &fr, sizeof(fr)))
		return -1;

	/* The handler's entry: sig, &info, &uc, as Linux passes them. */
	f->rdi = sig;
	f->rsi = at.frame + __builtin_offsetof(struct abi_rt_sigframe, info);
	f->rdx = at.frame + __builtin_offsetof(struct abi_rt_sigframe, uc);
	f->rax = 0;
	f->rsp = at.frame;
	f->rip = act->sa_handler;
	f->cs = SEL_UCODE;
	f->ss = SEL_UDATA;
	f->rflags &= ~(RFLAGS_TF | RFLAGS_DF | RFLAGS_RF);
	fpu_load_init();

	t->sigmask = mask | act->sa_mask | ((act->sa_flags & SA_NODEFER) ? 0 : SIG_BIT(sig));
	t->sigmask &= ~UNCATCHABLE;
	t->has_saved_mask = 0;
	if (act->sa_flags & SA_RESETHAND)
		t->sig->act[sig - 1].sa_handler = SIG_DFL;
	/* SS_AUTODISARM: off for the handler, whatever it asked; its
	 * sigreturn puts back what the frame's uc_stack says. */
	if (t->altstack.ss_flags & SS_AUTODISARM)
		t->altstack = (struct abi_sigaltstack){ .ss_flags = SS_DISABLE };
	return 0;
}

/* Deliver sig onto f: its handler, or its default action. */
static void signal_deliver(struct task *t, struct trap_frame *f, uint32_t sig,
			   const struct signal_info *info)
{
	struct abi_sigaction act = t->sig->act[sig - 1];
	uint64_t rip = f->rip;
	if (sig == SIGKILL || act.sa_handler == SIG_DFL) {
		if (!signal_default_ignores(sig))
			signal_kill(t, sig, info, rip);
		return;
	}
	if (act.sa_handler == SIG_IGN)
		return;
	if (signal_setup_frame(t, f, sig, info, &act)) {
		/* No room for the frame: a SIGSEGV instead, as Linux forces it,
		 * which its handler may take on the alternate stack; for
		 * SIGSEGV itself, or when that fails too, the task ends. */
		struct signal_info segv = { .code = SI_KERNEL };
		struct abi_sigaction *sa = &t->sig->act[SIGSEGV - 1];
		signal_report(t, sig, info, rip, "no-frame", act.sa_handler);
		if (sig != SIGSEGV && sa->sa_handler > SIG_IGN && !(t->sigmask & SIG_BIT(SIGSEGV))) {
			struct abi_sigaction segv_act = *sa;
			if (!signal_setup_frame(t, f, SIGSEGV, &segv, &segv_act)) {
				signal_report(t, SIGSEGV, &segv, rip, "handler", segv_act.sa_handler);
				return;
			}
		}
		signal_kill(t, SIGSEGV, &segv, rip);
		return;
	}
	signal_report(t, sig, info, rip, "handler", act.sa_handler);
}

void signal_deliver_pending(struct task *t, struct trap_frame *f)
{
	/* Every deliverable signal, lowest number first, each frame on top
	 * of the last (so the last one's handler runs first), as Linux does
	 * before it returns to ring 3. Each handler's mask may hold back the
	 * rest. */
	while (!t->kill_reason) {
		uint64_t ready = t->sigpending & ~(t->sigmask & ~UNCATCHABLE);
		if (!ready)
			return;
		/* The synchronous ones (a fault's) first, as Linux dequeues. */
		if (ready & SYNCHRONOUS)
			ready &= SYNCHRONOUS;
		uint32_t sig = (uint32_t)__builtin_ctzll(ready) + 1;
		struct signal_info info = signal_take(t, sig);
		if (sig == SIGALRM && !t->alarm_tsc && t->alarm_interval)
			t->alarm_tsc = cpu_rdtsc() + t->alarm_interval;
		signal_deliver(t, f, sig, &info);
	}
}

/* A fault from ring 3: what only the kernel can read about it, for
 * fault_signal_decode. 0 when Linux would send no signal. */
static uint32_t fault_signal(struct task *t, struct trap_frame *f, struct signal_info *info)
{
	struct fault_facts facts = { 0 };
	uint64_t cr2 = 0;
	switch (f->vector) {
	case VEC_PF: {
		t->pf_error = (uint32_t)f->error | PF_ERROR_SET; /* for the SIGNAL line */
		cr2 = cpu_read_cr2();
		uint64_t page = cr2 & ~(PAGE_SIZE - 1);
		facts.pf_mapped = cr2 < USER_SPACE_END && vma_covers(&t->mm->vmas, page, page + PAGE_SIZE);
		/* Past user space every fault reads as a protection fault, so
		 * the error code tells nothing of the kernel's page tables. */
		if (cr2 >= USER_SPACE_END)
			f->error |= PF_ERR_P;
		break;
	}
	case VEC_MF:
	case VEC_XM: {
		const uint8_t *fx = t->xstate;
		fpu_save(t->xstate);
		memcpy(&facts.fcw, fx + FXSAVE_FCW_OFF, sizeof(facts.fcw));
		memcpy(&facts.fsw, fx + FXSAVE_FSW_OFF, sizeof(facts.fsw));
		memcpy(&facts.mxcsr, fx + FXSAVE_MXCSR_OFF, sizeof(facts.mxcsr));
		break;
	}
	case VEC_DB:
		facts.dr6 = cpu_read_dr6();
		cpu_write_dr6(DR6_RESET);
		break;
	}
	struct fault_signal s = fault_signal_decode(f->vector, &facts);
	*info = (struct signal_info){ .code = s.code };
	info->addr = s.addr == FAULT_ADDR_CR2 ? cr2 : s.addr == FAULT_ADDR_RIP ? f->rip : 0;
	return s.signo;
}


/* A signal the kernel forces for a fault: a handler it can reach runs;
 * otherwise (blocked, ignored or default) the task ends with it. */
static void signal_force(struct task *t, struct trap_frame *f, uint32_t sig,
			 const struct signal_info *info, const char *reason)
{
	struct abi_sigaction *act = &t->sig->act[sig - 1];
	int blocked = (t->sigmask & SIG_BIT(sig)) != 0;
	if (blocked || act->sa_handler == SIG_IGN || act->sa_handler == SIG_DFL) {
		/* Linux forces the default action here, which for every fault
		 * signal ends the task: a delivery like any other, so it has
		 * its SIGNAL line before the FAULT line. */
		signal_report(t, sig, info, f->rip, "kill", 0);
		t->signal = sig;
		trap_kill_user(f, f->vector, reason);
	}
	signal_deliver(t, f, sig, info);
	if (t->kill_reason) /* no room for the frame */
		trap_kill_user(f, f->vector, reason);
}

void signal_fault(struct trap_frame *f)
{
	struct task *t = task_current();
	struct signal_info info;
	uint32_t sig = fault_signal(t, f, &info);
	/* A spurious #MF or #XM: Linux returns to the instruction, which
	 * runs again (and ends by the CPU limit if it never stops). */
	if (sig)
		signal_force(t, f, sig, &info, 0);
}

void signal_bad_return(struct trap_frame *f)
{
	struct signal_info info = { .code = SI_KERNEL };
	f->vector = VEC_GP;
	f->error = 0;
	signal_force(task_current(), f, SIGSEGV, &info, "noncanonical-return");
}

int64_t signal_return(struct trap_frame *f)
{
	struct task *t = task_current();
	uint64_t frame = f->rsp - 8; /* the handler's ret took pretcode */
	struct abi_ucontext uc;
	struct signal_info segv = { .code = SI_KERNEL };
	const char *bad = 0;
	if (copy_from_user(&uc, frame + __builtin_offsetof(struct abi_rt_sigframe, uc), sizeof(uc)))
		bad = "unreadable-frame";
	if (!bad) {
		t->sigmask = uc.uc_sigmask & ~UNCATCHABLE;
		int canonical = sigframe_restore(f, &uc.uc_mcontext, SEL_UCODE, SEL_UDATA);
		/* The alternate stack as the frame says (SS_AUTODISARM's
		 * re-arming); a refusal is ignored, as Linux ignores it. */
		signal_altstack_set(t, &uc.uc_stack, f->rsp);
		/* The image is checked in a copy of its own: only a good one
		 * reaches the task's area (XSAVEOPT may later leave parts of
		 * that area unwritten, so nothing bad may ever sit there). */
		uint8_t image[PAGE_SIZE] __attribute__((aligned(64)));
		uint32_t size = fpu_area_size(), fp = fp_frame_size(), user = FXSAVE_SIZE;
		if (!uc.uc_mcontext.fpstate) {
			fpu_load_init();
		} else if ((uc.uc_mcontext.fpstate & 63) ||
			   copy_from_user(image, uc.uc_mcontext.fpstate, FXSAVE_SIZE) ||
			   ((user = sigframe_xstate_user_bytes(image, size, fpu_xcr0())) > FXSAVE_SIZE &&
			    copy_from_user(image + FXSAVE_SIZE, uc.uc_mcontext.fpstate + FXSAVE_SIZE,
					   user - FXSAVE_SIZE))) {
			/* Only what the image says it holds is read: a legacy
			 * one is its 512 bytes, a smaller XSAVE one its own size. */
			bad = "unreadable-xstate";
		} else {
			memset(image + user, 0, fp - user);
			/* A legacy image, or one whose MAGIC2 or sizes are wrong:
			 * its x87 and SSE state alone, as Linux loads it. */
			sigframe_xstate_from_fx(image, size, fpu_xcr0());
			if (sigframe_xstate_check(image, size, fpu_xcr0(), fpu_mxcsr_mask())) {
				bad = "corrupt-xstate";
			} else {
				memcpy(t->xstate, image, size);
				if (fpu_restore_checked(t->xstate))
					bad = "corrupt-xstate";
			}
		}
		if (bad)
			fpu_load_init(); /* as Linux: a bad frame leaves the init state */
		if (!bad && !canonical)
			bad = "noncanonical-return";
	}
	console_line(CON_CALL, "SIGRETURN cpu=%u pid=%u rip=0x%llx rsp=0x%llx%s%s", this_cpu_id(),
		     t->pid, (unsigned long long)f->rip, (unsigned long long)f->rsp,
		     bad ? " bad=" : "", bad ? bad : "");
	/* Every register now comes from the frame: only IRETQ returns them
	 * (and the way out delivers what the restored mask lets through). */
	this_cpu()->work = 1;
	if (bad) {
		f->vector = VEC_GP;
		f->error = 0;
		signal_force(t, f, SIGSEGV, &segv, bad);
	}
	return (int64_t)f->rax;
}

/*
 * The timer fires once; an interval re-arms it when its SIGALRM is taken
 * for delivery, as Linux does: so a timer whose signal is ignored stops,
 * and one whose signal is blocked waits with it.
 */
int signal_timer_fire(struct task *t, uint64_t now)
{
	if (!t->alarm_tsc || now < t->alarm_tsc)
		return 0;
	t->alarm_tsc = 0;
	struct signal_info info = { .code = SI_KERNEL };
	signal_post(t, SIGALRM, &info);
	return 1;
}

uint64_t signal_timer_due(const struct task *t)
{
	return t->alarm_tsc;
}
