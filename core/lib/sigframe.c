/* pure: The signal frame's logic (see sigframe.h). */
#include "core/lib/sigframe.h"
#include "core/abi/layout.h"
#include "core/lib/string.h"

#define XSAVE_HDR_XSTATE_BV 0  /* offsets in the header, after the legacy area */
#define XSAVE_HDR_XCOMP_BV  8
#define XSAVE_HDR_RESERVED  16

int sigframe_place(uint64_t sp, uint64_t fp_size, uint64_t floor, struct sigframe_place *out)
{
	if (sp < fp_size + sizeof(struct abi_rt_sigframe) + 128)
		return -1;
	uint64_t fp = (sp - fp_size) & ~63ULL;
	uint64_t frame = ((fp - sizeof(struct abi_rt_sigframe)) & ~15ULL) - 8;
	/* On the alternate stack the frame must start inside it, as Linux
	 * demands: below its base lies memory the program owns otherwise. */
	if (floor && frame <= floor)
		return -1;
	out->frame = frame;
	out->fpstate = fp;
	out->top = fp + fp_size;
	return 0;
}

uint64_t sigframe_max_size(uint64_t fp_size)
{
	/* The worst case of sigframe_place: the state's 64-byte alignment,
	 * the frame's 16-byte one and the 8 of a call; one byte more, since
	 * the frame must start above the stack's base, rounded up to 16. */
	uint64_t n = fp_size + 63 + sizeof(struct abi_rt_sigframe) + 15 + 8 + 1;
	return (n + 15) & ~15ULL;
}

void sigframe_context(struct abi_sigcontext *sc, const struct trap_frame *f, uint64_t cr2,
		      uint64_t oldmask, uint64_t fpstate)
{
	memset(sc, 0, sizeof(*sc));
	sc->r8 = f->r8, sc->r9 = f->r9, sc->r10 = f->r10, sc->r11 = f->r11;
	sc->r12 = f->r12, sc->r13 = f->r13, sc->r14 = f->r14, sc->r15 = f->r15;
	sc->rdi = f->rdi, sc->rsi = f->rsi, sc->rbp = f->rbp, sc->rbx = f->rbx;
	sc->rdx = f->rdx, sc->rax = f->rax, sc->rcx = f->rcx, sc->rsp = f->rsp;
	sc->rip = f->rip, sc->eflags = f->rflags;
	sc->cs = (uint16_t)f->cs, sc->ss = (uint16_t)f->ss;
	/* err and trapno as the CPU gave them; a syscall's are 0, as Linux's. */
	int trap = f->vector < 32;
	sc->err = trap ? f->error : 0;
	sc->trapno = trap ? f->vector : 0;
	sc->oldmask = oldmask;
	sc->cr2 = cr2;
	sc->fpstate = fpstate;
}

int sigframe_restore(struct trap_frame *f, const struct abi_sigcontext *sc, uint64_t cs,
		     uint64_t ss)
{
	f->r8 = sc->r8, f->r9 = sc->r9, f->r10 = sc->r10, f->r11 = sc->r11;
	f->r12 = sc->r12, f->r13 = sc->r13, f->r14 = sc->r14, f->r15 = sc->r15;
	f->rdi = sc->rdi, f->rsi = sc->rsi, f->rbp = sc->rbp, f->rbx = sc->rbx;
	f->rdx = sc->rdx, f->rax = sc->rax, f->rcx = sc->rcx, f->rsp = sc->rsp;
	f->rip = sc->rip;
	f->rflags = (f->rflags & ~SIGFRAME_FIX_FLAGS) | (sc->eflags & SIGFRAME_FIX_FLAGS);
	f->cs = cs;
	f->ss = ss;
	/* IRETQ cannot go to a non-canonical RIP or RSP. A canonical kernel
	 * address it can (the user's fetch then faults, as on Linux). */
	return sigframe_canonical(f->rip) && sigframe_canonical(f->rsp);
}

int sigframe_canonical(uint64_t v)
{
	uint64_t top = v >> 47; /* bits 63..47: all equal in a canonical address */
	return top == 0 || top == (~0ULL >> 47);
}

static uint32_t load32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

const char *sigframe_xstate_check(const uint8_t *image, uint32_t size, uint64_t xcr0,
				  uint32_t mxcsr_mask)
{
	if (load32(image + FXSAVE_MXCSR_OFF) & ~mxcsr_mask)
		return "MXCSR has reserved bits set";
	if (!xcr0)
		return 0; /* FXRSTOR: nothing else it could fault on */
	if (sigframe_xstate_is_fx(image, size, xcr0))
		return "a legacy image not yet made an XSAVE one";
	struct abi_fpx_sw_bytes sw;
	memcpy(&sw, image + FP_SW_BYTES_OFFSET, sizeof(sw));
	if (sw.xfeatures & ~xcr0)
		return "the software bytes name features XCR0 does not enable";
	const uint8_t *hdr = image + FXSAVE_SIZE;
	if (load64(hdr + XSAVE_HDR_XSTATE_BV) & ~xcr0)
		return "XSTATE_BV has bits outside XCR0";
	if (load64(hdr + XSAVE_HDR_XCOMP_BV))
		return "XCOMP_BV is set: a compacted image";
	for (unsigned i = XSAVE_HDR_RESERVED; i < XSAVE_HEADER_SIZE; i++)
		if (hdr[i])
			return "the XSAVE header's reserved bytes are not zero";
	return 0;
}

int sigframe_xstate_sizes_ok(const uint8_t *image, uint32_t size, uint64_t xcr0)
{
	struct abi_fpx_sw_bytes sw;
	memcpy(&sw, image + FP_SW_BYTES_OFFSET, sizeof(sw));
	return xcr0 && sw.magic1 == FP_XSTATE_MAGIC1 &&
	       sw.xstate_size >= FXSAVE_SIZE + XSAVE_HEADER_SIZE && sw.xstate_size <= size &&
	       sw.xstate_size <= sw.extended_size;
}

uint32_t sigframe_xstate_user_bytes(const uint8_t *image, uint32_t size, uint64_t xcr0)
{
	if (!sigframe_xstate_sizes_ok(image, size, xcr0))
		return FXSAVE_SIZE;
	return load32(image + FP_SW_BYTES_OFFSET +
		      __builtin_offsetof(struct abi_fpx_sw_bytes, xstate_size)) + 4;
}

int sigframe_xstate_is_fx(const uint8_t *image, uint32_t size, uint64_t xcr0)
{
	if (!xcr0)
		return 0;
	/* MAGIC2 is looked for where the image's own size puts it, as Linux
	 * looks: after a smaller area than this kernel's too. */
	uint32_t bytes = sigframe_xstate_user_bytes(image, size, xcr0);
	return bytes == FXSAVE_SIZE || load32(image + bytes - 4) != FP_XSTATE_MAGIC2;
}

int sigframe_xstate_from_fx(uint8_t *image, uint32_t size, uint64_t xcr0)
{
	if (!sigframe_xstate_is_fx(image, size, xcr0))
		return 0;
	memset(image + FXSAVE_SIZE, 0, size - FXSAVE_SIZE);
	uint64_t bv = xcr0 & (XFEATURE_X87 | XFEATURE_SSE);
	memcpy(image + FXSAVE_SIZE + XSAVE_HDR_XSTATE_BV, &bv, sizeof(bv));
	struct abi_fpx_sw_bytes sw = { .magic1 = FP_XSTATE_MAGIC1, .extended_size = size + 4,
				       .xfeatures = bv, .xstate_size = size };
	memcpy(image + FP_SW_BYTES_OFFSET, &sw, sizeof(sw));
	uint32_t magic2 = FP_XSTATE_MAGIC2;
	memcpy(image + size, &magic2, sizeof(magic2));
	return 1;
}

void sigframe_xstate_mark(uint8_t *image, uint32_t size, uint64_t xcr0)
{
	if (!xcr0)
		return;
	struct abi_fpx_sw_bytes sw = { .magic1 = FP_XSTATE_MAGIC1, .extended_size = size + 4,
				       .xfeatures = xcr0, .xstate_size = size };
	memcpy(image + FP_SW_BYTES_OFFSET, &sw, sizeof(sw));
	uint32_t magic2 = FP_XSTATE_MAGIC2;
	memcpy(image + size, &magic2, sizeof(magic2));
	uint64_t bv = load64(image + FXSAVE_SIZE + XSAVE_HDR_XSTATE_BV) |
		      (xcr0 & (XFEATURE_X87 | XFEATURE_SSE));
	memcpy(image + FXSAVE_SIZE + XSAVE_HDR_XSTATE_BV, &bv, sizeof(bv));
}
