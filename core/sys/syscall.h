/* The syscall table and its handlers. */
#ifndef CORE_SYSCALL_H
#define CORE_SYSCALL_H

#include <stdint.h>
#include "core/abi/abi.h"
#include "core/entry/trap_frame.h"

/*
 * A handler reads its arguments straight from the frame, in ABI order
 * f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9 (no copying on the fast
 * path), and returns the result or -errno.
 */
typedef int64_t (*syscall_fn)(const struct trap_frame *f);

struct syscall_desc {
	const char *name;
	uint8_t nargs;
	syscall_fn fn;
};

/* The entry for nr, or 0 when there is none (-ENOSYS). Pure. */
const struct syscall_desc *syscall_lookup(uint64_t nr);

/* Every slot filled: sys_enosys where there is no call. Index it only
 * below SYS_TABLE_SIZE and through nospec_mask. */
extern const syscall_fn syscall_handlers[SYS_TABLE_SIZE];
int64_t sys_enosys(const struct trap_frame *f);


int64_t sys_write(const struct trap_frame *f);
int64_t sys_writev(const struct trap_frame *f);
int64_t sys_ioctl(const struct trap_frame *f);
int64_t sys_set_tid_address(const struct trap_frame *f);
int64_t sys_getpid(const struct trap_frame *f);
int64_t sys_gettid(const struct trap_frame *f);
int64_t sys_sched_yield(const struct trap_frame *f);
int64_t sys_nanosleep(const struct trap_frame *f);
int64_t sys_clock_nanosleep(const struct trap_frame *f);
int64_t sys_clock_gettime(const struct trap_frame *f);
int64_t sys_clock_getres(const struct trap_frame *f);
int64_t sys_gettimeofday(const struct trap_frame *f);
int64_t sys_time(const struct trap_frame *f);
int64_t sys_uname(const struct trap_frame *f);
int64_t sys_arch_prctl(const struct trap_frame *f);
int64_t sys_getcpu(const struct trap_frame *f);
int64_t sys_exit(const struct trap_frame *f);
int64_t sys_mmap(const struct trap_frame *f);
int64_t sys_mprotect(const struct trap_frame *f);
int64_t sys_munmap(const struct trap_frame *f);
int64_t sys_brk(const struct trap_frame *f);
int64_t sys_ring3_kinfo(const struct trap_frame *f);
int64_t sys_ring3_report(const struct trap_frame *f);
int64_t sys_ring3_selftest(const struct trap_frame *f);
int64_t sys_ring3_bench(const struct trap_frame *f);

#endif
