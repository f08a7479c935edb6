/* The syscall table (pure: the handlers are only referenced). */
#include "core/entry/nospec.h"
#include "core/sys/syscall.h"

/* One list, two tables: names for the report, bare handlers for dispatch. */
#define SYSCALLS(X)                                          \
	X(SYS_write, "write", 3, sys_write)                  \
	X(SYS_ioctl, "ioctl", 3, sys_ioctl)                  \
	X(SYS_writev, "writev", 3, sys_writev)               \
	X(SYS_set_tid_address, "set_tid_address", 1, sys_set_tid_address) \
	X(SYS_mmap, "mmap", 6, sys_mmap)                     \
	X(SYS_mprotect, "mprotect", 3, sys_mprotect)         \
	X(SYS_munmap, "munmap", 2, sys_munmap)               \
	X(SYS_brk, "brk", 1, sys_brk)                        \
	X(SYS_sched_yield, "sched_yield", 0, sys_sched_yield) \
	X(SYS_nanosleep, "nanosleep", 2, sys_nanosleep)      \
	X(SYS_gettimeofday, "gettimeofday", 2, sys_gettimeofday) \
	X(SYS_time, "time", 1, sys_time)                     \
	X(SYS_clock_gettime, "clock_gettime", 2, sys_clock_gettime) \
	X(SYS_clock_getres, "clock_getres", 2, sys_clock_getres) \
	X(SYS_clock_nanosleep, "clock_nanosleep", 4, sys_clock_nanosleep) \
	X(SYS_getpid, "getpid", 0, sys_getpid)               \
	X(SYS_exit, "exit", 1, sys_exit)                     \
	X(SYS_uname, "uname", 1, sys_uname)                  \
	X(SYS_arch_prctl, "arch_prctl", 2, sys_arch_prctl)   \
	X(SYS_gettid, "gettid", 0, sys_gettid)               \
	X(SYS_exit_group, "exit_group", 1, sys_exit)         \
	X(SYS_getcpu, "getcpu", 3, sys_getcpu)               \
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
