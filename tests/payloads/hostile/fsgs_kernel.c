/* expect: exit 0
 * FS and GS bases: addresses outside user space are refused (-EPERM),
 * the kernel's own per-CPU block and stack among them (the kernel lives
 * in the higher half); a base pointing at nothing is accepted but
 * harmless: every syscall keeps working, because the kernel never uses
 * the user's GS or FS. User values survive syscalls. */
#include "user_payload/ulib.h"

static int bad;

static void expect(int64_t got, int64_t want, const char *what)
{
	if (got != want) {
		uprintf("%s: got %lld, want %lld\n", what, (long long)got, (long long)want);
		bad++;
	}
}

static uint64_t slot[2] = { 0x5a5a5a5a5a5a5a5aULL, 0 };

int main(void)
{
	struct ring3_kinfo k;
	usys1(SYS_ring3_kinfo, &k);
	int64_t pid = usys0(SYS_getpid);
	expect(usys2(SYS_arch_prctl, ARCH_SET_GS, 0x8000000000000000ULL), -EPERM, "SET_GS non-canonical");
	expect(usys2(SYS_arch_prctl, ARCH_SET_FS, 0xffff800000000000ULL), -EPERM, "SET_FS kernel half");
	expect(usys2(SYS_arch_prctl, 0x9999, 0), -EINVAL, "unknown code");

	expect(usys2(SYS_arch_prctl, ARCH_SET_GS, k.kernel_data), -EPERM, "SET_GS per-CPU block");
	expect(usys2(SYS_arch_prctl, ARCH_SET_FS, k.kernel_stack), -EPERM, "SET_FS kernel stack");

	/* GS and FS at nothing, then at the last user page: the kernel must
	 * not care. */
	uint64_t bases[] = { 0x700000000000ULL, 0x7ffffffff000ULL - 8 };
	for (unsigned b = 0; b < 2; b++) {
		expect(usys2(SYS_arch_prctl, ARCH_SET_GS, bases[b]), 0, "SET_GS");
		expect(usys2(SYS_arch_prctl, ARCH_SET_FS, bases[b]), 0, "SET_FS");
		for (int i = 0; i < 5; i++) {
			struct ring3_kinfo again;
			expect(usys0(SYS_getpid), pid, "getpid with a wild GS");
			expect(usys1(SYS_ring3_kinfo, &again), 0, "kinfo with a wild GS");
			expect(again.kernel_data == k.kernel_data, 1, "the kernel found its own block");
		}
		uint64_t v = 0;
		expect(usys2(SYS_arch_prctl, ARCH_GET_GS, &v), 0, "GET_GS");
		expect(v == bases[b], 1, "GET_GS returns what was set");
	}
	expect(usys2(SYS_arch_prctl, ARCH_SET_GS, (uint64_t)slot), 0, "SET_GS slot");
	expect(usys2(SYS_arch_prctl, ARCH_SET_FS, (uint64_t)&slot[1]), 0, "SET_FS slot");
	usys0(SYS_sched_yield);
	uint64_t g, f;
	__asm__ volatile("movq %%gs:0, %0; movq %%fs:0, %1" : "=r"(g), "=r"(f));
	expect((int64_t)g, (int64_t)slot[0], "%gs:0 after a syscall");
	expect((int64_t)f, 0, "%fs:0 after a syscall");
	uprintf("fsgs_kernel: %d wrong\n", bad);
	return bad;
}
