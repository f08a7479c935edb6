/* The syscall table and its handlers. */
#ifndef CORE_SYSCALL_H
#define CORE_SYSCALL_H

#include <stdint.h>
#include "abi.h"
#include "trap_frame.h"

/* Arguments in ABI order: rdi, rsi, rdx, r10, r8, r9. */
typedef int64_t (*syscall_fn)(const uint64_t a[6]);

struct syscall_desc {
	const char *name;
	uint8_t nargs;
	syscall_fn fn;
};

/* The entry for nr, or 0 when there is none (-ENOSYS). Pure. */
const struct syscall_desc *syscall_lookup(uint64_t nr);

/* Called by syscall_entry with the frame; sets frame->rax. */
void syscall_dispatch(struct trap_frame *f);

int64_t sys_write(const uint64_t a[6]);
int64_t sys_getpid(const uint64_t a[6]);
int64_t sys_gettid(const uint64_t a[6]);
int64_t sys_sched_yield(const uint64_t a[6]);
int64_t sys_uname(const uint64_t a[6]);
int64_t sys_arch_prctl(const uint64_t a[6]);
int64_t sys_getcpu(const uint64_t a[6]);
int64_t sys_exit(const uint64_t a[6]);
int64_t sys_mmap(const uint64_t a[6]);
int64_t sys_mprotect(const uint64_t a[6]);
int64_t sys_ring3_kinfo(const uint64_t a[6]);
int64_t sys_ring3_report(const uint64_t a[6]);
int64_t sys_ring3_selftest(const uint64_t a[6]);

#endif
