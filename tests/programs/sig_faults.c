/*
 * sig_faults: every CPU exception a user program can cause, each caught
 * by an SA_SIGINFO handler that records what it was given and then sends
 * the program on (it rewrites RIP in the ucontext to a resume label whose
 * address the trigger stored in a global, so no instruction length is
 * guessed). Checked for each: the signal, si_code, si_addr where Linux
 * sets it, the ucontext's RIP, trap number and (for page faults) error
 * code and CR2, the flags the handler itself runs with, and that the
 * changes the handler makes to the frame (RIP, a register, the x87
 * control word, MXCSR, TF, AC, RSP) are what the program resumes with.
 *
 * What Linux does, as seen on the host (x86-64, 6.x):
 *  - page faults: SIGSEGV, SEGV_MAPERR for no mapping and for any
 *    kernel-half address, SEGV_ACCERR for a mapping that forbids the
 *    access (read-only, PROT_NONE, no-exec); si_addr and CR2 are the
 *    address; the error code has the user bit, the write bit for a
 *    write, the fetch bit for an instruction fetch, and the protection
 *    bit for a present page and always for a kernel-half address;
 *  - #GP (non-canonical address, hlt, int to a vector without a user
 *    gate): SIGSEGV with SI_KERNEL and si_addr 0; trap 13, the error
 *    code the CPU pushed (the vector's selector for int $0x81);
 *  - #UD: SIGILL, ILL_ILLOPN, si_addr = RIP = the ud2;
 *  - #DE: SIGFPE, FPE_INTDIV for a zero divisor and for a quotient that
 *    does not fit alike, si_addr = RIP = the div;
 *  - #BP: SIGTRAP with SI_KERNEL (si_addr 0), RIP after the int3 (one
 *    byte) or after int $3 (two bytes);
 *  - x87 #MF: raised at the fwait after the fdiv, SIGFPE with
 *    FPE_FLTDIV, si_addr = RIP = the fwait, trap 16;
 *  - SSE #XM: SIGFPE, FPE_FLTDIV for 1/0 and FPE_FLTINV for 0/0, si_addr
 *    = RIP = the divss, trap 19;
 *  - single step (TF set by popf): SIGTRAP, TRAP_TRACE, after the
 *    instruction that follows the popf, si_addr = RIP;
 *  - #AC (AC set, misaligned load): SIGBUS, BUS_ADRALN, si_addr 0,
 *    trap 17 (Linux runs with CR0.AM set);
 *  - #SS (RSP non-canonical): SIGBUS with SI_KERNEL, delivered on the
 *    alternate stack since the task's own stack is gone;
 *  - the handler runs with TF and DF clear whatever the program had, but
 *    with AC as it was (Linux clears DF, TF and RF only).
 *
 * stdout and the exit status (the number of failures) are compared with
 * the host run of the same binary; nothing printed depends on addresses.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

#define FL_TF 0x100UL
#define FL_DF 0x400UL
#define FL_AC 0x40000UL

/* Page fault error code bits (as the CPU pushes them). */
#define PF_PROT 1
#define PF_WRITE 2
#define PF_USER 4
#define PF_INSN 0x10


/* What the handler was given. */
static volatile struct {
	int count, signo, code;
	unsigned long addr, flags;
	unsigned long gregs[sizeof(gregset_t) / sizeof(greg_t)];
	unsigned short fsw;
	unsigned int mxcsr;
} seen;

/*
 * Stored by each trigger's asm before it faults: where the fault should
 * be reported and where the handler sends the program on.
 */
static volatile unsigned long fault_ip, resume_ip;
/* A register the handler rewrites in the frame (REG_*), or -1. */
static volatile int edit_reg = -1;
static volatile unsigned long edit_val;

#define ARM(fault, resume)                                                    \
	"lea " fault "(%%rip), %%r11\n\t"                                     \
	"mov %%r11, %[fip]\n\t"                                               \
	"lea " resume "(%%rip), %%r11\n\t"                                    \
	"mov %%r11, %[rip]\n\t"
#define ARM_OUT [fip] "=m"(fault_ip), [rip] "=m"(resume_ip)

/* One instruction that faults (RIP at it) or traps (RIP after it). */
#define FAULT_AT(insn)                                                        \
	asm volatile(ARM("1f", "2f") "1: " insn "\n\t2:" : ARM_OUT : : "r11", "memory")
#define TRAP_AFTER(insn)                                                      \
	asm volatile(ARM("1f", "1f") insn "\n\t1:" : ARM_OUT : : "r11", "memory")

__attribute__((noinline)) static void record(int sig, siginfo_t *si, ucontext_t *uc,
					    unsigned long flags)
{
	greg_t *g = uc->uc_mcontext.gregs;
	unsigned char *fx = (unsigned char *)uc->uc_mcontext.fpregs;

	seen.flags = flags;
	seen.count++;
	seen.signo = sig;
	seen.code = si->si_code;
	seen.addr = (unsigned long)si->si_addr;
	for (unsigned i = 0; i < sizeof(gregset_t) / sizeof(greg_t); i++)
		seen.gregs[i] = g[i];
	/* The legacy FXSAVE image: FSW at 2, MXCSR at 24. */
	seen.fsw = *(unsigned short *)(fx + 2);
	seen.mxcsr = *(unsigned int *)(fx + 24);
	if (sig == SIGFPE) {
		/* Exceptions masked and flags clear, or the next x87 or SSE
		 * instruction after the return would fault again. */
		*(unsigned short *)(fx + 0) = 0x37f;
		*(unsigned short *)(fx + 2) = 0;
		*(unsigned int *)(fx + 24) = 0x1f80;
	}
	if (edit_reg >= 0)
		g[edit_reg] = edit_val;
	g[REG_RIP] = resume_ip;
	g[REG_EFL] &= ~(FL_TF | FL_AC);
}

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	unsigned long flags = __builtin_ia32_readeflags_u64();
	/* Linux leaves AC as it was at the fault: cleared here before any
	 * memory is touched, since the compiler's copies need not be
	 * aligned (a 16-byte movups to an 8-byte boundary traps). */
	if (flags & FL_AC)
		__builtin_ia32_writeeflags_u64(flags & ~FL_AC);
	record(sig, si, ctx, flags);
}

static void handle(int sig, int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, 0);
}

static void reset(void)
{
	seen.count = 0;
	seen.signo = 0;
	seen.code = 0;
	seen.addr = 0;
	edit_reg = -1;
}

/*
 * The checks common to every fault. addr and rip of ~0UL are not
 * checked. Handler flags: TF and DF are clear on entry.
 */
static void expect(const char *what, int signo, int code, unsigned long addr, unsigned long rip,
		   int trapno)
{
	check(seen.count == 1, seen.count, "%s: one signal", what);
	check(seen.signo == signo, seen.signo, "%s: signal %d", what, signo);
	check(seen.code == code, seen.code, "%s: si_code %d", what, code);
	if (addr != ~0UL)
		check(seen.addr == addr, seen.addr, "%s: si_addr", what);
	if (rip != ~0UL)
		check(seen.gregs[REG_RIP] == rip, seen.gregs[REG_RIP] - rip, "%s: RIP in the ucontext",
		      what);
	check(seen.gregs[REG_TRAPNO] == (unsigned long)trapno, seen.gregs[REG_TRAPNO],
	      "%s: trap number %d", what, trapno);
	check(!(seen.flags & (FL_TF | FL_DF)), seen.flags, "%s: handler runs with TF and DF clear",
	      what);
}

static void expect_pf(const char *what, int code, unsigned long addr, unsigned long err)
{
	expect(what, SIGSEGV, code, addr, fault_ip, 14);
	check(seen.gregs[REG_ERR] == err, seen.gregs[REG_ERR], "%s: error code %#lx", what, err);
	check(seen.gregs[REG_CR2] == addr, seen.gregs[REG_CR2], "%s: CR2", what);
}

static void load(unsigned long addr)
{
	reset();
	asm volatile(ARM("1f", "2f") "1: movb (%[a]), %%al\n\t"
				     "2:"
		     : ARM_OUT
		     : [a] "r"(addr)
		     : "rax", "r11", "memory");
}

static void store(unsigned long addr)
{
	reset();
	asm volatile(ARM("1f", "2f") "1: movb $1, (%[a])\n\t"
				     "2:"
		     : ARM_OUT
		     : [a] "r"(addr)
		     : "r11", "memory");
}

static void jump(unsigned long addr)
{
	reset();
	asm volatile(ARM("2f", "2f") "jmp *%[a]\n\t"
				     "2:"
		     : ARM_OUT
		     : [a] "r"(addr)
		     : "r11", "memory");
}

static void page_faults(void)
{
	char *p = mmap(0, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long gone = (unsigned long)p, ro = gone + 4096, none = gone + 8192;
	/* Touched first, so that the pages are present: a protection fault. */
	memset(p, 1, 3 * 4096);
	munmap(p, 4096);
	mprotect((void *)ro, 4096, PROT_READ);
	mprotect((void *)none, 4096, PROT_NONE);

	load(gone + 5);
	expect_pf("#PF read of an unmapped page", SEGV_MAPERR, gone + 5, PF_USER);
	store(gone + 7);
	expect_pf("#PF write to an unmapped page", SEGV_MAPERR, gone + 7, PF_USER | PF_WRITE);
	store(ro + 9);
	expect_pf("#PF write to a read-only page", SEGV_ACCERR, ro + 9,
		  PF_USER | PF_WRITE | PF_PROT);
	load(ro + 9);
	check(seen.count == 0, seen.count, "read of the read-only page: no signal");
	load(none + 3);
	expect_pf("#PF read of a PROT_NONE page", SEGV_ACCERR, none + 3, PF_USER);
	load(0);
	expect_pf("#PF read of address 0", SEGV_MAPERR, 0, PF_USER);
	load(0xffff800000000000UL);
	expect_pf("#PF read of a kernel-half address", SEGV_MAPERR, 0xffff800000000000UL,
		  PF_USER | PF_PROT);

	/* A fetch: the fault is at the target, so RIP is the target. */
	jump(gone);
	fault_ip = gone;
	expect_pf("#PF fetch from an unmapped page", SEGV_MAPERR, gone, PF_USER | PF_INSN);
	char *data = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	data[0] = (char)0xc3; /* ret, never run */
	jump((unsigned long)data);
	fault_ip = (unsigned long)data;
	expect_pf("#PF fetch from a no-exec page", SEGV_ACCERR, (unsigned long)data,
		  PF_USER | PF_INSN | PF_PROT);
	munmap(data, 4096);
	munmap(p, 3 * 4096);
}

static void general_protection(void)
{
	load(0x8000000000000000UL);
	expect("#GP non-canonical load", SIGSEGV, SI_KERNEL, 0, fault_ip, 13);
	check(seen.gregs[REG_ERR] == 0, seen.gregs[REG_ERR], "#GP non-canonical load: error code 0");
	store(0x0000800000000000UL);
	expect("#GP non-canonical store", SIGSEGV, SI_KERNEL, 0, fault_ip, 13);

	reset();
	FAULT_AT("hlt");
	expect("#GP hlt", SIGSEGV, SI_KERNEL, 0, fault_ip, 13);
	check(seen.gregs[REG_ERR] == 0, seen.gregs[REG_ERR], "#GP hlt: error code 0");

	/* A vector with no user gate: the error code names it (IDT flag 2). */
	reset();
	FAULT_AT("int $0x81");
	expect("#GP int $0x81", SIGSEGV, SI_KERNEL, 0, fault_ip, 13);
	check(seen.gregs[REG_ERR] == (0x81 << 3 | 2), seen.gregs[REG_ERR],
	      "#GP int $0x81: error code 0x40a");
}

/*
 * ud2 with known values in the callee-saved registers: the frame holds
 * them, and a register the handler rewrites is what the program sees.
 */
static void invalid_opcode(void)
{
	unsigned long r12;
	reset();
	edit_reg = REG_R12;
	edit_val = 0x5a5a5a5a12121212UL;
	asm volatile(ARM("1f", "2f") "movabs $0x1111111111111111, %%rbx\n\t"
				     "movabs $0x1313131313131313, %%r13\n\t"
				     "movabs $0x1414141414141414, %%r14\n\t"
				     "movabs $0x1515151515151515, %%r15\n\t"
				     "mov $0x12, %%r12d\n\t"
				     "1: ud2\n\t"
				     "2: mov %%r12, %[r12]"
		     : ARM_OUT, [r12] "=r"(r12)
		     :
		     : "rbx", "r12", "r13", "r14", "r15", "r11", "memory");
	expect("#UD ud2", SIGILL, ILL_ILLOPN, fault_ip, fault_ip, 6);
	check(seen.gregs[REG_RBX] == 0x1111111111111111UL && seen.gregs[REG_R12] == 0x12 &&
		      seen.gregs[REG_R13] == 0x1313131313131313UL &&
		      seen.gregs[REG_R14] == 0x1414141414141414UL &&
		      seen.gregs[REG_R15] == 0x1515151515151515UL,
	      seen.gregs[REG_RBX], "#UD ud2: rbx, r12-r15 in the ucontext");
	check(r12 == 0x5a5a5a5a12121212UL, r12, "#UD ud2: r12 set by the handler after return");

	/* DF set at the fault: the frame has it, the handler runs without. */
	unsigned long flags;
	reset();
	asm volatile(ARM("1f", "2f") "std\n\t"
				     "1: ud2\n\t"
				     "2: sub $128, %%rsp\n\t"
				     "pushfq\n\t"
				     "pop %[fl]\n\t"
				     "add $128, %%rsp\n\t"
				     "cld"
		     : ARM_OUT, [fl] "=r"(flags)
		     :
		     : "r11", "memory");
	expect("#UD with DF set", SIGILL, ILL_ILLOPN, fault_ip, fault_ip, 6);
	check(seen.gregs[REG_EFL] & FL_DF, seen.gregs[REG_EFL], "#UD with DF set: DF in the ucontext");
	check(flags & FL_DF, flags, "#UD with DF set: DF still set after return");
}

static void divide_error(void)
{
	reset();
	asm volatile(ARM("1f", "2f") "mov $1, %%eax\n\t"
				     "xor %%edx, %%edx\n\t"
				     "xor %%ecx, %%ecx\n\t"
				     "1: divl %%ecx\n\t"
				     "2:"
		     : ARM_OUT
		     :
		     : "rax", "rcx", "rdx", "r11", "memory");
	expect("#DE divide by zero", SIGFPE, FPE_INTDIV, fault_ip, fault_ip, 0);

	/* INT_MIN / -1: the quotient does not fit, the same exception. */
	reset();
	asm volatile(ARM("1f", "2f") "mov $0x80000000, %%eax\n\t"
				     "cltd\n\t"
				     "mov $-1, %%ecx\n\t"
				     "1: idivl %%ecx\n\t"
				     "2:"
		     : ARM_OUT
		     :
		     : "rax", "rcx", "rdx", "r11", "memory");
	expect("#DE INT_MIN / -1", SIGFPE, FPE_INTDIV, fault_ip, fault_ip, 0);
}

static void breakpoint(void)
{
	/* A trap: the ucontext's RIP is past the instruction. */
	reset();
	TRAP_AFTER("int3");
	expect("#BP int3", SIGTRAP, SI_KERNEL, 0, fault_ip, 3);
	reset();
	TRAP_AFTER("int $3");
	expect("#BP int $3 (two bytes)", SIGTRAP, SI_KERNEL, 0, fault_ip, 3);
}

static void x87_error(void)
{
	unsigned short cw = 0x37b, after_cw, after_sw; /* ZM (bit 2) clear */
	reset();
	asm volatile(ARM("1f", "2f") "fldcw %[cw]\n\t"
				     "fldz\n\t"
				     "fld1\n\t"
				     "fdiv %%st(1), %%st\n\t"
				     "1: fwait\n\t"
				     "2: fnstcw %[acw]\n\t"
				     "fnstsw %[asw]\n\t"
				     "fninit"
		     : ARM_OUT, [acw] "=m"(after_cw), [asw] "=m"(after_sw)
		     : [cw] "m"(cw)
		     : "r11", "memory", "st", "st(1)");
	expect("x87 #MF 1/0", SIGFPE, FPE_FLTDIV, fault_ip, fault_ip, 16);
	check((seen.fsw & 0xff) == 0x84, seen.fsw, "x87 #MF 1/0: FSW in the frame has ZE and ES");
	check(after_cw == 0x37f && (after_sw & 0xff) == 0, after_cw,
	      "x87 #MF 1/0: FCW and FSW from the handler's frame after return");
}

static void sse_error(const char *what, unsigned int mxcsr, float num, int code,
		      unsigned int frame_mxcsr)
{
	float zero = 0;
	unsigned int after;
	reset();
	asm volatile(ARM("1f", "2f") "ldmxcsr %[m]\n\t"
				     "movss %[n], %%xmm0\n\t"
				     "movss %[z], %%xmm1\n\t"
				     "1: divss %%xmm1, %%xmm0\n\t"
				     "2: stmxcsr %[after]"
		     : ARM_OUT, [after] "=m"(after)
		     : [m] "m"(mxcsr), [n] "m"(num), [z] "m"(zero)
		     : "xmm0", "xmm1", "r11", "memory");
	expect(what, SIGFPE, code, fault_ip, fault_ip, 19);
	check(seen.mxcsr == frame_mxcsr, seen.mxcsr, "%s: MXCSR in the frame %#x", what,
	      frame_mxcsr);
	check(after == 0x1f80, after, "%s: MXCSR from the handler's frame after return", what);
}

static void single_step(void)
{
	unsigned long flags;
	reset();
	asm volatile(ARM("1f", "1f") "sub $128, %%rsp\n\t"
				     "pushfq\n\t"
				     "orq $0x100, (%%rsp)\n\t"
				     "popfq\n\t"
				     "nop\n\t"
				     "1: pushfq\n\t"
				     "pop %[fl]\n\t"
				     "add $128, %%rsp"
		     : ARM_OUT, [fl] "=r"(flags)
		     :
		     : "r11", "memory");
	expect("single step (TF by popf)", SIGTRAP, TRAP_TRACE, fault_ip, fault_ip, 1);
	check(seen.gregs[REG_EFL] & FL_TF, seen.gregs[REG_EFL],
	      "single step: TF in the ucontext");
	check(!(flags & FL_TF), flags, "single step: TF clear after return (the handler cleared it)");
}

static void alignment_check(void)
{
	static unsigned long buf[2];
	unsigned long flags;
	reset();
	asm volatile(ARM("1f", "2f") "sub $128, %%rsp\n\t"
				     "pushfq\n\t"
				     "orl $0x40000, (%%rsp)\n\t"
				     "popfq\n\t"
				     "1: movl 1(%[b]), %%eax\n\t"
				     "2: pushfq\n\t"
				     "pop %[fl]\n\t"
				     "pushfq\n\t"
				     "andl $~0x40000, (%%rsp)\n\t"
				     "popfq\n\t"
				     "add $128, %%rsp"
		     : ARM_OUT, [fl] "=&r"(flags)
		     : [b] "r"(buf)
		     : "rax", "r11", "memory");
	expect("#AC misaligned load with AC set", SIGBUS, BUS_ADRALN, 0, fault_ip, 17);
	check(seen.gregs[REG_EFL] & FL_AC, seen.gregs[REG_EFL], "#AC: AC in the ucontext");
	check(seen.flags & FL_AC, seen.flags, "#AC: the handler runs with AC still set");
	check(!(flags & FL_AC), flags, "#AC: AC clear after return (the handler cleared it)");
}

/*
 * RSP made non-canonical: the stack access is #SS, and Linux can only
 * deliver it on the alternate stack. The handler puts RSP back. SIGSEGV
 * goes to the alternate stack too, so an emulator that raises #GP
 * instead (QEMU's TCG does) fails the checks, not the program.
 */
static void stack_fault(void)
{
	static char alt[64 * 1024];
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) };
	sigaltstack(&ss, 0);
	handle(SIGBUS, SA_ONSTACK);
	handle(SIGSEGV, SA_ONSTACK);
	reset();
	edit_reg = REG_RSP; /* edit_val: RSP as it was, stored by the asm */
	asm volatile(ARM("1f", "2f") "mov %%rsp, %[s]\n\t"
				     "movabs $0x8000000000000000, %%rsp\n\t"
				     "1: pushq $0\n\t"
				     "2:"
		     : ARM_OUT, [s] "=m"(edit_val)
		     :
		     : "r11", "memory");
	expect("#SS non-canonical RSP", SIGBUS, SI_KERNEL, 0, fault_ip, 12);
	check(seen.gregs[REG_RSP] == 0x8000000000000000UL, seen.gregs[REG_RSP],
	      "#SS non-canonical RSP: RSP in the ucontext");
	handle(SIGBUS, 0);
	handle(SIGSEGV, 0);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, 0);
}

int main(void)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	handle(SIGSEGV, 0);
	handle(SIGBUS, 0);
	handle(SIGILL, 0);
	handle(SIGFPE, 0);
	handle(SIGTRAP, 0);
	page_faults();
	general_protection();
	invalid_opcode();
	divide_error();
	breakpoint();
	x87_error();
	sse_error("SSE #XM 1/0", 0x1f80 & ~0x200, 1.0f, FPE_FLTDIV, 0x1d84);
	sse_error("SSE #XM 0/0", 0x1f80 & ~0x80, 0.0f, FPE_FLTINV, 0x1f01);
	single_step();
	alignment_check();
	stack_fault();
	printf("sig_faults: %d failed\n", failures);
	return failures;
}
