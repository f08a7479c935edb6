/*
 * sig_hostile: the instructions of the hostile suite (tests/payloads/
 * hostile/) run by a program that has handlers for SIGSEGV, SIGBUS,
 * SIGILL, SIGTRAP and SIGFPE. Each case is a small stub; the handler
 * records the signal, si_code, si_addr, and the trap number, error code
 * and RIP of the ucontext, then skips the instruction (RIP = its start
 * plus its length, which each case knows), so that no case depends on
 * whether the CPU reported a fault (RIP at the instruction) or a trap
 * (RIP after it). One line per case gives what happened; "ok" when it
 * is what Linux does on this CPU, "FAIL" (counted in the exit status)
 * when not.
 *
 * What Linux does (x86-64, 6.x), which the expectations below encode:
 *  - privileged instructions (cli, sti, in, out, lgdt, lidt, ltr, rdmsr,
 *    wrmsr, wbinvd, invlpg, mov to CR3, mov from CR0, mov to DR7,
 *    swapgs, sysret, clts, hlt): #GP(0), SIGSEGV with SI_KERNEL and
 *    si_addr 0, RIP at the instruction;
 *  - iretq and lretq to the kernel code selector 0x10: #GP with the
 *    selector as error code;
 *  - sysenter: on AMD CPUs it does not exist in long mode (#UD, SIGILL,
 *    ILL_ILLOPN, si_addr = RIP); on Intel ones Linux takes it as a
 *    32-bit system call, which a 64-bit program cannot return from, so
 *    the case is skipped there;
 *  - rdpmc: #GP unless CR4.PCE is set, which Linux does only for a task
 *    that has mapped a perf event (or when told to for everyone): both
 *    outcomes are accepted, the line says which happened;
 *  - int $N: every gate but #BP's (3), #OF's (4) and the 32-bit system
 *    call's (0x80) has DPL 0, so INT N is #GP with the error code
 *    N*8+2 (the IDT bit and the vector); int $4 enters #OF's handler:
 *    SIGSEGV, SI_KERNEL, trap 4, RIP after it. int $3 (SIGTRAP, in
 *    sig_faults) and int $0x80 (a system call) are not cases here;
 *  - sgdt, sidt, smsw, str, sldt: without UMIP they run; with UMIP
 *    Linux emulates all five (dummy values: a made-up GDT and IDT base,
 *    a fixed CR0, a fixed TSS selector, LDT 0), so they run too. Whether
 *    the CPU has UMIP is read from CPUID and named in the line;
 *  - rdfsbase, rdgsbase, wrgsbase: they run where Linux enabled
 *    FSGSBASE, which it says in AT_HWCAP2; #UD (SIGILL) otherwise;
 *  - a far jump to the 32-bit user code selector 0x23 enters
 *    compatibility mode; the stub jumps straight back to 0x33.
 *
 * stdout and the exit status are compared with the host run of the same
 * binary; nothing printed depends on an address.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <ucontext.h>

#include "check.h"

#define HWCAP2_FSGSBASE (1UL << 1)

/* Where the current case's instruction starts; the handler resumes the
 * program case_len bytes further. Stored by each stub (or, for the INT
 * stubs, by the caller) before the instruction runs. */
volatile unsigned long case_ip;
static volatile unsigned long case_len;
/* Memory for the instructions that take a memory operand. */
unsigned char scratch[16] __attribute__((aligned(16)));
/* A far pointer (offset32, selector) for the jump to compatibility mode. */
unsigned char farptr[8] __attribute__((aligned(8)));
unsigned long saved_rsp;

static volatile struct {
	int count, signo, code;
	unsigned long addr, trapno, err, rip;
} seen;

static void on_signal(int sig, siginfo_t *si, void *ctx)
{
	greg_t *g = ((ucontext_t *)ctx)->uc_mcontext.gregs;
	seen.count++;
	seen.signo = sig;
	seen.code = si->si_code;
	seen.addr = (unsigned long)si->si_addr;
	seen.trapno = g[REG_TRAPNO];
	seen.err = g[REG_ERR];
	seen.rip = g[REG_RIP];
	g[REG_RIP] = case_ip + case_len;
}

/*
 * Each stub: its set-up, then the address of the instruction into
 * case_ip, the instruction (spelled in bytes where its length matters
 * and gas would pick another encoding), what undoes the set-up, ret.
 * The caller has moved RSP below the red zone.
 */
#define STUB(name, setup, insn, undo)                                         \
	".globl " name "\n" name ":\n\t" setup "\n\t"                         \
	"lea 1f(%rip), %r11\n\t"                                              \
	"mov %r11, case_ip(%rip)\n"                                           \
	"1:\t" insn "\n\t" undo "\n\tret\n"

asm(".pushsection .text\n"
    STUB("stub_cli", "", ".byte 0xfa", "")
    STUB("stub_sti", "", ".byte 0xfb", "")
    STUB("stub_in", "", ".byte 0xe4, 0x80", "")                 /* in $0x80, %al */
    STUB("stub_out", "xor %eax, %eax", ".byte 0xe6, 0x80", "")  /* out %al, $0x80 */
    STUB("stub_lgdt", "lea scratch(%rip), %rax", ".byte 0x0f, 0x01, 0x10", "")  /* lgdt (%rax) */
    STUB("stub_lidt", "lea scratch(%rip), %rax", ".byte 0x0f, 0x01, 0x18", "")  /* lidt (%rax) */
    STUB("stub_ltr", "mov $0x38, %eax", ".byte 0x0f, 0x00, 0xd8", "")           /* ltr %ax */
    STUB("stub_rdmsr", "mov $0xc0000082, %ecx", ".byte 0x0f, 0x32", "")
    STUB("stub_wrmsr", "mov $0xc0000082, %ecx\n\txor %eax, %eax\n\txor %edx, %edx",
	 ".byte 0x0f, 0x30", "")
    STUB("stub_wbinvd", "", ".byte 0x0f, 0x09", "")
    STUB("stub_invlpg", "lea scratch(%rip), %rax", ".byte 0x0f, 0x01, 0x38", "") /* invlpg (%rax) */
    STUB("stub_mov_cr3", "xor %eax, %eax", ".byte 0x0f, 0x22, 0xd8", "")        /* mov %rax, %cr3 */
    STUB("stub_read_cr0", "", ".byte 0x0f, 0x20, 0xc0", "")                      /* mov %cr0, %rax */
    STUB("stub_mov_dr7", "xor %eax, %eax", ".byte 0x0f, 0x23, 0xf8", "")        /* mov %rax, %dr7 */
    STUB("stub_swapgs", "", ".byte 0x0f, 0x01, 0xf8", "")
    STUB("stub_sysret", "", ".byte 0x48, 0x0f, 0x07", "")                        /* sysretq */
    STUB("stub_clts", "", ".byte 0x0f, 0x06", "")
    STUB("stub_hlt", "", ".byte 0xf4", "")
    /* An IRET frame (SS, RSP, RFLAGS, CS, RIP) naming the kernel's
     * selectors; after the fault RSP is still below it. */
    STUB("stub_iretq", "mov %rsp, %rax\n\tpushq $0x18\n\tpush %rax\n\tpushfq\n\t"
	 "pushq $0x10\n\tlea 2f(%rip), %rax\n\tpush %rax",
	 ".byte 0x48, 0xcf\n2:", "add $40, %rsp")
    STUB("stub_lretq", "pushq $0x10\n\tlea 2f(%rip), %rax\n\tpush %rax",
	 ".byte 0x48, 0xcb\n2:", "add $16, %rsp")
    STUB("stub_sysenter", "", ".byte 0x0f, 0x34", "")
    STUB("stub_rdpmc", "xor %ecx, %ecx", ".byte 0x0f, 0x33", "")
    STUB("stub_sgdt", "lea scratch(%rip), %rax", ".byte 0x0f, 0x01, 0x00", "")  /* sgdt (%rax) */
    STUB("stub_sidt", "lea scratch(%rip), %rax", ".byte 0x0f, 0x01, 0x08", "")  /* sidt (%rax) */
    STUB("stub_smsw", "lea scratch(%rip), %rax", ".byte 0x0f, 0x01, 0x20", "")  /* smsw (%rax) */
    STUB("stub_str", "lea scratch(%rip), %rax", ".byte 0x0f, 0x00, 0x08", "")   /* str (%rax) */
    STUB("stub_sldt", "lea scratch(%rip), %rax", ".byte 0x0f, 0x00, 0x00", "")  /* sldt (%rax) */
    STUB("stub_rdfsbase", "", ".byte 0xf3, 0x48, 0x0f, 0xae, 0xc0", "")          /* rdfsbase %rax */
    STUB("stub_rdgsbase", "", ".byte 0xf3, 0x48, 0x0f, 0xae, 0xc8", "")          /* rdgsbase %rax */
    /* Linux starts a program with GS base 0 and neither libc uses it. */
    STUB("stub_wrgsbase", "xor %eax, %eax", ".byte 0xf3, 0x48, 0x0f, 0xae, 0xd8", "") /* wrgsbase %rax */
    /* ljmp *(%rax) (m16:32) to the 32-bit code below, which jumps back
     * to 64-bit code at 2 through the 64-bit user selector. The upper
     * halves of the registers are not kept across compatibility mode,
     * so RSP comes back from memory. */
    STUB("stub_ljmp32", "mov %rsp, saved_rsp(%rip)\n\t"
	 "lea compat32(%rip), %rax\n\tmov %eax, farptr(%rip)\n\t"
	 "movw $0x23, farptr+4(%rip)\n\tlea farptr(%rip), %rax",
	 ".byte 0xff, 0x28\n2:", "mov saved_rsp(%rip), %rsp")
    /* 2b: the last label 2 before it, ljmp32's. */
    ".code32\n"
    "compat32:\n\t"
    "ljmp $0x33, $2b\n"
    ".code64\n"
    /* INT N for every N, 4 bytes each: cd N, ret, nop. */
    ".globl int_stubs\n"
    ".p2align 4\n"
    "int_stubs:\n"
    ".set vec, 0\n"
    ".rept 256\n\t"
    ".byte 0xcd, vec, 0xc3, 0x90\n"
    ".set vec, vec + 1\n"
    ".endr\n"
    ".popsection\n");

extern char stub_cli[], stub_sti[], stub_in[], stub_out[], stub_lgdt[], stub_lidt[], stub_ltr[],
	stub_rdmsr[], stub_wrmsr[], stub_wbinvd[], stub_invlpg[], stub_mov_cr3[], stub_read_cr0[],
	stub_mov_dr7[], stub_swapgs[], stub_sysret[], stub_clts[], stub_hlt[], stub_iretq[],
	stub_lretq[], stub_sysenter[], stub_rdpmc[], stub_sgdt[], stub_sidt[], stub_smsw[],
	stub_str[], stub_sldt[], stub_rdfsbase[], stub_rdgsbase[], stub_wrgsbase[], stub_ljmp32[],
	int_stubs[];

/* Call a stub with RSP below the red zone, where the compiler may keep
 * data the stub's pushes must not overwrite. */
static void call_stub(void *stub)
{
	asm volatile("sub $128, %%rsp\n\t"
		     "call *%[s]\n\t"
		     "add $128, %%rsp"
		     : [s] "+r"(stub)
		     :
		     : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory", "cc");
}

/* An outcome: a signal with its details, or none (signo 0: it ran). */
struct outcome {
	int signo, code;
	unsigned long trapno, err;
	int after; /* RIP past the instruction (a trap), else at it */
	int addr_is_ip; /* si_addr = the instruction (else 0) */
};

#define GP(err) { SIGSEGV, SI_KERNEL, 13, (err), 0, 0 }
#define UD      { SIGILL, ILL_ILLOPN, 6, 0, 0, 1 }
#define RUNS    { 0, 0, 0, 0, 0, 0 }

static const char *signal_text(int sig)
{
	switch (sig) {
	case SIGSEGV: return "SIGSEGV";
	case SIGBUS: return "SIGBUS";
	case SIGILL: return "SIGILL";
	case SIGTRAP: return "SIGTRAP";
	case SIGFPE: return "SIGFPE";
	}
	return "another signal";
}

static void code_text(char *buf, size_t n, int sig, int code)
{
	const char *s = 0;
	if (code == SI_KERNEL)
		s = "SI_KERNEL";
	else if (sig == SIGILL && code == ILL_ILLOPN)
		s = "ILL_ILLOPN";
	else if (sig == SIGSEGV && code == SEGV_MAPERR)
		s = "SEGV_MAPERR";
	else if (sig == SIGSEGV && code == SEGV_ACCERR)
		s = "SEGV_ACCERR";
	else if (sig == SIGBUS && code == BUS_ADRALN)
		s = "BUS_ADRALN";
	else if (sig == SIGTRAP && code == TRAP_BRKPT)
		s = "TRAP_BRKPT";
	else if (sig == SIGTRAP && code == TRAP_TRACE)
		s = "TRAP_TRACE";
	if (s)
		snprintf(buf, n, "%s", s);
	else
		snprintf(buf, n, "si_code %d", code);
}

/* Where an address the kernel reported lies, in words that do not
 * depend on where the program was loaded. */
static const char *place(unsigned long a, unsigned long len)
{
	if (a == 0)
		return "0";
	if (a == case_ip)
		return "the instruction";
	if (a == case_ip + len)
		return "past it";
	return "elsewhere";
}

/* Run one case and print its line. with_err: whether the error code is
 * part of the line (the INT cases check theirs apart). Returns 1 when it
 * matched want. */
static int run(const char *name, void *stub, unsigned long ip, unsigned long len,
	       const struct outcome *want, int alt, const struct outcome *want2, int with_err)
{
	char line[200], code[32];
	memset((void *)&seen, 0, sizeof(seen));
	case_len = len;
	if (ip)
		case_ip = ip;
	call_stub(stub);
	if (!seen.count) {
		snprintf(line, sizeof(line), "%s: runs", name);
	} else {
		code_text(code, sizeof(code), seen.signo, seen.code);
		int n = snprintf(line, sizeof(line), "%s: %s %s, si_addr %s, trap %lu", name,
				 signal_text(seen.signo), code, place(seen.addr, len), seen.trapno);
		if (with_err)
			n += snprintf(line + n, sizeof(line) - n, ", error code %#lx", seen.err);
		snprintf(line + n, sizeof(line) - n, ", RIP %s%s", place(seen.rip, len),
			 seen.count > 1 ? ", more than one signal" : "");
	}
	int ok = 0;
	for (int i = 0; i < 1 + alt; i++) {
		const struct outcome *w = i ? want2 : want;
		if (!w->signo)
			ok |= seen.count == 0;
		else
			ok |= seen.count == 1 && seen.signo == w->signo && seen.code == w->code &&
			      seen.addr == (w->addr_is_ip ? case_ip : 0) && seen.trapno == w->trapno &&
			      (!with_err || seen.err == w->err) &&
			      seen.rip == case_ip + (w->after ? len : 0);
	}
	printf("%s %s\n", ok ? "ok  " : "FAIL", line);
	failures += !ok;
	return ok;
}

#define CASE(name, stub, len, want) run(name, stub, 0, len, &(struct outcome)want, 0, 0, 1)

static int cpu_vendor_is_intel(void)
{
	unsigned a = 0, b, c, d;
	asm volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return b == 0x756e6547 && d == 0x49656e69 && c == 0x6c65746e; /* GenuineIntel */
}

static int cpu_has_umip(void)
{
	unsigned a = 0, b, c = 0, d;
	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	if (a < 7)
		return 0;
	a = 7;
	c = 0;
	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return (c >> 2) & 1; /* CPUID.7.0:ECX.UMIP */
}

static void privileged(void)
{
	CASE("cli", stub_cli, 1, GP(0));
	CASE("sti", stub_sti, 1, GP(0));
	CASE("in $0x80, %al", stub_in, 2, GP(0));
	CASE("out %al, $0x80", stub_out, 2, GP(0));
	CASE("lgdt", stub_lgdt, 3, GP(0));
	CASE("lidt", stub_lidt, 3, GP(0));
	CASE("ltr", stub_ltr, 3, GP(0));
	CASE("rdmsr", stub_rdmsr, 2, GP(0));
	CASE("wrmsr", stub_wrmsr, 2, GP(0));
	CASE("wbinvd", stub_wbinvd, 2, GP(0));
	CASE("invlpg", stub_invlpg, 3, GP(0));
	CASE("mov to CR3", stub_mov_cr3, 3, GP(0));
	CASE("mov from CR0", stub_read_cr0, 3, GP(0));
	CASE("mov to DR7", stub_mov_dr7, 3, GP(0));
	CASE("swapgs", stub_swapgs, 3, GP(0));
	CASE("sysretq", stub_sysret, 3, GP(0));
	CASE("clts", stub_clts, 2, GP(0));
	CASE("hlt", stub_hlt, 1, GP(0));
	CASE("iretq to CS 0x10", stub_iretq, 2, GP(0x10));
	CASE("lretq to CS 0x10", stub_lretq, 2, GP(0x10));
	if (cpu_vendor_is_intel()) /* a line the comparison leaves out, as the one below */
		printf("ok   sysenter (Intel): not run: Linux takes it as a 32-bit system call\n");
	else
		CASE("sysenter (not Intel)", stub_sysenter, 2, UD);
	struct outcome gp0 = GP(0), runs = RUNS;
	run("rdpmc", stub_rdpmc, 0, 2, &gp0, 1, &runs, 1);
	CASE("ljmp to CS 0x23 and back", stub_ljmp32, 2, RUNS);
}

/* Cases whose outcome on Linux turns on a CPU feature: the line names
 * the feature's state, so that both runs print what they decided on. */
struct feature_case {
	const char *name;
	void *stub;
	unsigned long len;
};

static void feature_cases(const struct feature_case *c, unsigned n, const char *state,
			  const struct outcome *want)
{
	for (unsigned i = 0; i < n; i++) {
		char name[64];
		snprintf(name, sizeof(name), "%s, %s", c[i].name, state);
		run(name, c[i].stub, 0, c[i].len, want, 0, 0, 1);
	}
}

static void umip(void)
{
	const struct feature_case c[] = {
		{ "sgdt", stub_sgdt, 3 }, { "sidt", stub_sidt, 3 }, { "smsw", stub_smsw, 3 },
		{ "str", stub_str, 3 },   { "sldt", stub_sldt, 3 },
	};
	struct outcome runs = RUNS;
	feature_cases(c, 5, cpu_has_umip() ? "UMIP" : "no UMIP", &runs);
}

static void fsgsbase(void)
{
	const struct feature_case c[] = {
		{ "rdfsbase", stub_rdfsbase, 5 },
		{ "rdgsbase", stub_rdgsbase, 5 },
		{ "wrgsbase", stub_wrgsbase, 5 },
	};
	struct outcome runs = RUNS, ud = UD;
	int on = (getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE) != 0;
	feature_cases(c, 3, on ? "FSGSBASE enabled" : "FSGSBASE off", on ? &runs : &ud);
}

/* INT N for every N but 3 and 0x80. The error code is left out of each
 * line and checked for all of them in one line after. */
static void int_n(void)
{
	int bad_err = -1;
	unsigned long bad_val = 0;
	for (int n = 0; n < 256; n++) {
		if (n == 3 || n == 0x80)
			continue;
		char name[32];
		snprintf(name, sizeof(name), "int $0x%02x", n);
		unsigned long ip = (unsigned long)int_stubs + 4 * n;
		struct outcome want = GP((unsigned long)n * 8 + 2);
		if (n == 4)
			want = (struct outcome){ SIGSEGV, SI_KERNEL, 4, 0, 1, 0 };
		run(name, int_stubs + 4 * n, ip, 2, &want, 0, 0, 0);
		if (seen.count && seen.trapno == 13 && seen.err != (unsigned long)n * 8 + 2 &&
		    bad_err < 0) {
			bad_err = n;
			bad_val = seen.err;
		}
	}
	check(bad_err < 0, bad_val << 16 | (unsigned)bad_err,
	      "int $N: error code N*8+2 (the IDT bit and the vector) for every N");
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE };
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, 0);
	setvbuf(stdout, 0, _IOLBF, 0);

	privileged();
	umip();
	fsgsbase();
	int_n();
	printf("sig_hostile: %d failed\n", failures);
	return failures;
}
