/*
 * sig_initial_state: the register state a new program starts with, as
 * Linux leaves it after execve. No libc: its start code would change the
 * registers before C could see them, so this file has its own _start
 * (top-level asm) that stores every general register, RFLAGS, the x87
 * environment (fnstenv), MXCSR and xmm0-15 first of all; then, if CPUID
 * and XCR0 say AVX is on, the upper halves of ymm0-15, and if AVX-512 is
 * on, the upper halves of zmm0-15, all of zmm16-31 and k0-k7. Then C code
 * checks them and writes its lines with raw write and exit_group calls.
 * Built with -nostdlib (its own rule in programs.mk), for both libcs'
 * compilers alike.
 *
 * Checked (each is what the host's Linux gives): every general register
 * but RSP is 0; RSP is 16-byte aligned and points at argc; RFLAGS is
 * 0x202 (IF and the always-one bit); x87 FCW 0x37f, FSW 0, all tags
 * empty (0xffff); MXCSR 0x1f80; xmm0-15 zero; ymm, zmm and opmask state
 * zero where present. The AVX and AVX-512 lines read the same whether
 * the CPU has them or not, so the output does not depend on the CPU.
 * stdout and the exit status (the number of failures) are compared with
 * the host run of the same binary.
 */

unsigned long e_gpr[16], e_flags;
unsigned char e_fenv[28];
unsigned int e_mxcsr, e_avx, e_avx512;
unsigned char e_xmm[16][16], e_yhi[16][16], e_zhi[16][32], e_z16[16][64];
unsigned short e_k[8];

#define SAVE_GPRS                                                             \
	"mov %rax, e_gpr+0(%rip)\n\t"                                         \
	"mov %rbx, e_gpr+8(%rip)\n\t"                                         \
	"mov %rcx, e_gpr+16(%rip)\n\t"                                        \
	"mov %rdx, e_gpr+24(%rip)\n\t"                                        \
	"mov %rsi, e_gpr+32(%rip)\n\t"                                        \
	"mov %rdi, e_gpr+40(%rip)\n\t"                                        \
	"mov %rbp, e_gpr+48(%rip)\n\t"                                        \
	"mov %rsp, e_gpr+56(%rip)\n\t"                                        \
	"mov %r8, e_gpr+64(%rip)\n\t"                                         \
	"mov %r9, e_gpr+72(%rip)\n\t"                                         \
	"mov %r10, e_gpr+80(%rip)\n\t"                                        \
	"mov %r11, e_gpr+88(%rip)\n\t"                                        \
	"mov %r12, e_gpr+96(%rip)\n\t"                                        \
	"mov %r13, e_gpr+104(%rip)\n\t"                                       \
	"mov %r14, e_gpr+112(%rip)\n\t"                                       \
	"mov %r15, e_gpr+120(%rip)\n\t"

/* Sixteen stores of one register family, the offset stepping by size. */
#define EACH16(op, reg, dst, size)                                            \
	op " $1, %" reg "0, " dst "+0*" size "(%rip)\n\t" op " $1, %" reg "1, " dst "+1*" size   \
	"(%rip)\n\t" op " $1, %" reg "2, " dst "+2*" size "(%rip)\n\t" op " $1, %" reg "3, " dst \
	"+3*" size "(%rip)\n\t" op " $1, %" reg "4, " dst "+4*" size "(%rip)\n\t" op " $1, %" reg \
	"5, " dst "+5*" size "(%rip)\n\t" op " $1, %" reg "6, " dst "+6*" size "(%rip)\n\t" op    \
	" $1, %" reg "7, " dst "+7*" size "(%rip)\n\t" op " $1, %" reg "8, " dst "+8*" size       \
	"(%rip)\n\t" op " $1, %" reg "9, " dst "+9*" size "(%rip)\n\t" op " $1, %" reg "10, " dst \
	"+10*" size "(%rip)\n\t" op " $1, %" reg "11, " dst "+11*" size "(%rip)\n\t" op " $1, %"  \
	reg "12, " dst "+12*" size "(%rip)\n\t" op " $1, %" reg "13, " dst "+13*" size           \
	"(%rip)\n\t" op " $1, %" reg "14, " dst "+14*" size "(%rip)\n\t" op " $1, %" reg "15, "  \
	dst "+15*" size "(%rip)\n\t"

asm(".text\n\t"
    ".globl _start\n\t"
    ".type _start, @function\n"
    "_start:\n\t" SAVE_GPRS
    "pushfq\n\t"
    "popq e_flags(%rip)\n\t"
    "fnstenv e_fenv(%rip)\n\t"
    "stmxcsr e_mxcsr(%rip)\n\t"
    "movdqu %xmm0, e_xmm+0(%rip)\n\t"
    "movdqu %xmm1, e_xmm+16(%rip)\n\t"
    "movdqu %xmm2, e_xmm+32(%rip)\n\t"
    "movdqu %xmm3, e_xmm+48(%rip)\n\t"
    "movdqu %xmm4, e_xmm+64(%rip)\n\t"
    "movdqu %xmm5, e_xmm+80(%rip)\n\t"
    "movdqu %xmm6, e_xmm+96(%rip)\n\t"
    "movdqu %xmm7, e_xmm+112(%rip)\n\t"
    "movdqu %xmm8, e_xmm+128(%rip)\n\t"
    "movdqu %xmm9, e_xmm+144(%rip)\n\t"
    "movdqu %xmm10, e_xmm+160(%rip)\n\t"
    "movdqu %xmm11, e_xmm+176(%rip)\n\t"
    "movdqu %xmm12, e_xmm+192(%rip)\n\t"
    "movdqu %xmm13, e_xmm+208(%rip)\n\t"
    "movdqu %xmm14, e_xmm+224(%rip)\n\t"
    "movdqu %xmm15, e_xmm+240(%rip)\n\t"
    /* AVX: CPUID.1:ECX has OSXSAVE (27) and AVX (28), XCR0 has SSE and YMM. */
    "mov $1, %eax\n\t"
    "cpuid\n\t"
    "and $0x18000000, %ecx\n\t"
    "cmp $0x18000000, %ecx\n\t"
    "jne 1f\n\t"
    "xor %ecx, %ecx\n\t"
    "xgetbv\n\t"
    "mov %eax, %esi\n\t"
    "and $6, %eax\n\t"
    "cmp $6, %eax\n\t"
    "jne 1f\n\t"
    "movl $1, e_avx(%rip)\n\t" EACH16("vextractf128", "ymm", "e_yhi", "16")
    /* AVX-512: XCR0 has opmask, ZMM_Hi256, Hi16_ZMM; CPUID.7:EBX AVX512F. */
    "and $0xe0, %esi\n\t"
    "cmp $0xe0, %esi\n\t"
    "jne 1f\n\t"
    "mov $7, %eax\n\t"
    "xor %ecx, %ecx\n\t"
    "cpuid\n\t"
    "test $0x10000, %ebx\n\t"
    "jz 1f\n\t"
    "movl $1, e_avx512(%rip)\n\t" EACH16("vextracti64x4", "zmm", "e_zhi", "32")
    "vmovdqu64 %zmm16, e_z16+0*64(%rip)\n\t"
    "vmovdqu64 %zmm17, e_z16+1*64(%rip)\n\t"
    "vmovdqu64 %zmm18, e_z16+2*64(%rip)\n\t"
    "vmovdqu64 %zmm19, e_z16+3*64(%rip)\n\t"
    "vmovdqu64 %zmm20, e_z16+4*64(%rip)\n\t"
    "vmovdqu64 %zmm21, e_z16+5*64(%rip)\n\t"
    "vmovdqu64 %zmm22, e_z16+6*64(%rip)\n\t"
    "vmovdqu64 %zmm23, e_z16+7*64(%rip)\n\t"
    "vmovdqu64 %zmm24, e_z16+8*64(%rip)\n\t"
    "vmovdqu64 %zmm25, e_z16+9*64(%rip)\n\t"
    "vmovdqu64 %zmm26, e_z16+10*64(%rip)\n\t"
    "vmovdqu64 %zmm27, e_z16+11*64(%rip)\n\t"
    "vmovdqu64 %zmm28, e_z16+12*64(%rip)\n\t"
    "vmovdqu64 %zmm29, e_z16+13*64(%rip)\n\t"
    "vmovdqu64 %zmm30, e_z16+14*64(%rip)\n\t"
    "vmovdqu64 %zmm31, e_z16+15*64(%rip)\n\t"
    "kmovw %k0, e_k+0(%rip)\n\t"
    "kmovw %k1, e_k+2(%rip)\n\t"
    "kmovw %k2, e_k+4(%rip)\n\t"
    "kmovw %k3, e_k+6(%rip)\n\t"
    "kmovw %k4, e_k+8(%rip)\n\t"
    "kmovw %k5, e_k+10(%rip)\n\t"
    "kmovw %k6, e_k+12(%rip)\n\t"
    "kmovw %k7, e_k+14(%rip)\n"
    "1:\n\t"
    "mov %rsp, %rdi\n\t"
    "and $-16, %rsp\n\t"
    "call entry\n\t"
    "ud2\n\t"
    ".size _start, . - _start");

static long sys3(long n, long a, long b, long c)
{
	long r;
	asm volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
	return r;
}

static char line[160];
static int len, failures;

static void put(const char *s)
{
	while (*s && len < (int)sizeof(line) - 1)
		line[len++] = *s++;
}

static void put_hex(unsigned long v)
{
	char digits[19];
	int i = sizeof(digits);
	digits[--i] = 0;
	do {
		digits[--i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	digits[--i] = 'x';
	digits[--i] = '0';
	put(digits + i);
}

static void check(int ok, const char *what, unsigned long got)
{
	len = 0;
	put(ok ? "ok   " : "FAIL ");
	put(what);
	if (!ok) {
		put(" (got ");
		put_hex(got);
		put(")");
	}
	put("\n");
	sys3(1, 1, (long)line, len); /* write */
	failures += !ok;
}

/* The index of the first nonzero byte, or -1. */
static long nonzero(const unsigned char *p, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		if (p[i])
			return (long)i;
	return -1;
}

__attribute__((used)) void entry(unsigned long *sp)
{
	static const char *const names[16] = { "rax", "rbx", "rcx", "rdx", "rsi", "rdi",
						"rbp", "rsp", "r8",  "r9",  "r10", "r11",
						"r12", "r13", "r14", "r15" };
	int all = 1;
	for (int i = 0; i < 16; i++) {
		if (i == 7 || e_gpr[i] == 0)
			continue;
		check(0, names[i], e_gpr[i]);
		all = 0;
	}
	check(all, "every general register but rsp is 0", 0);
	check(e_gpr[7] % 16 == 0, "rsp 16-byte aligned", e_gpr[7]);
	check(e_gpr[7] == (unsigned long)sp && sp[0] >= 1 && sp[sp[0] + 1] == 0, "rsp points at argc",
	      sp[0]);
	check(e_flags == 0x202, "rflags 0x202", e_flags);
	unsigned short fcw = e_fenv[0] | e_fenv[1] << 8, fsw = e_fenv[4] | e_fenv[5] << 8,
		       ftw = e_fenv[8] | e_fenv[9] << 8;
	check(fcw == 0x37f, "x87 control word 0x37f", fcw);
	check(fsw == 0, "x87 status word 0", fsw);
	check(ftw == 0xffff, "x87 tags all empty (0xffff)", ftw);
	check(e_mxcsr == 0x1f80, "mxcsr 0x1f80", e_mxcsr);
	check(nonzero(e_xmm[0], sizeof(e_xmm)) < 0, "xmm0-15 zero", nonzero(e_xmm[0], sizeof(e_xmm)));
	check(nonzero(e_yhi[0], sizeof(e_yhi)) < 0, "ymm0-15 upper halves zero (where AVX is on)",
	      nonzero(e_yhi[0], sizeof(e_yhi)));
	long z = nonzero(e_zhi[0], sizeof(e_zhi)), z16 = nonzero(e_z16[0], sizeof(e_z16)),
	     k = nonzero((const unsigned char *)e_k, sizeof(e_k));
	/* got: the first nonzero byte, + 0x1000 in zmm16-31, + 0x2000 in k. */
	unsigned long at = z >= 0 ? (unsigned long)z
				  : z16 >= 0 ? 0x1000 + (unsigned long)z16 : 0x2000 + (unsigned long)k;
	check(z < 0 && z16 < 0 && k < 0, "zmm0-31 and k0-7 zero (where AVX-512 is on)", at);
	len = 0;
	put("sig_initial_state: ");
	line[len++] = (char)('0' + (failures > 9 ? 9 : failures));
	put(" failed\n");
	sys3(1, 1, (long)line, len);
	sys3(231, failures, 0, 0); /* exit_group */
	for (;;)
		;
}
