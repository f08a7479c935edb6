/* expect: exit 0
 * Every pointer argument is checked: NULL, kernel, non-canonical,
 * wrapping (ptr + len overflows), partly unmapped, huge lengths, and
 * output pointers into kernel memory all return -EFAULT, never a kernel
 * fault. And the task's own page tables hold no kernel page below 2^47. */
#include "user_payload/ulib.h"

static int bad;

static void expect(int64_t got, int64_t want, const char *what)
{
	if (got != want) {
		uprintf("%s: got %lld, want %lld\n", what, (long long)got, (long long)want);
		bad++;
	}
}

int main(void)
{
	struct ring3_kinfo k;
	expect(usys1(SYS_ring3_kinfo, &k), 0, "kinfo");
	const uint64_t noncanon = 0x8000000000000000ULL;

	expect(usys3(SYS_write, FD_STDOUT, 0, 8), -EFAULT, "write NULL");
	expect(usys3(SYS_write, FD_STDOUT, k.kernel_data, 8), -EFAULT, "write kernel");
	expect(usys3(SYS_write, FD_STDOUT, k.kernel_text, 8), -EFAULT, "write kernel text");
	expect(usys3(SYS_write, FD_STDOUT, noncanon, 8), -EFAULT, "write non-canonical");
	expect(usys3(SYS_write, FD_STDOUT, 0x7ffffffff000ULL, 0x2000), -EFAULT, "write past 2^47");
	expect(usys3(SYS_write, FD_STDOUT, 0x400000, ~0ULL - 0x3fff0), -EFAULT, "write wrapping");
	expect(usys3(SYS_write, FD_STDOUT, 0x400000, 1ULL << 63), -EFAULT, "write huge length");
	expect(usys3(SYS_write, FD_STDOUT, k.region_end - 8, 64), -EFAULT, "write partly unmapped");
	expect(usys3(SYS_write, FD_STDOUT, k.stack_base - 16, 32), -EFAULT, "write into the guard page");

	expect(usys1(SYS_uname, 0), -EFAULT, "uname NULL");
	expect(usys1(SYS_uname, k.kernel_data), -EFAULT, "uname into the per-CPU block");
	expect(usys1(SYS_uname, k.kernel_stack - 512), -EFAULT, "uname onto the kernel stack");
	expect(usys1(SYS_uname, noncanon), -EFAULT, "uname non-canonical");
	expect(usys1(SYS_uname, k.region_end - 100), -EFAULT, "uname partly unmapped");
	expect(usys1(SYS_uname, ~0ULL - 10), -EFAULT, "uname wrapping");

	expect(usys3(SYS_getcpu, k.kernel_data, 0, 0), -EFAULT, "getcpu kernel");
	expect(usys3(SYS_getcpu, 0, k.kernel_data, 0), -EFAULT, "getcpu node kernel");
	expect(usys2(SYS_arch_prctl, ARCH_GET_FS, k.kernel_data), -EFAULT, "GET_FS into kernel");
	expect(usys2(SYS_arch_prctl, ARCH_GET_GS, noncanon), -EFAULT, "GET_GS non-canonical");
	expect(usys1(SYS_ring3_kinfo, k.kernel_stack - 256), -EFAULT, "kinfo onto the kernel stack");

	/* The kernel walked this task's live page tables: nothing below 2^47
	 * is a kernel page (the kernel lives in the higher half). */
	expect((int64_t)k.lower_kernel_pages, 0, "kernel pages below 2^47");

	/* The kernel data those calls aimed at is intact: the next call works. */
	uint32_t cpu = 7;
	expect(usys3(SYS_getcpu, &cpu, 0, 0), 0, "getcpu after all that");
	expect(cpu, 0, "cpu number");
	uprintf("bad_pointers: %d wrong\n", bad);
	return bad;
}
