/*
 * Shared by the test payloads that use YMM registers where they can.
 * AVX_USABLE: set the byte have_avx (the payload defines it) to 1 when
 * ring 3 may use AVX: CPUID.1:ECX has OSXSAVE and AVX, and XCR0 has the
 * SSE and AVX components. Clobbers RAX, RBX, RCX, RDX.
 */
#define CPUID_1_ECX_OSXSAVE_AVX (3 << 27)
#define XCR0_SSE_AVX 6

.macro AVX_USABLE
	movl	$1, %eax
	cpuid
	andl	$CPUID_1_ECX_OSXSAVE_AVX, %ecx
	cmpl	$CPUID_1_ECX_OSXSAVE_AVX, %ecx
	jne	.Lno_avx\@
	xorl	%ecx, %ecx
	xgetbv
	andl	$XCR0_SSE_AVX, %eax
	cmpl	$XCR0_SSE_AVX, %eax
	jne	.Lno_avx\@
	movb	$1, have_avx(%rip)
.Lno_avx\@:
.endm
