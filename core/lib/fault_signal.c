/* pure: CPU exceptions from ring 3 as signals (contract in fault_signal.h). */
#include "core/lib/fault_signal.h"
#include "core/abi/signal.h"
#include "core/cpu/hw.h"

/* The exception flags, in the x87 status word and MXCSR alike; MXCSR's
 * mask bits sit 7 above them, the x87 control word's at the same place. */
#define FE_INVALID   0x01
#define FE_DENORMAL  0x02
#define FE_DIVZERO   0x04
#define FE_OVERFLOW  0x08
#define FE_UNDERFLOW 0x10
#define FE_PRECISION 0x20
#define MXCSR_MASK_SHIFT 7

/* One unmasked set of flags to a code, the first that applies winning:
 * a single instruction can raise more than one (an inexact underflow),
 * and Linux reports the most serious. A denormal operand counts as an
 * underflow, as Linux counts it; FPE_FLTSUB is never given on x86. */
static int32_t fpe_from_flags(uint32_t unmasked)
{
	if (unmasked & FE_INVALID)
		return FPE_FLTINV;
	if (unmasked & FE_DIVZERO)
		return FPE_FLTDIV;
	if (unmasked & FE_OVERFLOW)
		return FPE_FLTOVF;
	if (unmasked & (FE_UNDERFLOW | FE_DENORMAL))
		return FPE_FLTUND;
	if (unmasked & FE_PRECISION)
		return FPE_FLTRES;
	return 0;
}

int32_t fault_x87_code(uint16_t fcw, uint16_t fsw)
{
	/* The stack-fault bit (0x40) always comes with the invalid flag,
	 * so it needs no case of its own. */
	return fpe_from_flags(fsw & ~fcw & 0x3f);
}

int32_t fault_simd_code(uint32_t mxcsr)
{
	return fpe_from_flags(mxcsr & ~(mxcsr >> MXCSR_MASK_SHIFT) & 0x3f);
}

uint32_t fault_signal_number(uint64_t vector)
{
	switch (vector) {
	/* Vector 9 (the coprocessor segment overrun of CPUs before the 486)
	 * is SIGFPE in Linux's table too. */
	case VEC_DE: case 9: case VEC_MF: case VEC_XM:
		return SIGFPE;
	case VEC_DB: case VEC_BP:
		return SIGTRAP;
	case VEC_UD:
		return SIGILL;
	case VEC_NP: case VEC_SS: case VEC_AC:
		return SIGBUS;
	default: /* #GP, #PF, #TS, #OF, #BR, and whatever else reaches here */
		return SIGSEGV;
	}
}

struct fault_signal fault_signal_decode(uint64_t vector, const struct fault_facts *facts)
{
	/* What Linux's force_sig gives where it names no code: SI_KERNEL,
	 * address 0 (#GP, #TS, #NP, #SS, #BP, #OF, #BR). */
	struct fault_signal s = { fault_signal_number(vector), SI_KERNEL, FAULT_ADDR_ZERO };
	switch (vector) {
	case VEC_PF:
		/* Linux decides by its VMAs, not by the page tables. */
		s.code = facts->pf_mapped ? SEGV_ACCERR : SEGV_MAPERR;
		s.addr = FAULT_ADDR_CR2;
		break;
	case VEC_UD:
		s.code = ILL_ILLOPN;
		s.addr = FAULT_ADDR_RIP;
		break;
	case VEC_DE:
		s.code = FPE_INTDIV;
		s.addr = FAULT_ADDR_RIP;
		break;
	case VEC_MF:
	case VEC_XM:
		s.code = vector == VEC_MF ? fault_x87_code(facts->fcw, facts->fsw)
					  : fault_simd_code(facts->mxcsr);
		s.addr = FAULT_ADDR_RIP;
		if (!s.code) /* spurious: nothing to report, run it again */
			s.signo = 0;
		break;
	case VEC_DB:
		/* Single-step, else a breakpoint (INT1 among them: DR6 shows
		 * nothing); no hardware breakpoint is ever armed for ring 3. */
		s.code = (facts->dr6 & DR6_BS) ? TRAP_TRACE : TRAP_BRKPT;
		s.addr = FAULT_ADDR_RIP;
		break;
	case VEC_AC:
		s.code = BUS_ADRALN;
		break;
	}
	return s;
}
