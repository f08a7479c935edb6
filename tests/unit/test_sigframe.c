/*
 * The signal frame's logic: where it lands (alignment, the extended
 * state above it), what the sigcontext holds, what rt_sigreturn takes
 * back (flags masked, selectors forced, canonical RIP/RSP), and which
 * extended-state images may be loaded.
 */
#include <string.h>
#include "core/cpu/hw.h"
#include "core/lib/sigframe.h"
#include "unit.h"

UNIT_TEST(sigframe_place_alignment)
{
	struct sigframe_place p;
	for (uint64_t sp = 0x7ffffffef000ULL; sp < 0x7ffffffef000ULL + 200; sp += 8) {
		CHECK_EQ_I64(sigframe_place(sp - SIGFRAME_REDZONE, 2696, 0, &p), 0);
		CHECK_EQ_U64(p.fpstate % 64, 0);
		CHECK(p.fpstate + 2696 <= sp - SIGFRAME_REDZONE);   /* below the red zone */
		CHECK_EQ_U64((p.frame + 8) % 16, 0);                /* as after a call */
		CHECK(p.frame + sizeof(struct abi_rt_sigframe) <= p.fpstate);
	}
	CHECK_EQ_I64(sigframe_place(100, 512, 0, &p), -1); /* would wrap below 0 */
}

UNIT_TEST(sigframe_place_alternate_stack)
{
	/* A 2048-byte stack (MINSIGSTKSZ, which sigaltstack accepts) cannot
	 * hold a frame with a 2.7 KB XSAVE area: refused, never written
	 * below its base. The same stack holds an FXSAVE frame. */
	const uint64_t base = 0x600000, fp = 2696 + 4;
	struct sigframe_place p;
	CHECK_EQ_I64(sigframe_place(base + 2048, fp, base, &p), -1);
	CHECK_EQ_I64(sigframe_place(base + 2048, 512, base, &p), 0);
	CHECK(p.frame > base);
	/* Already on it, near its base: the nested frame is refused too. */
	CHECK_EQ_I64(sigframe_place(base + 600, 512, base, &p), -1);
	/* sigframe_max_size bytes always suffice, one fewer may not; the
	 * frame must start strictly above the base, as on Linux. */
	const uint64_t need = sigframe_max_size(fp);
	CHECK_EQ_U64(need % 16, 0);
	int short_refused = 0;
	for (uint64_t top = base + 0x10000; top < base + 0x10000 + 128; top++) {
		CHECK_EQ_I64(sigframe_place(top, fp, top - need, &p), 0);
		CHECK(p.frame > top - need);
		short_refused |= sigframe_place(top, fp, top - need + 16, &p) != 0;
	}
	CHECK(short_refused); /* the bound is tight: 16 bytes less fails at some alignment */
}

UNIT_TEST(sigframe_context_and_restore)
{
	struct trap_frame f;
	memset(&f, 0, sizeof(f));
	f.rax = 1, f.rbx = 2, f.rcx = 3, f.rdx = 4, f.rsi = 5, f.rdi = 6, f.rbp = 7;
	f.r8 = 8, f.r15 = 15, f.rip = 0x401000, f.rsp = 0x7ffffffef000, f.cs = 0x33, f.ss = 0x2b;
	f.rflags = RFLAGS_FIXED | RFLAGS_IF | RFLAGS_CF;
	f.vector = 14, f.error = 6;
	struct abi_sigcontext sc;
	sigframe_context(&sc, &f, 0xdead000, 0x400, 0x7ffffffee000);
	CHECK_EQ_U64(sc.rax, 1);
	CHECK_EQ_U64(sc.r15, 15);
	CHECK_EQ_U64(sc.rip, 0x401000);
	CHECK_EQ_U64(sc.trapno, 14);
	CHECK_EQ_U64(sc.err, 6);
	CHECK_EQ_U64(sc.cr2, 0xdead000);
	CHECK_EQ_U64(sc.oldmask, 0x400);
	CHECK_EQ_U64(sc.fpstate, 0x7ffffffee000);
	CHECK_EQ_U64(sc.cs, 0x33);
	/* A syscall's frame has no trap number or error code. */
	f.vector = 0x100;
	sigframe_context(&sc, &f, 0, 0, 0);
	CHECK_EQ_U64(sc.trapno, 0);
	CHECK_EQ_U64(sc.err, 0);

	/* Back: every flag ring 3 may not change stays; selectors forced. */
	sc.eflags = ~0ULL;
	sc.cs = 0x10, sc.ss = 0x18, sc.rax = 99;
	f.rflags = RFLAGS_FIXED | RFLAGS_IF;
	CHECK_EQ_I64(sigframe_restore(&f, &sc, 0x33, 0x2b), 1);
	CHECK_EQ_U64(f.rflags, RFLAGS_FIXED | RFLAGS_IF | SIGFRAME_FIX_FLAGS);
	CHECK(!(f.rflags & (RFLAGS_IOPL | RFLAGS_NT | RFLAGS_VM)));
	CHECK_EQ_U64(f.cs, 0x33);
	CHECK_EQ_U64(f.ss, 0x2b);
	CHECK_EQ_U64(f.rax, 99);
	sc.eflags = 0;
	sigframe_restore(&f, &sc, 0x33, 0x2b);
	CHECK_EQ_U64(f.rflags, RFLAGS_FIXED | RFLAGS_IF); /* IF cannot be cleared */

	/* Canonical: low half, high half; not: everything between. */
	static const uint64_t good[] = { 0, 0x7fffffffffff, 0xffff800000000000, ~0ULL };
	static const uint64_t bad[] = { 0x800000000000, 1ULL << 48, 1ULL << 62, 1ULL << 63,
					0xfff0000000000000 };
	for (unsigned i = 0; i < 4; i++) {
		sc.rip = good[i];
		sc.rsp = 0x1000;
		CHECK_EQ_I64(sigframe_restore(&f, &sc, 0x33, 0x2b), 1);
	}
	for (unsigned i = 0; i < 5; i++) {
		sc.rip = bad[i];
		CHECK_EQ_I64(sigframe_restore(&f, &sc, 0x33, 0x2b), 0);
		sc.rip = 0x401000;
		sc.rsp = bad[i];
		CHECK_EQ_I64(sigframe_restore(&f, &sc, 0x33, 0x2b), 0);
		sc.rsp = 0x1000;
	}
}

#define SIZE 832 /* legacy 512 + header 64 + AVX 256 */
#define XCR0 (XFEATURE_X87 | XFEATURE_SSE | XFEATURE_AVX)

static uint8_t image[SIZE + 4] __attribute__((aligned(64)));

static void image_good(void)
{
	memset(image, 0, sizeof(image));
	uint32_t mxcsr = MXCSR_INIT;
	memcpy(image + FXSAVE_MXCSR_OFF, &mxcsr, 4);
	uint64_t bv = XCR0;
	memcpy(image + FXSAVE_SIZE, &bv, 8);
	sigframe_xstate_mark(image, SIZE, XCR0);
}

static struct abi_fpx_sw_bytes *sw_bytes(void)
{
	return (struct abi_fpx_sw_bytes *)(void *)(image + FP_SW_BYTES_OFFSET);
}

/* A legacy image (or one Linux takes as such): made an XSAVE one with
 * x87 and SSE kept, the rest and the header at init, and accepted. */
static void check_taken_as_fx(void)
{
	image[FXSAVE_SIZE + 64] = 0x55; /* AVX state that must go */
	image[FXSAVE_SIZE + 20] = 1;    /* a corrupt header Linux never looks at then */
	CHECK_EQ_I64(sigframe_xstate_is_fx(image, SIZE, XCR0), 1);
	CHECK_EQ_I64(sigframe_xstate_from_fx(image, SIZE, XCR0), 1);
	CHECK(sigframe_xstate_check(image, SIZE, XCR0, MXCSR_MASK_DEFAULT) == NULL);
	uint64_t bv;
	memcpy(&bv, image + FXSAVE_SIZE, 8);
	CHECK_EQ_U64(bv, XFEATURE_X87 | XFEATURE_SSE);
	CHECK_EQ_U64(image[FXSAVE_SIZE + 64], 0);
	CHECK_EQ_U64(image[FXSAVE_SIZE + 20], 0);
}

UNIT_TEST(sigframe_xstate_checks)
{
	image_good();
	CHECK(sigframe_xstate_check(image, SIZE, XCR0, MXCSR_MASK_DEFAULT) == NULL);
	/* Each way an image is refused. */
	uint32_t bad_mxcsr = 0x80000000;
	memcpy(image + FXSAVE_MXCSR_OFF, &bad_mxcsr, 4);
	CHECK(sigframe_xstate_check(image, SIZE, XCR0, MXCSR_MASK_DEFAULT) != NULL);
	CHECK(sigframe_xstate_check(image, FXSAVE_SIZE, 0, MXCSR_MASK_DEFAULT) != NULL); /* FXRSTOR too */
	image_good();
	image[FXSAVE_SIZE + 7] = 0x80; /* XSTATE_BV bit 63 */
	CHECK(sigframe_xstate_check(image, SIZE, XCR0, MXCSR_MASK_DEFAULT) != NULL);
	image_good();
	image[FXSAVE_SIZE + 15] = 0x80; /* XCOMP_BV: compacted */
	CHECK(sigframe_xstate_check(image, SIZE, XCR0, MXCSR_MASK_DEFAULT) != NULL);
	for (unsigned i = 16; i < 64; i += 8) {
		image_good();
		image[FXSAVE_SIZE + i] = 1; /* reserved header bytes */
		CHECK(sigframe_xstate_check(image, SIZE, XCR0, MXCSR_MASK_DEFAULT) != NULL);
	}
	/* A broken MAGIC1: a legacy image. */
	image_good();
	image[FP_SW_BYTES_OFFSET] ^= 1;
	check_taken_as_fx();
	image_good();
	CHECK_EQ_I64(sigframe_xstate_from_fx(image, SIZE, XCR0), 0); /* a good one is left alone */
	CHECK_EQ_I64(sigframe_xstate_sizes_ok(image, SIZE, XCR0), 1);
	CHECK_EQ_I64(sigframe_xstate_is_fx(image, SIZE, 0), 0);
	CHECK_EQ_I64(sigframe_xstate_from_fx(image, SIZE, 0), 0);    /* no XSAVE: nothing to do */
}

UNIT_TEST(sigframe_xstate_bookkeeping_words)
{
	/* Wrong MAGIC2 or sizes: Linux loads the legacy part and goes on. */
	image_good();
	image[SIZE] ^= 1; /* MAGIC2 */
	CHECK_EQ_I64(sigframe_xstate_sizes_ok(image, SIZE, XCR0), 1); /* read the rest first */
	check_taken_as_fx();
	image_good();
	sw_bytes()->xstate_size = SIZE + 64; /* larger than this kernel's area */
	CHECK_EQ_I64(sigframe_xstate_sizes_ok(image, SIZE, XCR0), 0);
	check_taken_as_fx();
	image_good();
	sw_bytes()->xstate_size = FXSAVE_SIZE + XSAVE_HEADER_SIZE - 4; /* no room for the header */
	CHECK_EQ_I64(sigframe_xstate_sizes_ok(image, SIZE, XCR0), 0);
	check_taken_as_fx();
	image_good();
	sw_bytes()->extended_size = SIZE - 4; /* below the XSAVE size */
	CHECK_EQ_I64(sigframe_xstate_sizes_ok(image, SIZE, XCR0), 0);
	check_taken_as_fx();
	/* A smaller area whose MAGIC2 is right after it is an XSAVE image. */
	image_good();
	sw_bytes()->xstate_size = FXSAVE_SIZE + XSAVE_HEADER_SIZE;
	uint32_t magic2 = FP_XSTATE_MAGIC2;
	memcpy(image + FXSAVE_SIZE + XSAVE_HEADER_SIZE, &magic2, 4);
	CHECK_EQ_I64(sigframe_xstate_is_fx(image, SIZE, XCR0), 0);
	CHECK(sigframe_xstate_check(image, SIZE, XCR0, MXCSR_MASK_DEFAULT) == NULL);
	/* Only its own bytes and MAGIC2 are read from the user. */
	CHECK_EQ_U64(sigframe_xstate_user_bytes(image, SIZE, XCR0), FXSAVE_SIZE + XSAVE_HEADER_SIZE + 4);
	image_good();
	CHECK_EQ_U64(sigframe_xstate_user_bytes(image, SIZE, XCR0), SIZE + 4);
	image[FP_SW_BYTES_OFFSET] ^= 1; /* MAGIC1: legacy, 512 bytes */
	CHECK_EQ_U64(sigframe_xstate_user_bytes(image, SIZE, XCR0), FXSAVE_SIZE);
	image_good();
	CHECK_EQ_U64(sigframe_xstate_user_bytes(image, SIZE, 0), FXSAVE_SIZE); /* no XSAVE */
	/* The fallback still refuses a bad MXCSR (FXRSTOR would fault). */
	image_good();
	image[SIZE] ^= 1;
	uint32_t bad_mxcsr = 0x80000000;
	memcpy(image + FXSAVE_MXCSR_OFF, &bad_mxcsr, 4);
	CHECK_EQ_I64(sigframe_xstate_from_fx(image, SIZE, XCR0), 1);
	CHECK(sigframe_xstate_check(image, SIZE, XCR0, MXCSR_MASK_DEFAULT) != NULL);
	/* With good bookkeeping a corrupt header is still refused. */
	image_good();
	image[FXSAVE_SIZE + 20] = 1;
	CHECK_EQ_I64(sigframe_xstate_from_fx(image, SIZE, XCR0), 0);
	CHECK(sigframe_xstate_check(image, SIZE, XCR0, MXCSR_MASK_DEFAULT) != NULL);
}
