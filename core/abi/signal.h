/*
 * The signal frame as Linux's x86-64 kernel lays it out on the user
 * stack, so that musl's and glibc's handlers and sigreturn trampolines
 * work unmodified: the return address (sa_restorer), the ucontext (flags,
 * link, the alternate stack, the sigcontext with every register, the
 * blocked mask), the siginfo, then the extended state 64-byte aligned,
 * with its software-reserved words. Named apart from a C library's. Pure.
 */
#ifndef CORE_ABI_SIGNAL_H
#define CORE_ABI_SIGNAL_H

#include "core/abi/proc.h"

/* si_code values. */
#define SI_USER       0      /* kill */
#define SI_KERNEL     0x80   /* sent by the kernel (#GP, int3, itimers) */
#define SI_TKILL      (-6)   /* tkill, tgkill */
#define SI_QUEUE      (-1)   /* sigqueue */
#define SEGV_MAPERR   1      /* no mapping at the address */
#define SEGV_ACCERR   2      /* a mapping, but not this access */
#define ILL_ILLOPN    2      /* illegal operand (#UD) */
#define FPE_INTDIV    1      /* integer divide by zero */
#define FPE_INTOVF    2      /* integer overflow */
#define FPE_FLTDIV    3      /* floating-point divide by zero */
#define FPE_FLTOVF    4      /* floating-point overflow */
#define FPE_FLTUND    5      /* floating-point underflow */
#define FPE_FLTRES    6      /* floating-point inexact result */
#define FPE_FLTINV    7      /* floating-point invalid operation */
#define FPE_FLTSUB    8      /* subscript out of range */
#define TRAP_BRKPT    1      /* breakpoint */
#define TRAP_TRACE    2      /* single-step */
#define BUS_ADRALN    1      /* misaligned access (#AC) */

/* uc_flags. */
#define UC_FP_XSTATE         0x1 /* the extended state is in XSAVE format */
#define UC_SIGCONTEXT_SS     0x2 /* the sigcontext's ss is real */
#define UC_STRICT_RESTORE_SS 0x4 /* sigreturn loads that ss as it is */

/* sigaltstack: the smallest alternate stack it takes. */
#define MINSIGSTKSZ   2048

/* The software-reserved words of the FXSAVE area (bytes 464..511) and
 * the word after the XSAVE area, telling sigreturn the layout. */
#define FP_XSTATE_MAGIC1 0x46505853U /* "FPXS" */
#define FP_XSTATE_MAGIC2 0x46505845U /* "FPXE" */
#define FP_SW_BYTES_OFFSET 464

#ifndef __ASSEMBLER__
struct abi_sigcontext {
	unsigned long long r8, r9, r10, r11, r12, r13, r14, r15;
	unsigned long long rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	unsigned short cs, gs, fs, ss;
	unsigned long long err, trapno, oldmask, cr2;
	unsigned long long fpstate; /* the extended state's address, 0: none */
	unsigned long long reserved1[8];
};

struct abi_ucontext {
	unsigned long long uc_flags;
	unsigned long long uc_link;
	struct abi_sigaltstack uc_stack;
	struct abi_sigcontext uc_mcontext;
	unsigned long long uc_sigmask;
};

/* siginfo: 128 bytes; the fields after si_code depend on it. */
struct abi_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int pad;
	union {
		unsigned long long si_addr;  /* faults */
		struct {
			int si_pid;          /* kill, tkill */
			unsigned int si_uid;
		} kill;
		struct {
			int si_pid;          /* sigqueue */
			unsigned int si_uid;
			unsigned long long si_value;
		} rt;
		unsigned char bytes[112];
	} u;
};

/* The software-reserved bytes of the FXSAVE area. */
struct abi_fpx_sw_bytes {
	unsigned int magic1;        /* FP_XSTATE_MAGIC1 */
	unsigned int extended_size; /* the XSAVE area and MAGIC2 */
	unsigned long long xfeatures;
	unsigned int xstate_size;   /* the XSAVE area alone */
	unsigned int padding[7];
};

struct abi_itimerval {
	struct { long long tv_sec, tv_usec; } it_interval, it_value;
};

/* What the kernel puts at the frame's start: RSP at the handler's entry. */
struct abi_rt_sigframe {
	unsigned long long pretcode; /* sa_restorer: the handler's return address */
	struct abi_ucontext uc;
	struct abi_siginfo info;
};

_Static_assert(sizeof(struct abi_sigcontext) == 256, "sigcontext is 256 bytes");
_Static_assert(sizeof(struct abi_ucontext) == 304, "the kernel's ucontext is 304 bytes");
_Static_assert(sizeof(struct abi_siginfo) == 128, "siginfo is 128 bytes");
_Static_assert(sizeof(struct abi_fpx_sw_bytes) == 48, "the software bytes fill 464..511");
_Static_assert(__builtin_offsetof(struct abi_rt_sigframe, info) == 312, "siginfo after uc");
#endif

#endif
