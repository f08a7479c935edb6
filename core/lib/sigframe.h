/*
 * The signal frame's logic, apart from the memory it lives in (pure):
 * where it goes on the user stack, what the sigcontext holds, what
 * rt_sigreturn may take back from it, and whether an extended-state image
 * from ring 3 is one XRSTOR can load. core/task/signal.c copies the
 * results to and from user memory. Layouts: core/abi/signal.h.
 */
#ifndef CORE_LIB_SIGFRAME_H
#define CORE_LIB_SIGFRAME_H

#include <stdint.h>
#include "core/abi/signal.h"
#include "core/entry/trap_frame.h"
#include "core/cpu/hw.h"

#define SIGFRAME_REDZONE 128 /* bytes below RSP the interrupted code may use */

/* Where a frame goes, all user addresses. */
struct sigframe_place {
	uint64_t frame;   /* struct abi_rt_sigframe: the handler's RSP */
	uint64_t fpstate; /* the extended state, 64-byte aligned */
	uint64_t top;     /* one past the highest byte written */
};

/*
 * Place a frame ending at sp: the interrupted RSP less the red zone, or
 * the top of the alternate stack. fp_size is the extended state's bytes
 * (with MAGIC2 after it when xsave); the state goes highest, 64-byte
 * aligned, the frame below it, starting 8 bytes below a 16-byte boundary
 * as after a call. floor: the alternate stack's base when the frame
 * goes on it (entering it or already there), else 0. Returns 0, or -1
 * when it would wrap below 0 or would not start above floor (Linux then
 * forces SIGSEGV rather than write past the alternate stack).
 */
int sigframe_place(uint64_t sp, uint64_t fp_size, uint64_t floor, struct sigframe_place *out);

/* The most bytes sigframe_place may use below sp, 16-byte rounded: what
 * an alternate stack needs (AT_MINSIGSTKSZ reports it, as Linux does). */
uint64_t sigframe_max_size(uint64_t fp_size);

/* The sigcontext of the interrupted context f (cr2 for #PF, oldmask the
 * blocked mask's low word, fpstate the image's address or 0). */
void sigframe_context(struct abi_sigcontext *sc, const struct trap_frame *f, uint64_t cr2,
		      uint64_t oldmask, uint64_t fpstate);

/*
 * What rt_sigreturn takes from a sigcontext into f: every general
 * register, RIP and RSP as given; of RFLAGS only the bits ring 3 may
 * change (SIGFRAME_FIX_FLAGS), IF and the rest kept from f; CS and SS
 * forced to the user selectors cs and ss. Returns 1 when RIP and RSP are
 * canonical, else 0: the caller then delivers SIGSEGV rather than try
 * to return there.
 */
int sigframe_restore(struct trap_frame *f, const struct abi_sigcontext *sc, uint64_t cs,
		     uint64_t ss);

/* 1 when bits 63..47 of v are all equal (IRETQ can load it). */
int sigframe_canonical(uint64_t v);

/* RFLAGS bits sigreturn takes from the frame, as Linux: never IF, IOPL,
 * NT, VM, VIF... */
#define SIGFRAME_FIX_FLAGS (RFLAGS_AC | RFLAGS_OF | RFLAGS_DF | RFLAGS_TF | RFLAGS_SF | \
			    RFLAGS_ZF | RFLAGS_AF | RFLAGS_PF | RFLAGS_CF | RFLAGS_RF)

/*
 * Check an extended-state image read back from a frame before it is
 * loaded. xsave: the kernel uses XSAVE with xcr0 (else FXSAVE, size 512);
 * size is its area's bytes; image holds size + 4 bytes (MAGIC2 after the
 * area when xsave), a legacy one already made an XSAVE one
 * (sigframe_xstate_from_fx). Returns 0 when XRSTOR (or FXRSTOR) can load
 * it without faulting, or a reason: the MXCSR's reserved bits, features
 * the software bytes name outside xcr0, the header's bits outside xcr0,
 * a compacted format, reserved header bytes.
 */
const char *sigframe_xstate_check(const uint8_t *image, uint32_t size, uint64_t xcr0,
				  uint32_t mxcsr_mask);

/*
 * The software bytes of an image's first 512 bytes, as Linux reads them
 * before anything else: 1 when they may describe an XSAVE image (under
 * xcr0): MAGIC1, and an XSAVE size of at least the legacy area and the
 * header, at most this kernel's size bytes and at most the extended
 * size. Only then is the rest of the image worth reading.
 */
int sigframe_xstate_sizes_ok(const uint8_t *image, uint32_t size, uint64_t xcr0);

/* How many bytes of the user's image to read, given its first 512: the
 * size its software bytes give plus MAGIC2 when they are ok, else the
 * legacy 512. A smaller image than this kernel's may end at the end of
 * its mapping: nothing past it is read (the caller zeroes the rest). */
uint32_t sigframe_xstate_user_bytes(const uint8_t *image, uint32_t size, uint64_t xcr0);

/*
 * 1 when an image (size + 4 bytes read, or 512 when the sizes are not
 * ok) is a legacy FXSAVE one, as Linux takes it: the sizes above are
 * wrong, or MAGIC2 is not right after the size the image gives. Linux
 * then loads its x87 and SSE state only, every other component at init,
 * and goes on: a user copy of the legacy part alone is legal.
 */
int sigframe_xstate_is_fx(const uint8_t *image, uint32_t size, uint64_t xcr0);

/*
 * Turn a legacy image (sigframe_xstate_is_fx) into the XSAVE image that
 * says so (size bytes): the legacy area kept, a header naming x87 and SSE
 * only, every other component at init; the caller checks it like any
 * other after (its MXCSR may still be bad). Without XSAVE there is
 * nothing to do. Returns 1 when it was one.
 */
int sigframe_xstate_from_fx(uint8_t *image, uint32_t size, uint64_t xcr0);

/* Write the software bytes (and MAGIC2) an image carries to ring 3, and
 * mark x87 and SSE in use in its header (a handler may edit them). */
void sigframe_xstate_mark(uint8_t *image, uint32_t size, uint64_t xcr0);

#endif
