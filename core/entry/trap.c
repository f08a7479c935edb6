/* Exceptions: contain ring 3, fix up user copies, panic on kernel bugs. */
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/boot/panic.h"
#include "core/cpu/irq.h"
#include "core/cpu/smp.h"
#include "core/lib/fault_signal.h"
#include "core/lib/report_fmt.h"
#include "core/task/task.h"
#include "core/cpu/this_cpu.h"
#include "core/entry/trap.h"
#include "core/entry/trap_frame.h"
#include "core/entry/entry.h"
#include "core/task/signal.h"

static void trap_dump(const struct trap_frame *f)
{
	console_line(CON_FAULT, "  rax=0x%016llx rbx=0x%016llx rcx=0x%016llx rdx=0x%016llx",
		     (unsigned long long)f->rax, (unsigned long long)f->rbx,
		     (unsigned long long)f->rcx, (unsigned long long)f->rdx);
	console_line(CON_FAULT, "  rsi=0x%016llx rdi=0x%016llx rbp=0x%016llx rsp=0x%016llx",
		     (unsigned long long)f->rsi, (unsigned long long)f->rdi,
		     (unsigned long long)f->rbp, (unsigned long long)f->rsp);
	console_line(CON_FAULT, "  r8=0x%016llx r9=0x%016llx r10=0x%016llx r11=0x%016llx",
		     (unsigned long long)f->r8, (unsigned long long)f->r9,
		     (unsigned long long)f->r10, (unsigned long long)f->r11);
	console_line(CON_FAULT, "  r12=0x%016llx r13=0x%016llx r14=0x%016llx r15=0x%016llx",
		     (unsigned long long)f->r12, (unsigned long long)f->r13,
		     (unsigned long long)f->r14, (unsigned long long)f->r15);
	console_line(CON_FAULT, "  rip=0x%016llx rflags=0x%llx cs=0x%llx ss=0x%llx err=0x%llx",
		     (unsigned long long)f->rip, (unsigned long long)f->rflags,
		     (unsigned long long)f->cs, (unsigned long long)f->ss,
		     (unsigned long long)f->error);
	if (f->vector == VEC_PF) {
		char bits[64];
		report_format_pf_error(bits, sizeof(bits), f->error);
		console_line(CON_FAULT, "  cr2=0x%016llx %s", (unsigned long long)cpu_read_cr2(), bits);
	}
}

static void trap_report(const struct trap_frame *f, uint64_t vector, int user, const char *reason)
{
	char line[200];
	struct fault_report r = {
		.cpu = this_cpu_id(), .vector = vector, .error = f->error,
		.rip = f->rip, .rsp = f->rsp, .user = user,
	};
	report_format_fault(line, sizeof(line), &r);
	if (user)
		console_line(CON_FAULT, "%s pid=%u%s%s", line, task_current()->pid,
			     reason ? " reason=" : "", reason ? reason : "");
	else
		console_line(CON_FAULT, "%s", line);
	trap_dump(f);
}

void trap_kill_user(const struct trap_frame *f, uint64_t vector, const char *reason)
{
	struct task *t = task_current();
	if (!t->signal)
		t->signal = fault_signal_number(vector); /* what Linux would end it with */
	trap_report(f, vector, 1, reason);
	task_kill();
}

/*
 * The IRETQ to ring 3 refused the frame it was given (a bad CS or SS, or
 * a non-canonical RIP on Intel): a #GP, #NP or #SS in ring 0 at
 * entry_iret_user, which trap_common has already given the kernel's GS
 * back. The general registers are the user's (restored just before), and
 * the frame IRETQ was reading is at the faulting RSP: report that as the
 * task's context and end the task.
 */
static void __attribute__((noreturn)) trap_bad_return(const struct trap_frame *f)
{
	const uint64_t *iret = (const uint64_t *)(uintptr_t)f->rsp;
	struct trap_frame u = *f;
	u.rip = iret[0];
	u.cs = iret[1];
	u.rflags = iret[2];
	u.rsp = iret[3];
	u.ss = iret[4];
	trap_kill_user(&u, f->vector, "bad-return");
}

static int trap_is_bad_return(const struct trap_frame *f)
{
	return !(f->cs & 3) && f->rip == (uint64_t)(uintptr_t)entry_iret_user &&
	       (f->vector == VEC_GP || f->vector == VEC_NP || f->vector == VEC_SS) && task_current();
}

/*
 * Contract: called by the trap entry with a complete frame, GS = this
 * CPU's block, interrupts off. Returns only when the frame may be
 * resumed as it now stands.
 */
void trap_dispatch(struct trap_frame *f)
{
	if (f->vector == VEC_NMI && smp_stop_requested() && !panic_here())
		smp_stop_here(); /* another CPU panics */
	if (panic_here() && f->vector != VEC_NMI)
		panic_fault(f); /* a fault inside the panic: never recurse */
	if (f->vector == VEC_NMI) {
		/* The NMI may have interrupted this CPU's own console output:
		 * never wait for the lock here. Counted either way. */
		this_cpu()->nmis++;
		console_line_try(CON_FAULT, "NMI cpu=%u rip=0x%llx mode=%s action=ignored",
				 this_cpu_id(), (unsigned long long)f->rip,
				 (f->cs & 3) ? "user" : "kernel");
		return;
	}
	if (f->vector >= IRQ_VEC_FIRST) {
		irq_dispatch(f);
		return;
	}
	if (trap_is_bad_return(f))
		trap_bad_return(f);
	/* #DF and #MC say the machine, not the task, is in trouble. Any other
	 * fault from ring 3 is the task's: a signal (a #DB from single-step
	 * included); in the kernel it is a bug. */
	int user = (f->cs & 3) == SEL_RPL_USER && f->vector != VEC_DF && f->vector != VEC_MC;
	if (user && task_current()) {
		signal_fault(f); /* to its handler, or the task ends */
		return;
	}
	/* A user copy touched an unmapped or forbidden user page. */
	if ((f->vector == VEC_PF || f->vector == VEC_GP) &&
	    (f->rip == (uint64_t)(uintptr_t)uaccess_copy_insn ||
	     f->rip == (uint64_t)(uintptr_t)uaccess_copy_tail_insn ||
	     f->rip == (uint64_t)(uintptr_t)uaccess_clear_insn ||
	     f->rip == (uint64_t)(uintptr_t)uaccess_clear_tail_insn)) {
		f->rip = (uint64_t)(uintptr_t)uaccess_copy_fixup;
		return;
	}
	/* An MSR that CPUID promised and the CPU (a hypervisor) refused. */
	if (f->vector == VEC_GP && f->rip == (uint64_t)(uintptr_t)cpu_wrmsr_checked_insn) {
		f->rip = (uint64_t)(uintptr_t)cpu_wrmsr_checked_fixup;
		return;
	}
	/* An extended-state image from a signal frame that XRSTOR refused. */
	if (f->vector == VEC_GP && (f->rip == (uint64_t)(uintptr_t)fpu_restore_user_insn ||
				    f->rip == (uint64_t)(uintptr_t)fpu_restore_user_fx_insn)) {
		f->rip = (uint64_t)(uintptr_t)fpu_restore_user_fixup;
		return;
	}
	panic_begin(); /* the other CPUs stop before the report */
	trap_report(f, f->vector, 0, 0);
	panic("exception %s in the kernel", report_vector_name(f->vector));
}
