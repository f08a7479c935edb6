/* pure: The syscall table (the handlers are only referenced). */
#include "core/entry/nospec.h"
#include "core/sys/syscall.h"

/* One list, two tables: names for the report, bare handlers for dispatch. */
#define SYSCALLS(X)                                          \
	X(SYS_read, "read", 3, sys_read)                     \
	X(SYS_write, "write", 3, sys_write)                  \
	X(SYS_open, "open", 3, sys_open)                     \
	X(SYS_close, "close", 1, sys_close)                  \
	X(SYS_stat, "stat", 2, sys_stat)                     \
	X(SYS_fstat, "fstat", 2, sys_fstat)                  \
	X(SYS_lstat, "lstat", 2, sys_lstat)                  \
	X(SYS_lseek, "lseek", 3, sys_lseek)                  \
	X(SYS_mmap, "mmap", 6, sys_mmap)                     \
	X(SYS_mprotect, "mprotect", 3, sys_mprotect)         \
	X(SYS_munmap, "munmap", 2, sys_munmap)               \
	X(SYS_brk, "brk", 1, sys_brk)                        \
	X(SYS_rt_sigaction, "rt_sigaction", 4, sys_rt_sigaction) \
	X(SYS_rt_sigprocmask, "rt_sigprocmask", 4, sys_rt_sigprocmask) \
	X(SYS_rt_sigreturn, "rt_sigreturn", 0, sys_rt_sigreturn) \
	X(SYS_ioctl, "ioctl", 3, sys_ioctl)                  \
	X(SYS_pread64, "pread64", 4, sys_pread64)            \
	X(SYS_readv, "readv", 3, sys_readv)                  \
	X(SYS_writev, "writev", 3, sys_writev)               \
	X(SYS_access, "access", 2, sys_access)               \
	X(SYS_sched_yield, "sched_yield", 0, sys_sched_yield) \
	X(SYS_mremap, "mremap", 5, sys_mremap)               \
	X(SYS_madvise, "madvise", 3, sys_madvise)            \
	X(SYS_dup, "dup", 1, sys_dup)                        \
	X(SYS_dup2, "dup2", 2, sys_dup2)                     \
	X(SYS_pause, "pause", 0, sys_pause)                  \
	X(SYS_nanosleep, "nanosleep", 2, sys_nanosleep)      \
	X(SYS_getitimer, "getitimer", 2, sys_getitimer)      \
	X(SYS_alarm, "alarm", 1, sys_alarm)                  \
	X(SYS_setitimer, "setitimer", 3, sys_setitimer)      \
	X(SYS_getpid, "getpid", 0, sys_getpid)               \
	X(SYS_exit, "exit", 1, sys_exit)                     \
	X(SYS_kill, "kill", 2, sys_kill)                     \
	X(SYS_uname, "uname", 1, sys_uname)                  \
	X(SYS_fcntl, "fcntl", 3, sys_fcntl)                  \
	X(SYS_getcwd, "getcwd", 2, sys_getcwd)               \
	X(SYS_chdir, "chdir", 1, sys_chdir)                  \
	X(SYS_fchdir, "fchdir", 1, sys_fchdir)               \
	X(SYS_readlink, "readlink", 3, sys_readlink)         \
	X(SYS_umask, "umask", 1, sys_umask)                  \
	X(SYS_gettimeofday, "gettimeofday", 2, sys_gettimeofday) \
	X(SYS_getrlimit, "getrlimit", 2, sys_getrlimit)      \
	X(SYS_sysinfo, "sysinfo", 1, sys_sysinfo)            \
	X(SYS_getuid, "getuid", 0, sys_getuid)               \
	X(SYS_getgid, "getgid", 0, sys_getuid)               \
	X(SYS_geteuid, "geteuid", 0, sys_getuid)             \
	X(SYS_getegid, "getegid", 0, sys_getuid)             \
	X(SYS_getppid, "getppid", 0, sys_getppid)            \
	X(SYS_getpgrp, "getpgrp", 0, sys_getpgrp)            \
	X(SYS_getgroups, "getgroups", 2, sys_getgroups)      \
	X(SYS_getpgid, "getpgid", 1, sys_getpgid)            \
	X(SYS_getsid, "getsid", 1, sys_getpgid)              \
	X(SYS_rt_sigpending, "rt_sigpending", 2, sys_rt_sigpending) \
	X(SYS_rt_sigsuspend, "rt_sigsuspend", 2, sys_rt_sigsuspend) \
	X(SYS_rt_sigqueueinfo, "rt_sigqueueinfo", 3, sys_rt_sigqueueinfo) \
	X(SYS_sigaltstack, "sigaltstack", 2, sys_sigaltstack) \
	X(SYS_prctl, "prctl", 5, sys_prctl)                  \
	X(SYS_arch_prctl, "arch_prctl", 2, sys_arch_prctl)   \
	X(SYS_setrlimit, "setrlimit", 2, sys_setrlimit)      \
	X(SYS_gettid, "gettid", 0, sys_gettid)               \
	X(SYS_tkill, "tkill", 2, sys_tkill)                  \
	X(SYS_time, "time", 1, sys_time)                     \
	X(SYS_futex, "futex", 6, sys_futex)                  \
	X(SYS_sched_getaffinity, "sched_getaffinity", 3, sys_sched_getaffinity) \
	X(SYS_getdents64, "getdents64", 3, sys_getdents64)   \
	X(SYS_set_tid_address, "set_tid_address", 1, sys_set_tid_address) \
	X(SYS_clock_gettime, "clock_gettime", 2, sys_clock_gettime) \
	X(SYS_clock_getres, "clock_getres", 2, sys_clock_getres) \
	X(SYS_clock_nanosleep, "clock_nanosleep", 4, sys_clock_nanosleep) \
	X(SYS_exit_group, "exit_group", 1, sys_exit)         \
	X(SYS_tgkill, "tgkill", 3, sys_tgkill)               \
	X(SYS_openat, "openat", 4, sys_openat)               \
	X(SYS_newfstatat, "newfstatat", 4, sys_newfstatat)   \
	X(SYS_readlinkat, "readlinkat", 4, sys_readlinkat)   \
	X(SYS_faccessat, "faccessat", 3, sys_faccessat)      \
	X(SYS_set_robust_list, "set_robust_list", 2, sys_set_robust_list) \
	X(SYS_getcpu, "getcpu", 3, sys_getcpu)               \
	X(SYS_dup3, "dup3", 3, sys_dup3)                     \
	X(SYS_prlimit64, "prlimit64", 4, sys_prlimit64)      \
	X(SYS_getrandom, "getrandom", 3, sys_getrandom)      \
	X(SYS_statx, "statx", 5, sys_statx)                  \
	X(SYS_faccessat2, "faccessat2", 4, sys_faccessat2)   \
	X(SYS_ring3_kinfo, "ring3_kinfo", 1, sys_ring3_kinfo) \
	X(SYS_ring3_report, "ring3_report", 1, sys_ring3_report) \
	X(SYS_ring3_selftest, "ring3_selftest", 2, sys_ring3_selftest) \
	X(SYS_ring3_bench, "ring3_bench", 1, sys_ring3_bench)

#define DESC(nr, name, nargs, fn) [nr] = { name, nargs, fn },
#define HANDLER(nr, name, nargs, fn) [nr] = fn,

static const struct syscall_desc table[SYS_TABLE_SIZE] = { SYSCALLS(DESC) };

int64_t sys_enosys(const struct trap_frame *f)
{
	(void)f;
	return -ENOSYS;
}

/* Defaults first, then the calls: overriding them is the point here. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
const syscall_fn syscall_handlers[SYS_TABLE_SIZE] = {
	[0 ... SYS_TABLE_SIZE - 1] = sys_enosys,
	SYSCALLS(HANDLER)
};
#pragma GCC diagnostic pop

const struct syscall_desc *syscall_lookup(uint64_t nr)
{
	if (nr >= SYS_TABLE_SIZE)
		return 0;
	const struct syscall_desc *d = &table[nr & nospec_mask(nr, SYS_TABLE_SIZE)];
	return d->fn ? d : 0;
}
