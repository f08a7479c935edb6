/*
 * syscall_lookup: the Linux numbers the table answers, and that everything
 * else (holes, past the end, huge values from a hostile rax) gives NULL.
 */
#include <stddef.h>
#include "core/sys/syscall.h"
#include "unit.h"

/* The table references the real handlers; these stand-ins return a tag
 * so a test can tell which one an entry points at. */
int64_t sys_write(const struct trap_frame *f) { return 1001; }
int64_t sys_getpid(const struct trap_frame *f) { return 1002; }
int64_t sys_gettid(const struct trap_frame *f) { return 1003; }
int64_t sys_sched_yield(const struct trap_frame *f) { return 1004; }
int64_t sys_uname(const struct trap_frame *f) { return 1005; }
int64_t sys_arch_prctl(const struct trap_frame *f) { return 1006; }
int64_t sys_getcpu(const struct trap_frame *f) { return 1007; }
int64_t sys_exit(const struct trap_frame *f) { return 1008; }
int64_t sys_mmap(const struct trap_frame *f) { return 1009; }
int64_t sys_mprotect(const struct trap_frame *f) { return 1010; }
int64_t sys_munmap(const struct trap_frame *f) { return 1011; }
int64_t sys_brk(const struct trap_frame *f) { return 1012; }
int64_t sys_ring3_kinfo(const struct trap_frame *f) { return 1011; }
int64_t sys_ring3_report(const struct trap_frame *f) { return 1012; }
int64_t sys_ring3_selftest(const struct trap_frame *f) { return 1013; }
int64_t sys_ring3_bench(const struct trap_frame *f) { return 1014; }
int64_t sys_nanosleep(const struct trap_frame *f) { return 1015; }
int64_t sys_clock_nanosleep(const struct trap_frame *f) { return 1016; }
int64_t sys_clock_gettime(const struct trap_frame *f) { return 1017; }
int64_t sys_clock_getres(const struct trap_frame *f) { return 1018; }
int64_t sys_gettimeofday(const struct trap_frame *f) { return 1019; }
int64_t sys_time(const struct trap_frame *f) { return 1020; }
int64_t sys_writev(const struct trap_frame *f) { return 1021; }
int64_t sys_ioctl(const struct trap_frame *f) { return 1022; }
int64_t sys_set_tid_address(const struct trap_frame *f) { return 1023; }

static void check_entry(uint64_t nr, const char *name, unsigned nargs, int64_t tag,
			int line)
{
	static const struct trap_frame frame;
	const struct syscall_desc *d = syscall_lookup(nr);
	if (!unit_check(d != NULL, __FILE__, line, "syscall_lookup(nr) != NULL"))
		return;
	unit_check_str(d->name, name, __FILE__, line, "name");
	unit_check_u64(d->nargs, nargs, __FILE__, line, "nargs");
	unit_check_i64(d->fn(&frame), tag, __FILE__, line, "handler");
}
#define ENTRY(nr, name, nargs, tag) check_entry(nr, name, nargs, tag, __LINE__)

UNIT_TEST(syscall_known_numbers)
{
	ENTRY(1, "write", 3, 1001);
	ENTRY(24, "sched_yield", 0, 1004);
	ENTRY(39, "getpid", 0, 1002);
	ENTRY(60, "exit", 1, 1008);
	ENTRY(63, "uname", 1, 1005);
	ENTRY(158, "arch_prctl", 2, 1006);
	ENTRY(186, "gettid", 0, 1003);
	ENTRY(231, "exit_group", 1, 1008); /* one task per CPU: same as exit */
	ENTRY(309, "getcpu", 3, 1007);
	ENTRY(9, "mmap", 6, 1009);
	ENTRY(10, "mprotect", 3, 1010);
	ENTRY(11, "munmap", 2, 1011);
	ENTRY(12, "brk", 1, 1012);
	ENTRY(35, "nanosleep", 2, 1015);
	ENTRY(16, "ioctl", 3, 1022);
	ENTRY(20, "writev", 3, 1021);
	ENTRY(218, "set_tid_address", 1, 1023);
	ENTRY(96, "gettimeofday", 2, 1019);
	ENTRY(201, "time", 1, 1020);
	ENTRY(228, "clock_gettime", 2, 1017);
	ENTRY(229, "clock_getres", 2, 1018);
	ENTRY(230, "clock_nanosleep", 4, 1016);
	/* ring3's own calls sit above Linux's numbers. */
	ENTRY(500, "ring3_kinfo", 1, 1011);
	ENTRY(501, "ring3_report", 1, 1012);
	ENTRY(502, "ring3_selftest", 2, 1013);
	ENTRY(503, "ring3_bench", 1, 1014);
}

UNIT_TEST(syscall_abi_numbers)
{
	/* The names in abi.h are Linux's numbers. */
	CHECK_EQ_U64(SYS_write, 1);
	CHECK_EQ_U64(SYS_sched_yield, 24);
	CHECK_EQ_U64(SYS_getpid, 39);
	CHECK_EQ_U64(SYS_exit, 60);
	CHECK_EQ_U64(SYS_uname, 63);
	CHECK_EQ_U64(SYS_arch_prctl, 158);
	CHECK_EQ_U64(SYS_gettid, 186);
	CHECK_EQ_U64(SYS_exit_group, 231);
	CHECK_EQ_U64(SYS_getcpu, 309);
	CHECK_EQ_U64(SYS_mmap, 9);
	CHECK_EQ_U64(SYS_mprotect, 10);
	CHECK_EQ_U64(SYS_TABLE_SIZE, 512);
}

UNIT_TEST(syscall_holes)
{
	CHECK(syscall_lookup(0) == NULL); /* read: not implemented */
	CHECK(syscall_lookup(2) == NULL);
	CHECK(syscall_lookup(335) == NULL); /* past Linux's last number */
	CHECK(syscall_lookup(499) == NULL);
	CHECK(syscall_lookup(511) == NULL); /* last slot */
	/* Exactly seventeen entries in the whole table. */
	unsigned n = 0;
	for (uint64_t nr = 0; nr < SYS_TABLE_SIZE; nr++) {
		const struct syscall_desc *d = syscall_lookup(nr);
		if (d) {
			n++;
			CHECK(d->name && d->name[0] && d->fn && d->nargs <= 6);
		}
	}
	CHECK_EQ_U64(n, 26);
}

UNIT_TEST(syscall_out_of_range)
{
	CHECK(syscall_lookup(512) == NULL);
	CHECK(syscall_lookup(1000) == NULL);
	CHECK(syscall_lookup(UINT64_MAX) == NULL); /* rax = -1 */
	CHECK(syscall_lookup(1ull << 63) == NULL);
	CHECK(syscall_lookup((1ull << 63) + 1) == NULL); /* would alias 1 if masked badly */
	CHECK(syscall_lookup((1ull << 32) + 1) == NULL); /* would alias 1 if truncated */
	CHECK(syscall_lookup(512 + 1) == NULL);
}
