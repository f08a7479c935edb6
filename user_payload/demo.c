/*
 * The built-in demo: shows the user/kernel boundary off. Every call is
 * checked; main returns the number of checks that failed, which becomes
 * the exit code (0 = all good).
 */
#include "user_payload/ulib.h"

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		failures++;
		uprintf("CHECK FAILED: %s\n", what);
	}
}

struct gs_block {
	struct gs_block *self;
	uint64_t magic;
};

static struct gs_block gs_block = { &gs_block, 0x67736261736521ULL };
static struct gs_block fs_block = { &fs_block, 0x66736261736521ULL };

static uint64_t gs_read0(void)
{
	uint64_t v;
	__asm__ volatile("movq %%gs:0, %0" : "=r"(v));
	return v;
}

static uint64_t fs_read0(void)
{
	uint64_t v;
	__asm__ volatile("movq %%fs:0, %0" : "=r"(v));
	return v;
}

static void show_privilege(void)
{
	uint16_t cs;
	__asm__ volatile("movw %%cs, %0" : "=r"(cs));
	uprintf("hello from ring 3: cs=0x%x cpl=%u\n", cs, cs & 3);
	check((cs & 3) == 3, "running at CPL 3");
}

static void show_ids(void)
{
	int64_t r = usys3(SYS_write, FD_STDERR, "stderr goes to the console too\n", 31);
	check(r == 31, "write(2) returns the byte count");
	int64_t pid = usys0(SYS_getpid), tid = usys0(SYS_gettid);
	uprintf("getpid()=%lld gettid()=%lld\n", (long long)pid, (long long)tid);
	check(pid > 0 && tid == pid, "pid positive, tid == pid");
	check(usys0(SYS_sched_yield) == 0, "sched_yield returns 0");

	struct utsname u;
	r = usys1(SYS_uname, &u);
	check(r == 0, "uname returns 0");
	if (r == 0)
		uprintf("uname: sysname=%s release=%s machine=%s\n", u.sysname, u.release, u.machine);

	/* getcpu answers from the per-CPU block reached through GS; CPUID's
	 * initial APIC ID is the hardware's own answer, from ring 3. They must
	 * name the same CPU. */
	uint32_t cpu = 99, node = 99, regs[4];
	struct ring3_kinfo k;
	r = usys3(SYS_getcpu, &cpu, &node, 0);
	check(usys1(SYS_ring3_kinfo, &k) == 0, "ring3_kinfo");
	__asm__ volatile("cpuid" : "=a"(regs[0]), "=b"(regs[1]), "=c"(regs[2]), "=d"(regs[3])
			 : "a"(1), "c"(0));
	uint32_t apic_id = regs[1] >> 24;
	uprintf("getcpu()=%lld cpu=%u node=%u apic_id=%u\n", (long long)r, cpu, node, apic_id);
	check(r == 0 && cpu == k.cpu && node == 0, "getcpu reports this CPU, node 0");
	check(apic_id == k.apic_id, "the kernel's CPU block is this CPU's (APIC IDs agree)");
}

static void show_segment_bases(void)
{
	uint64_t v = 0;
	check(usys2(SYS_arch_prctl, ARCH_SET_GS, &gs_block) == 0, "ARCH_SET_GS");
	check(usys2(SYS_arch_prctl, ARCH_GET_GS, &v) == 0 && v == (uint64_t)&gs_block, "ARCH_GET_GS");
	check(gs_read0() == (uint64_t)&gs_block, "%gs:0 reads the user's GS block");
	check(usys2(SYS_arch_prctl, ARCH_SET_FS, &fs_block) == 0, "ARCH_SET_FS");
	check(usys2(SYS_arch_prctl, ARCH_GET_FS, &v) == 0 && v == (uint64_t)&fs_block, "ARCH_GET_FS");
	usys0(SYS_getpid); /* a round trip: both bases must survive it */
	uint64_t g = gs_read0(), f = fs_read0();
	uprintf("gs base=0x%llx -> %%gs:0=0x%llx, fs base=0x%llx -> %%fs:0=0x%llx\n",
		(unsigned long long)&gs_block, (unsigned long long)g,
		(unsigned long long)&fs_block, (unsigned long long)f);
	check(g == (uint64_t)&gs_block && f == (uint64_t)&fs_block, "FS and GS bases survive syscalls");
	int64_t r = usys2(SYS_arch_prctl, ARCH_SET_GS, 0xffff800000000000ULL);
	uprintf("arch_prctl(ARCH_SET_GS, kernel address) = %lld (expected -EPERM)\n", (long long)r);
	check(r == -EPERM, "kernel GS base refused");
}

static void show_errors(void)
{
	int64_t r = usys0(1000);
	uprintf("syscall 1000 = %lld (expected -ENOSYS = -%d)\n", (long long)r, ENOSYS);
	check(r == -ENOSYS, "unknown number is -ENOSYS");

	r = usys3(SYS_write, FD_STDOUT, 0xffff800000001000ULL, 16);
	uprintf("write(1, kernel pointer, 16) = %lld (expected -EFAULT = -%d)\n", (long long)r, EFAULT);
	check(r == -EFAULT, "kernel pointer is -EFAULT");

	r = usys3(SYS_write, FD_STDOUT, 0, 16);
	uprintf("write(1, NULL, 16) = %lld (expected -EFAULT)\n", (long long)r);
	check(r == -EFAULT, "NULL pointer is -EFAULT");

	r = usys1(SYS_uname, 0x0000700000000000ULL);
	uprintf("uname(unmapped user pointer) = %lld (expected -EFAULT)\n", (long long)r);
	check(r == -EFAULT, "unmapped user pointer is -EFAULT");

	r = usys3(SYS_write, 7, "x", 1);
	uprintf("write(7, ...) = %lld (expected -EBADF = -%d)\n", (long long)r, EBADF);
	check(r == -EBADF, "unknown fd is -EBADF");
}

int main(void)
{
	show_privilege();
	show_ids();
	show_segment_bases();
	show_errors();
	uprintf("demo done: %d check(s) failed\n", failures);
	return failures;
}
