/*
 * CPU exceptions from ring 3 as signals: every vector's signal, si_code
 * and si_addr, and the x87 and SSE exception decode, against Linux's
 * rules (its traps.c table and its FPU exception decode). QEMU's TCG
 * raises no #XM, #AC or #SS, so these paths run only here.
 */
#include "core/abi/signal.h"
#include "core/cpu/hw.h"
#include "core/lib/fault_signal.h"
#include "unit.h"

/* The exception flags (x87 status word, MXCSR) and where MXCSR's masks
 * sit: 7 bits above them. */
#define IE 0x01
#define DE 0x02
#define ZE 0x04
#define OE 0x08
#define UE 0x10
#define PE 0x20
#define MASKS(m) ((uint32_t)(m) << 7)

/* si_code's numbers are Linux's, since the frame carries them as they
 * are. */
UNIT_TEST(fault_signal_codes_are_linux_numbers)
{
	CHECK_EQ_I64(SI_KERNEL, 0x80);
	CHECK_EQ_I64(FPE_INTDIV, 1);
	CHECK_EQ_I64(FPE_FLTDIV, 3);
	CHECK_EQ_I64(FPE_FLTOVF, 4);
	CHECK_EQ_I64(FPE_FLTUND, 5);
	CHECK_EQ_I64(FPE_FLTRES, 6);
	CHECK_EQ_I64(FPE_FLTINV, 7);
	CHECK_EQ_I64(FPE_FLTSUB, 8);
	CHECK_EQ_I64(SEGV_MAPERR, 1);
	CHECK_EQ_I64(SEGV_ACCERR, 2);
	CHECK_EQ_I64(ILL_ILLOPN, 2);
	CHECK_EQ_I64(TRAP_BRKPT, 1);
	CHECK_EQ_I64(TRAP_TRACE, 2);
	CHECK_EQ_I64(BUS_ADRALN, 1);
}

/* Each exception vector with facts that make it a real fault: a mapped
 * page for #PF, single-step for #DB, an unmasked divide by zero for #MF
 * and #XM. */
UNIT_TEST(fault_signal_every_vector)
{
	static const struct {
		uint64_t vector;
		uint32_t signo;
		int32_t code;
		uint32_t addr;
	} want[] = {
		{ VEC_DE, SIGFPE, FPE_INTDIV, FAULT_ADDR_RIP },
		{ VEC_DB, SIGTRAP, TRAP_TRACE, FAULT_ADDR_RIP },
		{ VEC_NMI, SIGSEGV, SI_KERNEL, FAULT_ADDR_ZERO },
		{ VEC_BP, SIGTRAP, SI_KERNEL, FAULT_ADDR_ZERO },   /* force_sig: no address */
		{ VEC_OF, SIGSEGV, SI_KERNEL, FAULT_ADDR_ZERO },
		{ VEC_BR, SIGSEGV, SI_KERNEL, FAULT_ADDR_ZERO },
		{ VEC_UD, SIGILL, ILL_ILLOPN, FAULT_ADDR_RIP },
		{ VEC_NM, SIGSEGV, SI_KERNEL, FAULT_ADDR_ZERO },   /* Linux dies with SIGSEGV */
		{ VEC_DF, SIGSEGV, SI_KERNEL, FAULT_ADDR_ZERO },
		{ 9, SIGFPE, SI_KERNEL, FAULT_ADDR_ZERO },         /* coprocessor segment overrun */
		{ VEC_TS, SIGSEGV, SI_KERNEL, FAULT_ADDR_ZERO },
		{ VEC_NP, SIGBUS, SI_KERNEL, FAULT_ADDR_ZERO },
		{ VEC_SS, SIGBUS, SI_KERNEL, FAULT_ADDR_ZERO },
		{ VEC_GP, SIGSEGV, SI_KERNEL, FAULT_ADDR_ZERO },
		{ VEC_PF, SIGSEGV, SEGV_ACCERR, FAULT_ADDR_CR2 },
		{ 15, SIGSEGV, SI_KERNEL, FAULT_ADDR_ZERO },
		{ VEC_MF, SIGFPE, FPE_FLTDIV, FAULT_ADDR_RIP },
		{ VEC_AC, SIGBUS, BUS_ADRALN, FAULT_ADDR_ZERO },   /* Linux gives no address */
		{ VEC_MC, SIGSEGV, SI_KERNEL, FAULT_ADDR_ZERO },
		{ VEC_XM, SIGFPE, FPE_FLTDIV, FAULT_ADDR_RIP },
		{ VEC_VE, SIGSEGV, SI_KERNEL, FAULT_ADDR_ZERO },
		{ VEC_CP, SIGSEGV, SI_KERNEL, FAULT_ADDR_ZERO },
	};
	struct fault_facts facts = {
		.pf_mapped = 1, .dr6 = DR6_RESET | DR6_BS,
		.fcw = 0x037f & ~ZE, .fsw = ZE | 0x80, .mxcsr = (MASKS(0x3f) & ~MASKS(ZE)) | ZE,
	};
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct fault_signal s = fault_signal_decode(want[i].vector, &facts);
		CHECK_EQ_U64(s.signo, want[i].signo);
		CHECK_EQ_I64(s.code, want[i].code);
		CHECK_EQ_U64(s.addr, want[i].addr);
		CHECK_EQ_U64(fault_signal_number(want[i].vector), want[i].signo);
	}
	/* Vectors 22-31 and the rest: SIGSEGV with SI_KERNEL, as #GP. */
	for (uint64_t v = 22; v < 256; v++) {
		struct fault_signal s = fault_signal_decode(v, &facts);
		CHECK_EQ_U64(s.signo, SIGSEGV);
		CHECK_EQ_I64(s.code, SI_KERNEL);
		CHECK_EQ_U64(s.addr, FAULT_ADDR_ZERO);
	}
}

/* The one signal a task is ended with is the one a handler would get. */
UNIT_TEST(fault_signal_number_matches_decode)
{
	struct fault_facts facts = { .fsw = IE, .mxcsr = IE };
	for (uint64_t v = 0; v < 256; v++)
		CHECK_EQ_U64(fault_signal_number(v), fault_signal_decode(v, &facts).signo);
}

UNIT_TEST(fault_signal_page_fault)
{
	struct fault_facts none = { .pf_mapped = 0 }, some = { .pf_mapped = 1 };
	CHECK_EQ_I64(fault_signal_decode(VEC_PF, &none).code, SEGV_MAPERR);
	CHECK_EQ_I64(fault_signal_decode(VEC_PF, &some).code, SEGV_ACCERR);
	CHECK_EQ_U64(fault_signal_decode(VEC_PF, &none).addr, FAULT_ADDR_CR2);
}

UNIT_TEST(fault_signal_debug)
{
	/* Single-step, whatever else DR6 shows. */
	struct fault_facts step = { .dr6 = DR6_RESET | DR6_BS };
	CHECK_EQ_I64(fault_signal_decode(VEC_DB, &step).code, TRAP_TRACE);
	/* INT1 (ICEBP) leaves DR6 as it was reset: a breakpoint. */
	struct fault_facts icebp = { .dr6 = DR6_RESET };
	CHECK_EQ_I64(fault_signal_decode(VEC_DB, &icebp).code, TRAP_BRKPT);
	struct fault_facts zero = { .dr6 = 0 };
	CHECK_EQ_I64(fault_signal_decode(VEC_DB, &zero).code, TRAP_BRKPT);
	CHECK_EQ_U64(fault_signal_decode(VEC_DB, &zero).signo, SIGTRAP);
}

/* Linux's order, written out apart from the code under test: the first
 * of invalid, divide by zero, overflow, underflow-or-denormal,
 * precision that is set and unmasked. */
static int32_t reference_code(uint32_t flags, uint32_t masks)
{
	static const struct {
		uint32_t bits;
		int32_t code;
	} order[] = {
		{ IE, FPE_FLTINV }, { ZE, FPE_FLTDIV }, { OE, FPE_FLTOVF },
		{ UE | DE, FPE_FLTUND }, { PE, FPE_FLTRES },
	};
	for (unsigned i = 0; i < 5; i++)
		if (flags & ~masks & order[i].bits)
			return order[i].code;
	return 0;
}

UNIT_TEST(fault_fpe_each_flag_alone)
{
	static const struct {
		uint32_t flag;
		int32_t code;
	} each[] = {
		{ IE, FPE_FLTINV }, { DE, FPE_FLTUND }, { ZE, FPE_FLTDIV },
		{ OE, FPE_FLTOVF }, { UE, FPE_FLTUND }, { PE, FPE_FLTRES },
	};
	for (unsigned i = 0; i < 6; i++) {
		uint32_t f = each[i].flag;
		/* Unmasked: the code; masked: nothing. */
		CHECK_EQ_I64(fault_x87_code((uint16_t)(0x37f & ~f), (uint16_t)f), each[i].code);
		CHECK_EQ_I64(fault_x87_code(0x37f, (uint16_t)f), 0);
		CHECK_EQ_I64(fault_simd_code((MASKS(0x3f) & ~MASKS(f)) | f), each[i].code);
		CHECK_EQ_I64(fault_simd_code(MASKS(0x3f) | f), 0);
		/* A mask bit for another flag changes nothing. */
		CHECK_EQ_I64(fault_x87_code((uint16_t)(0x3f & ~f), (uint16_t)f), each[i].code);
		CHECK_EQ_I64(fault_simd_code((MASKS(0x3f) & ~MASKS(f)) | 0x3f), reference_code(0x3f, 0x3f & ~f));
	}
	/* FPE_FLTSUB is never given on x86. */
	for (uint32_t f = 0; f < 64; f++)
		CHECK(fault_x87_code(0, (uint16_t)f) != FPE_FLTSUB);
}

UNIT_TEST(fault_fpe_which_wins)
{
	/* All six set and unmasked: invalid. Unmask one less each time, the
	 * winner first, and the next in Linux's order wins. */
	CHECK_EQ_I64(fault_x87_code(0x0000, 0x3f), FPE_FLTINV);
	CHECK_EQ_I64(fault_x87_code(IE, 0x3f), FPE_FLTDIV);
	CHECK_EQ_I64(fault_x87_code(IE | ZE, 0x3f), FPE_FLTOVF);
	CHECK_EQ_I64(fault_x87_code(IE | ZE | OE, 0x3f), FPE_FLTUND);
	CHECK_EQ_I64(fault_x87_code(IE | ZE | OE | UE, 0x3f), FPE_FLTUND); /* the denormal */
	CHECK_EQ_I64(fault_x87_code(IE | ZE | OE | UE | DE, 0x3f), FPE_FLTRES);
	CHECK_EQ_I64(fault_x87_code(0x3f, 0x3f), 0);
	CHECK_EQ_I64(fault_simd_code(0x3f), FPE_FLTINV);
	CHECK_EQ_I64(fault_simd_code(MASKS(IE) | 0x3f), FPE_FLTDIV);
	CHECK_EQ_I64(fault_simd_code(MASKS(IE | ZE) | 0x3f), FPE_FLTOVF);
	CHECK_EQ_I64(fault_simd_code(MASKS(IE | ZE | OE) | 0x3f), FPE_FLTUND);
	CHECK_EQ_I64(fault_simd_code(MASKS(IE | ZE | OE | UE) | 0x3f), FPE_FLTUND);
	CHECK_EQ_I64(fault_simd_code(MASKS(IE | ZE | OE | UE | DE) | 0x3f), FPE_FLTRES);
	CHECK_EQ_I64(fault_simd_code(MASKS(0x3f) | 0x3f), 0);
	/* An inexact underflow (both flags, as the CPU sets them): underflow. */
	CHECK_EQ_I64(fault_simd_code(MASKS(IE | ZE | OE | DE) | UE | PE), FPE_FLTUND);
	/* A masked invalid does not hide an unmasked divide by zero. */
	CHECK_EQ_I64(fault_x87_code(IE, IE | ZE), FPE_FLTDIV);
}

/* Every combination of flags and masks, both units, against the order
 * written out above; the other bits of the words play no part. */
UNIT_TEST(fault_fpe_every_combination)
{
	for (uint32_t flags = 0; flags < 64; flags++) {
		for (uint32_t masks = 0; masks < 64; masks++) {
			int32_t want = reference_code(flags, masks);
			CHECK_EQ_I64(fault_x87_code((uint16_t)masks, (uint16_t)flags), want);
			/* Precision and rounding control, the reserved bit 6,
			 * the x87 infinity bit; the status word's stack fault,
			 * summary, condition codes, TOP and busy bits. */
			CHECK_EQ_I64(fault_x87_code((uint16_t)(masks | 0x1f40), (uint16_t)(flags | 0xffc0)),
				     want);
			CHECK_EQ_I64(fault_simd_code(MASKS(masks) | flags), want);
			/* DAZ, rounding control, flush to zero. */
			CHECK_EQ_I64(fault_simd_code(MASKS(masks) | flags | 0x40 | 0x6000 | 0x8000), want);
		}
	}
}

/* An #MF or #XM whose status shows no unmasked exception is spurious:
 * Linux sends no signal and returns to the instruction. */
UNIT_TEST(fault_fpe_spurious_no_signal)
{
	struct fault_facts masked = { .fcw = 0x37f, .fsw = 0x3f | 0x80, .mxcsr = MASKS(0x3f) | 0x3f };
	CHECK_EQ_U64(fault_signal_decode(VEC_MF, &masked).signo, 0);
	CHECK_EQ_U64(fault_signal_decode(VEC_XM, &masked).signo, 0);
	struct fault_facts clear = { .fcw = 0, .fsw = 0, .mxcsr = 0 };
	CHECK_EQ_U64(fault_signal_decode(VEC_MF, &clear).signo, 0);
	CHECK_EQ_U64(fault_signal_decode(VEC_XM, &clear).signo, 0);
	/* Each unit reads its own state only: an x87 error does not make an
	 * #XM, nor an SSE one an #MF. */
	struct fault_facts x87 = { .fcw = 0, .fsw = ZE, .mxcsr = MASKS(0x3f) };
	CHECK_EQ_I64(fault_signal_decode(VEC_MF, &x87).code, FPE_FLTDIV);
	CHECK_EQ_U64(fault_signal_decode(VEC_XM, &x87).signo, 0);
	struct fault_facts sse = { .fcw = 0x37f, .fsw = 0, .mxcsr = OE };
	CHECK_EQ_I64(fault_signal_decode(VEC_XM, &sse).code, FPE_FLTOVF);
	CHECK_EQ_U64(fault_signal_decode(VEC_MF, &sse).signo, 0);
}
