/* The syscall table (pure: the handlers are only referenced). */
#include "syscall.h"

static const struct syscall_desc table[SYS_TABLE_SIZE] = {
	[SYS_write] = { "write", 3, sys_write },
	[SYS_mmap] = { "mmap", 6, sys_mmap },
	[SYS_mprotect] = { "mprotect", 3, sys_mprotect },
	[SYS_sched_yield] = { "sched_yield", 0, sys_sched_yield },
	[SYS_getpid] = { "getpid", 0, sys_getpid },
	[SYS_exit] = { "exit", 1, sys_exit },
	[SYS_uname] = { "uname", 1, sys_uname },
	[SYS_arch_prctl] = { "arch_prctl", 2, sys_arch_prctl },
	[SYS_gettid] = { "gettid", 0, sys_gettid },
	[SYS_exit_group] = { "exit_group", 1, sys_exit },
	[SYS_getcpu] = { "getcpu", 3, sys_getcpu },
	[SYS_ring3_kinfo] = { "ring3_kinfo", 1, sys_ring3_kinfo },
	[SYS_ring3_report] = { "ring3_report", 1, sys_ring3_report },
	[SYS_ring3_selftest] = { "ring3_selftest", 2, sys_ring3_selftest },
};

const struct syscall_desc *syscall_lookup(uint64_t nr)
{
	if (nr >= SYS_TABLE_SIZE)
		return 0;
	/* Clamp the index under misspeculation too: mask is all ones only
	 * when nr < SYS_TABLE_SIZE, computed without a branch. */
	uint64_t mask = (uint64_t)((int64_t)(nr - SYS_TABLE_SIZE) >> 63);
	const struct syscall_desc *d = &table[nr & mask];
	return d->fn ? d : 0;
}
