/*
 * sig_sigreturn_edges: what rt_sigreturn does with a frame a handler has
 * edited, and the flags a program may carry into a syscall. Each case
 * sends SIGUSR1 with a raw kill syscall; its handler keeps a copy of the
 * registers and edits the ucontext; the return loads it. Where that
 * faults, a second handler (SIGSEGV, SIGTRAP) records what it was given
 * and puts the kept registers back, so the program goes on after the
 * kill as if nothing had been edited. What Linux does, as the host shows:
 *  - RIP non-canonical (each power of two 1<<47 ... 1<<63): SIGSEGV, SI_KERNEL,
 *    si_addr 0, trap 13, error code 0, and the ucontext's RIP is the
 *    bad value; RCX and R11 are set to RIP and RFLAGS, the pair SYSRET
 *    would return with, so a kernel that takes that shortcut is tried;
 *  - RIP canonical but never mappable ((1<<47)-1, 0x7ffffffff000, the
 *    kernel half ~0-0xfff) or unmapped (0): a fetch page fault, SIGSEGV
 *    SEGV_MAPERR, si_addr = RIP, error code fetch|user, with the
 *    protection bit for addresses at or above 0x7ffffffff000;
 *  - CS and SS: Linux forces the RPL to 3 and nothing else, so a user
 *    selector with RPL 0 works (the program goes on, CS and SS as
 *    before), while the kernel's code selector 0x10 as CS, its data
 *    selector 0x18 as SS, or a null CS or SS fail in the return: SIGSEGV,
 *    SI_KERNEL, trap 13, the selector as error code, and the registers
 *    already loaded from the frame (RIP after the kill). The fs and gs
 *    halves of that field are ignored;
 *  - RFLAGS: CF, PF, AF, ZF, SF, OF, DF and AC are taken from the frame;
 *    IOPL, NT, VM, VIF, VIP and ID are not, and IF stays set; TF taken
 *    from the frame traps after the first instruction (SIGTRAP,
 *    TRAP_TRACE, si_addr = RIP past it);
 *  - the FPU part: MXCSR comes back from an unedited frame as it was;
 *    uc_flags is UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS, with
 *    UC_FP_XSTATE on CPUs with XSAVE, where Linux's frames are XSAVE
 *    frames whose software bytes carry both magic numbers. On those:
 *    bytes 16-23 of the XSAVE header nonzero, a bit of
 *    xstate_bv outside XCR0, the compacted bit of xcomp_bv, or a
 *    reserved MXCSR bit make XRSTOR fault: SIGSEGV with SI_KERNEL, the
 *    general registers already restored, and the FPU state reset (MXCSR
 *    0x1f80 after, where the program had 0x9fc0). magic1 cleared, or
 *    magic2 (found at the xstate size the software bytes give) broken:
 *    the frame is taken as a plain FXSAVE one, with no signal, its
 *    MXCSR loaded and its XSAVE header never looked at;
 *  - a syscall in the last two bytes of the last user page (mapped at
 *    0x7fffffffe000; the page above cannot be mapped: ENOMEM) returns to
 *    0x7ffffffff000 and faults there: SIGSEGV, SEGV_MAPERR;
 *  - NT set by popf survives a syscall; TF set by popf survives a
 *    syscall, single-stepping (SIGTRAP) on the way.
 * Dropped: RF (pushf always reads it as 0, so it cannot be seen) and
 * bytes 24-63 of the XSAVE header (whether XRSTOR checks them is up to
 * the CPU, so the host's answer is not Linux's).
 * The lines marked "where the CPU has XSAVE" read the same on a CPU
 * without it, so the output does not depend on the CPU.
 * stdout and the exit status (the number of failures) are compared with
 * the host run of the same binary; the printed values are constants.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

#define FL_CF 0x1UL
#define FL_PF 0x4UL
#define FL_AF 0x10UL
#define FL_ZF 0x40UL
#define FL_SF 0x80UL
#define FL_TF 0x100UL
#define FL_IF 0x200UL
#define FL_DF 0x400UL
#define FL_OF 0x800UL
#define FL_IOPL 0x3000UL
#define FL_NT 0x4000UL
#define FL_VM 0x20000UL
#define FL_AC 0x40000UL
#define FL_VIF 0x80000UL
#define FL_VIP 0x100000UL
#define FL_ID 0x200000UL
#define FL_ARITH (FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF)

#define NREGS (sizeof(gregset_t) / sizeof(greg_t))


/*
 * The SIGUSR1 side: the registers as the signal found them, the edit.
 * Everything the handlers share with main is volatile: the signal comes
 * from an asm syscall, across which the compiler would otherwise keep
 * (or drop) stores to statics whose address is never taken.
 */
static volatile greg_t kept[NREGS];
static void (*volatile edit)(ucontext_t *);
static volatile unsigned long uc_flags_seen;

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	(void)sig;
	(void)si;
	for (unsigned i = 0; i < NREGS; i++)
		kept[i] = uc->uc_mcontext.gregs[i];
	uc_flags_seen = uc->uc_flags;
	if (edit)
		edit(uc);
}

/*
 * The catching side. Afterwards: KEEP puts the kept registers back,
 * RESUME goes to resume_ip, COUNT returns as it is (single steps).
 */
enum { KEEP, RESUME, COUNT };
static volatile int after_catch;
static volatile unsigned long resume_ip;
static volatile struct {
	int count, signo, code;
	unsigned long addr, rip, trapno, err;
} caught;

static void expect_catch(int then)
{
	memset((void *)&caught, 0, sizeof(caught));
	after_catch = then;
}

static void on_catch(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	caught.count++;
	caught.signo = sig;
	caught.code = si->si_code;
	caught.addr = (unsigned long)si->si_addr;
	caught.rip = uc->uc_mcontext.gregs[REG_RIP];
	caught.trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
	caught.err = uc->uc_mcontext.gregs[REG_ERR];
	if (after_catch == KEEP)
		for (unsigned i = 0; i < NREGS; i++)
			uc->uc_mcontext.gregs[i] = kept[i];
	else if (after_catch == RESUME)
		uc->uc_mcontext.gregs[REG_RIP] = resume_ip;
}

/*
 * kill(getpid(), SIGUSR1) with MXCSR set to mxcsr first; what the flags
 * and MXCSR are right after it returns. The labels: right after the
 * syscall, and after the first instruction there.
 */
static volatile unsigned long after_syscall, after_first;
static unsigned long flags_out;
static unsigned int mxcsr_out;

static void send_usr1(unsigned int mxcsr)
{
	long pid = getpid();
	expect_catch(KEEP);
	asm volatile("lea 1f(%%rip), %%r11\n\t"
		     "mov %%r11, %[a1]\n\t"
		     "lea 2f(%%rip), %%r11\n\t"
		     "mov %%r11, %[a2]\n\t"
		     "ldmxcsr %[in]\n\t"
		     "sub $128, %%rsp\n\t" /* the red zone */
		     "syscall\n\t"
		     "1: pushfq\n\t"
		     "2: pop %[fl]\n\t"
		     "stmxcsr %[out]\n\t"
		     "pushfq\n\t"
		     "andq $~0x40500, (%%rsp)\n\t" /* AC, DF, TF off again */
		     "popfq\n\t"
		     "add $128, %%rsp\n\t"
		     "ldmxcsr %[dfl]"
		     : [a1] "=m"(after_syscall), [a2] "=m"(after_first), [fl] "=&r"(flags_out),
		       [out] "=m"(mxcsr_out)
		     : "a"((long)SYS_kill), "D"(pid), "S"((long)SIGUSR1), [in] "m"(mxcsr),
		       [dfl] "m"((unsigned int){ 0x1f80 })
		     : "rcx", "r11", "memory", "cc");
}

/* One SIGSEGV caught, with these details; trapno/err -1: not checked. */
static void expect_segv(const char *what, int code, unsigned long addr, unsigned long rip,
			long trapno, long err)
{
	check(caught.count == 1 && caught.signo == SIGSEGV, caught.signo, "%s: one SIGSEGV", what);
	check(caught.code == code, caught.code, "%s: si_code %d", what, code);
	check(caught.addr == addr, caught.addr, "%s: si_addr", what);
	check(caught.rip == rip, caught.rip, "%s: RIP in the ucontext", what);
	if (trapno >= 0)
		check(caught.trapno == (unsigned long)trapno, caught.trapno, "%s: trap %ld", what,
		      trapno);
	if (err >= 0)
		check(caught.err == (unsigned long)err, caught.err, "%s: error code %#lx", what, err);
}

static volatile unsigned long new_rip;

static void set_rip(ucontext_t *uc)
{
	greg_t *g = uc->uc_mcontext.gregs;
	g[REG_RIP] = new_rip;
	g[REG_RCX] = new_rip;
	g[REG_R11] = g[REG_EFL];
}

static void rip_edits(void)
{
	char what[64];
	edit = set_rip;
	/* Every power of two from 2^47 (the first non-canonical address) to
	 * 2^63: in each, bits 63..47 are not all equal. */
	for (unsigned bit = 47; bit <= 63; bit++) {
		new_rip = 1UL << bit;
		send_usr1(0x1f80);
		snprintf(what, sizeof(what), "sigreturn to RIP %#lx", new_rip);
		expect_segv(what, SI_KERNEL, 0, new_rip, 13, 0);
	}
	static const struct {
		unsigned long rip, err;
	} unmapped[] = { { (1UL << 47) - 1, 0x15 },
			 { 0x7ffffffff000UL, 0x15 },
			 { ~0UL - 0xfff, 0x15 },
			 { 0, 0x14 } };
	for (unsigned i = 0; i < sizeof(unmapped) / sizeof(unmapped[0]); i++) {
		new_rip = unmapped[i].rip;
		send_usr1(0x1f80);
		snprintf(what, sizeof(what), "sigreturn to RIP %#lx", new_rip);
		expect_segv(what, SEGV_MAPERR, new_rip, new_rip, 14, unmapped[i].err);
	}
	edit = 0;
}

/* REG_CSGSFS: cs in bits 0-15, gs 16-31, fs 32-47, ss 48-63. */
static volatile unsigned long new_csgsfs;

static void set_csgsfs(ucontext_t *uc)
{
	uc->uc_mcontext.gregs[REG_CSGSFS] = new_csgsfs;
}

/* A segment register's selector as the program runs now. */
#define SELECTOR(seg)                                                         \
	({                                                                    \
		unsigned short v_;                                            \
		asm volatile("mov %%" seg ", %0" : "=r"(v_));                 \
		(unsigned long)v_;                                            \
	})

static void selector_edits(void)
{
	unsigned long cs = SELECTOR("cs"), ss = SELECTOR("ss"), fs = SELECTOR("fs"), gs = SELECTOR("gs");
	edit = 0;
	send_usr1(0x1f80);
	unsigned long field = kept[REG_CSGSFS];
	check((field & 0xffff) == cs && field >> 48 == ss, field,
	      "the ucontext's CS and SS are the ones the program runs with");

	static const struct {
		const char *what;
		int cs;
		unsigned long sel, err;
	} bad[] = { { "CS 0x10 (Linux's kernel code)", 1, 0x10, 0x10 },
		    { "CS 0 (null)", 1, 0, 0 },
		    { "SS 0x18 (Linux's kernel data)", 0, 0x18, 0x18 },
		    { "SS 0 (null)", 0, 0, 0 } };
	edit = set_csgsfs;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		new_csgsfs = bad[i].cs ? (field & ~0xffffUL) | bad[i].sel
				       : (field & 0xffffffffffffUL) | bad[i].sel << 48;
		send_usr1(0x1f80);
		expect_segv(bad[i].what, SI_KERNEL, 0, after_syscall, 13, bad[i].err);
	}
	/* The user selectors with RPL 0: Linux makes the RPL 3. */
	new_csgsfs = (field & ~0xffffUL) | (cs & ~3UL);
	send_usr1(0x1f80);
	check(caught.count == 0 && SELECTOR("cs") == cs, caught.count,
	      "CS with RPL 0: taken as RPL 3, no signal");
	new_csgsfs = (field & 0xffffffffffffUL) | (ss & ~3UL) << 48;
	send_usr1(0x1f80);
	check(caught.count == 0 && SELECTOR("ss") == ss, caught.count,
	      "SS with RPL 0: taken as RPL 3, no signal");
	/* fs and gs in the field: not loaded by a 64-bit sigreturn. */
	new_csgsfs = (field & 0xffff00000000ffffUL) | (ss << 32) | (ss << 16);
	send_usr1(0x1f80);
	check(caught.count == 0 && SELECTOR("fs") == fs && SELECTOR("gs") == gs, caught.count,
	      "fs and gs in the ucontext: ignored");
	edit = 0;
}

static volatile unsigned long flags_or, flags_andnot;

static void set_flags(ucontext_t *uc)
{
	greg_t *g = uc->uc_mcontext.gregs;
	g[REG_EFL] = (g[REG_EFL] | flags_or) & ~flags_andnot;
}

/* Edit RFLAGS in the frame; check the bits in mask are want after. */
static void flags_case(const char *what, unsigned long or, unsigned long andnot, unsigned long mask,
		       unsigned long want)
{
	edit = set_flags;
	flags_or = or;
	flags_andnot = andnot;
	send_usr1(0x1f80);
	edit = 0;
	check(caught.count == 0 && (flags_out & mask) == want, flags_out, "RFLAGS %s", what);
}

static void flags_edits(void)
{
	flags_case("IOPL 3 in the frame: IOPL 0 after", FL_IOPL, 0, FL_IOPL, 0);
	flags_case("NT in the frame: not taken", FL_NT, 0, FL_NT, 0);
	flags_case("IF cleared in the frame: IF still set", 0, FL_IF, FL_IF, FL_IF);
	flags_case("VM in the frame: not taken", FL_VM, 0, FL_VM, 0);
	flags_case("VIF and VIP in the frame: not taken", FL_VIF | FL_VIP, 0, FL_VIF | FL_VIP, 0);
	flags_case("ID in the frame: not taken", FL_ID, 0, FL_ID, 0);
	flags_case("AC in the frame: taken", FL_AC, 0, FL_AC, FL_AC);
	flags_case("DF in the frame: taken", FL_DF, 0, FL_DF, FL_DF);
	flags_case("CF PF AF ZF SF OF set in the frame: taken", FL_ARITH, 0, FL_ARITH, FL_ARITH);
	flags_case("CF PF AF ZF SF OF cleared in the frame: taken", 0, FL_ARITH, FL_ARITH, 0);

	/* TF: a single step after the first instruction back. */
	edit = set_flags;
	flags_or = FL_TF;
	flags_andnot = 0;
	send_usr1(0x1f80);
	edit = 0;
	check(caught.count == 1 && caught.signo == SIGTRAP, caught.signo,
	      "RFLAGS TF in the frame: one SIGTRAP");
	check(caught.code == TRAP_TRACE, caught.code, "RFLAGS TF in the frame: TRAP_TRACE");
	check(caught.rip == after_first && caught.addr == after_first, caught.rip - after_first,
	      "RFLAGS TF in the frame: si_addr and RIP after the first instruction");
}

/*
 * The fpstate: the FXSAVE image (MXCSR at 24, Linux's software bytes at
 * 464: magic1, extended size, xfeatures, xstate size), then in XSAVE
 * frames the header at 512 (xstate_bv, xcomp_bv, reserved) and magic2
 * at the xstate size. set_fp flips the bits of value at offset off.
 */
static volatile unsigned fp_off, fp_width;
static volatile uint64_t fp_value;
static volatile int magic1_ok, magic2_ok;

static void set_fp(ucontext_t *uc)
{
	unsigned char *p = (unsigned char *)uc->uc_mcontext.fpregs;
	for (unsigned i = 0; i < fp_width; i++)
		p[fp_off + i] ^= (unsigned char)(fp_value >> 8 * i);
}

static void look_fp(ucontext_t *uc)
{
	unsigned char *p = (unsigned char *)uc->uc_mcontext.fpregs;
	uint32_t magic1, size, magic2;
	memcpy(&magic1, p + 464, 4);
	memcpy(&size, p + 480, 4);
	magic1_ok = magic1 == 0x46505853;
	if (magic1_ok && size >= 576 && size <= 64 * 1024) {
		memcpy(&magic2, p + size, 4);
		magic2_ok = magic2 == 0x46505845;
	}
}

/* Flip magic2, where the xstate size in the software bytes puts it;
 * then set_fp's edit, if any. */
static void break_magic2(ucontext_t *uc)
{
	unsigned char *p = (unsigned char *)uc->uc_mcontext.fpregs;
	uint32_t size;
	memcpy(&size, p + 480, 4);
	p[size] ^= 0xff;
	set_fp(uc);
}

static int cpu_has_xsave(void)
{
	unsigned a = 1, b, c = 0, d;
	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return c >> 26 & 1;
}

static void fp_edits(void)
{
	int xsave = cpu_has_xsave();
	edit = 0;
	send_usr1(0x9fc0);
	check(mxcsr_out == 0x9fc0, mxcsr_out, "MXCSR 0x9fc0 kept across a signal");
	check(uc_flags_seen == (xsave ? 7UL : 6UL), uc_flags_seen,
	      "uc_flags: SIGCONTEXT_SS, STRICT_RESTORE_SS, and FP_XSTATE where the CPU has XSAVE");
	edit = look_fp;
	send_usr1(0x1f80);
	check(!xsave || (magic1_ok && magic2_ok), magic1_ok,
	      "the XSAVE frame has magic1 and magic2 (where the CPU has XSAVE)");

	static const struct {
		const char *what;
		unsigned off, width;
		uint64_t flip;
	} bad[] = { { "XSAVE header bytes 16-23 nonzero", 528, 8, 0xfffffff },
		    { "xstate_bv bit 63 (outside XCR0)", 512, 8, 1UL << 63 },
		    { "xcomp_bv bit 63 (compacted form)", 520, 8, 1UL << 63 },
		    { "MXCSR bit 31 (reserved)", 24, 4, 1UL << 31 } };
	char what[96];
	edit = set_fp;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(what, sizeof(what), "%s (where the CPU has XSAVE)", bad[i].what);
		if (!xsave) {
			check(1, 0, "%s", what);
			continue;
		}
		fp_off = bad[i].off;
		fp_width = bad[i].width;
		fp_value = bad[i].flip;
		send_usr1(0x9fc0);
		/* The trap number is left from an earlier fault: not checked. */
		expect_segv(what, SI_KERNEL, 0, after_syscall, -1, -1);
		check(mxcsr_out == 0x1f80, mxcsr_out, "%s: FPU state reset (MXCSR 0x1f80)", what);
	}
	fp_off = 464;
	fp_width = 1;
	fp_value = 0xff;
	send_usr1(0x9fc0);
	check(!xsave || (caught.count == 0 && mxcsr_out == 0x9fc0), caught.count,
	      "magic1 broken: restored as an FXSAVE frame, MXCSR 0x9fc0 (where the CPU has XSAVE)");

	/* magic2 broken: the same fallback, the header then never read. */
	edit = xsave ? break_magic2 : 0;
	fp_width = 0;
	send_usr1(0x9fc0);
	check(caught.count == 0 && mxcsr_out == 0x9fc0, caught.count,
	      "magic2 broken: restored as an FXSAVE frame, MXCSR 0x9fc0 (where the CPU has XSAVE)");
	fp_off = 528;
	fp_width = 8;
	fp_value = 0xfffffff;
	send_usr1(0x9fc0);
	check(caught.count == 0 && mxcsr_out == 0x9fc0, caught.count,
	      "magic2 broken, XSAVE header bytes 16-23 nonzero: still an FXSAVE frame, no signal"
	      " (where the CPU has XSAVE)");
	edit = 0;
}

/*
 * A syscall in the last two bytes of the page below 0x7ffffffff000
 * returns to the first address that can never be mapped. If the stack
 * holds that page (no address randomisation), its last bytes are free
 * (the kernel leaves the top 8 bytes unused) and are borrowed instead.
 */
static void syscall_at_the_top(void)
{
	char *page = (char *)0x7fffffffe000UL;
	errno = 0;
	void *above = mmap(page + 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	check(above == MAP_FAILED && errno == ENOMEM, errno, "mmap at 0x7ffffffff000: ENOMEM");
	int rwx = PROT_READ | PROT_WRITE | PROT_EXEC;
	void *p = mmap(page, 4096, rwx, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	int borrowed = p == MAP_FAILED && errno == EEXIST;
	if (borrowed)
		borrowed = mprotect(page, 4096, rwx) == 0;
	if (!borrowed && p != page) {
		check(0, errno, "map the page at 0x7fffffffe000");
		return;
	}
	char old[2] = { page[4094], page[4095] };
	page[4094] = 0x0f; /* syscall */
	page[4095] = 0x05;
	expect_catch(RESUME);
	asm volatile("lea 1f(%%rip), %%r11\n\t"
		     "mov %%r11, %[r]\n\t"
		     "jmp *%[t]\n"
		     "1:"
		     : [r] "=m"(resume_ip)
		     : [t] "r"(page + 4094), "a"((long)SYS_getpid)
		     : "rcx", "r11", "memory", "cc");
	expect_segv("syscall ending at 0x7ffffffff000", SEGV_MAPERR, 0x7ffffffff000UL,
		    0x7ffffffff000UL, 14, 0x15);
	if (borrowed) {
		page[4094] = old[0];
		page[4095] = old[1];
		mprotect(page, 4096, PROT_READ | PROT_WRITE);
	} else {
		munmap(page, 4096);
	}
}

/* getppid with NT and/or TF set by popf; the flags after it. */
static void flags_across_syscall(const char *what, unsigned long bits)
{
	unsigned long flags, nr = SYS_getppid;
	expect_catch(COUNT);
	asm volatile("sub $128, %%rsp\n\t"
		     "pushfq\n\t"
		     "or %[b], (%%rsp)\n\t"
		     "popfq\n\t"
		     "syscall\n\t"
		     "pushfq\n\t"
		     "pop %[fl]\n\t"
		     "pushfq\n\t"
		     "andq $~0x4100, (%%rsp)\n\t"
		     "popfq\n\t"
		     "add $128, %%rsp"
		     : [fl] "=&r"(flags), "+a"(nr)
		     : [b] "r"(bits)
		     : "rcx", "r11", "memory", "cc");
	after_catch = KEEP;
	check((flags & bits) == bits, flags, "%s: still set after a syscall", what);
	if (bits & FL_TF)
		check(caught.count > 0 && caught.signo == SIGTRAP, caught.count,
		      "%s: single steps (SIGTRAP) around the syscall", what);
	else
		check(caught.count == 0, caught.count, "%s: no signal", what);
}

int main(void)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_flags = SA_SIGINFO;
	sa.sa_sigaction = on_usr1;
	sigaction(SIGUSR1, &sa, 0);
	sa.sa_sigaction = on_catch;
	sigaction(SIGSEGV, &sa, 0);
	sigaction(SIGTRAP, &sa, 0);

	edit = 0;
	send_usr1(0x1f80);
	check(caught.count == 0, caught.count, "an unedited frame: no signal after the return");
	rip_edits();
	selector_edits();
	flags_edits();
	fp_edits();
	syscall_at_the_top();
	flags_across_syscall("NT", FL_NT);
	flags_across_syscall("TF", FL_TF);
	flags_across_syscall("NT and TF", FL_NT | FL_TF);
	printf("sig_sigreturn_edges: %d failed\n", failures);
	return failures;
}
