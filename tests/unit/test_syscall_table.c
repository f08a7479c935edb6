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

int64_t sys_read(const struct trap_frame *f) { return 2000; }
int64_t sys_open(const struct trap_frame *f) { return 2001; }
int64_t sys_close(const struct trap_frame *f) { return 2002; }
int64_t sys_stat(const struct trap_frame *f) { return 2003; }
int64_t sys_fstat(const struct trap_frame *f) { return 2004; }
int64_t sys_lstat(const struct trap_frame *f) { return 2005; }
int64_t sys_lseek(const struct trap_frame *f) { return 2006; }
int64_t sys_rt_sigaction(const struct trap_frame *f) { return 2007; }
int64_t sys_rt_sigprocmask(const struct trap_frame *f) { return 2008; }
int64_t sys_pread64(const struct trap_frame *f) { return 2009; }
int64_t sys_readv(const struct trap_frame *f) { return 2010; }
int64_t sys_access(const struct trap_frame *f) { return 2011; }
int64_t sys_mremap(const struct trap_frame *f) { return 2012; }
int64_t sys_madvise(const struct trap_frame *f) { return 2013; }
int64_t sys_dup(const struct trap_frame *f) { return 2014; }
int64_t sys_dup2(const struct trap_frame *f) { return 2015; }
int64_t sys_kill(const struct trap_frame *f) { return 2016; }
int64_t sys_fcntl(const struct trap_frame *f) { return 2017; }
int64_t sys_getcwd(const struct trap_frame *f) { return 2018; }
int64_t sys_chdir(const struct trap_frame *f) { return 2019; }
int64_t sys_fchdir(const struct trap_frame *f) { return 2020; }
int64_t sys_readlink(const struct trap_frame *f) { return 2021; }
int64_t sys_umask(const struct trap_frame *f) { return 2022; }
int64_t sys_getrlimit(const struct trap_frame *f) { return 2023; }
int64_t sys_sysinfo(const struct trap_frame *f) { return 2024; }
int64_t sys_getuid(const struct trap_frame *f) { return 2025; }
int64_t sys_getppid(const struct trap_frame *f) { return 2026; }
int64_t sys_getpgrp(const struct trap_frame *f) { return 2027; }
int64_t sys_getgroups(const struct trap_frame *f) { return 2028; }
int64_t sys_getpgid(const struct trap_frame *f) { return 2029; }
int64_t sys_rt_sigpending(const struct trap_frame *f) { return 2030; }
int64_t sys_prctl(const struct trap_frame *f) { return 2031; }
int64_t sys_setrlimit(const struct trap_frame *f) { return 2032; }
int64_t sys_tkill(const struct trap_frame *f) { return 2033; }
int64_t sys_futex(const struct trap_frame *f) { return 2034; }
int64_t sys_sched_getaffinity(const struct trap_frame *f) { return 2035; }
int64_t sys_getdents64(const struct trap_frame *f) { return 2036; }
int64_t sys_tgkill(const struct trap_frame *f) { return 2037; }
int64_t sys_openat(const struct trap_frame *f) { return 2038; }
int64_t sys_newfstatat(const struct trap_frame *f) { return 2039; }
int64_t sys_readlinkat(const struct trap_frame *f) { return 2040; }
int64_t sys_faccessat(const struct trap_frame *f) { return 2041; }
int64_t sys_set_robust_list(const struct trap_frame *f) { return 2042; }
int64_t sys_dup3(const struct trap_frame *f) { return 2043; }
int64_t sys_prlimit64(const struct trap_frame *f) { return 2044; }
int64_t sys_getrandom(const struct trap_frame *f) { return 2045; }
int64_t sys_statx(const struct trap_frame *f) { return 2046; }
int64_t sys_faccessat2(const struct trap_frame *f) { return 2047; }
int64_t sys_rt_sigreturn(const struct trap_frame *f) { return 3000; }
int64_t sys_pause(const struct trap_frame *f) { return 3001; }
int64_t sys_getitimer(const struct trap_frame *f) { return 3002; }
int64_t sys_alarm(const struct trap_frame *f) { return 3003; }
int64_t sys_setitimer(const struct trap_frame *f) { return 3004; }
int64_t sys_rt_sigsuspend(const struct trap_frame *f) { return 3005; }
int64_t sys_sigaltstack(const struct trap_frame *f) { return 3006; }
int64_t sys_rt_sigqueueinfo(const struct trap_frame *f) { return 3100; }

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
	/* Several numbers, one handler. */
	ENTRY(SYS_read, "read", 3, 2000);
	ENTRY(SYS_getuid, "getuid", 0, 2025);
	ENTRY(SYS_getegid, "getegid", 0, 2025);
	ENTRY(SYS_getsid, "getsid", 1, 2029);
	ENTRY(SYS_openat, "openat", 4, 2038);
	ENTRY(SYS_faccessat2, "faccessat2", 4, 2047);
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
	CHECK(syscall_lookup(SYS_fork) == NULL); /* one process per task */
	CHECK(syscall_lookup(SYS_clone) == NULL);
	CHECK(syscall_lookup(SYS_execve) == NULL);
	CHECK(syscall_lookup(SYS_wait4) == NULL);
	CHECK(syscall_lookup(SYS_rseq) == NULL); /* glibc copes with -ENOSYS */
	CHECK(syscall_lookup(335) == NULL); /* a hole in Linux's numbers */
	CHECK(syscall_lookup(499) == NULL);
	CHECK(syscall_lookup(511) == NULL); /* last slot */
	/* Exactly the calls docs/abi.md lists, no more. */
	unsigned n = 0;
	for (uint64_t nr = 0; nr < SYS_TABLE_SIZE; nr++) {
		const struct syscall_desc *d = syscall_lookup(nr);
		if (d) {
			n++;
			CHECK(d->name && d->name[0] && d->fn && d->nargs <= 6);
		}
	}
	CHECK_EQ_U64(n, 86);
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
