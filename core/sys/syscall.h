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
int64_t sys_rt_sigqueueinfo(const struct trap_frame *f);
int64_t sys_rt_sigreturn(const struct trap_frame *f);
int64_t sys_pause(const struct trap_frame *f);
int64_t sys_getitimer(const struct trap_frame *f);
int64_t sys_alarm(const struct trap_frame *f);
int64_t sys_setitimer(const struct trap_frame *f);
int64_t sys_rt_sigsuspend(const struct trap_frame *f);
int64_t sys_sigaltstack(const struct trap_frame *f);
int64_t sys_read(const struct trap_frame *f);
int64_t sys_open(const struct trap_frame *f);
int64_t sys_close(const struct trap_frame *f);
int64_t sys_stat(const struct trap_frame *f);
int64_t sys_fstat(const struct trap_frame *f);
int64_t sys_lstat(const struct trap_frame *f);
int64_t sys_lseek(const struct trap_frame *f);
int64_t sys_rt_sigaction(const struct trap_frame *f);
int64_t sys_rt_sigprocmask(const struct trap_frame *f);
int64_t sys_pread64(const struct trap_frame *f);
int64_t sys_readv(const struct trap_frame *f);
int64_t sys_access(const struct trap_frame *f);
int64_t sys_mremap(const struct trap_frame *f);
int64_t sys_madvise(const struct trap_frame *f);
int64_t sys_dup(const struct trap_frame *f);
int64_t sys_dup2(const struct trap_frame *f);
int64_t sys_kill(const struct trap_frame *f);
int64_t sys_fcntl(const struct trap_frame *f);
int64_t sys_getcwd(const struct trap_frame *f);
int64_t sys_chdir(const struct trap_frame *f);
int64_t sys_fchdir(const struct trap_frame *f);
int64_t sys_readlink(const struct trap_frame *f);
int64_t sys_umask(const struct trap_frame *f);
int64_t sys_getrlimit(const struct trap_frame *f);
int64_t sys_sysinfo(const struct trap_frame *f);
int64_t sys_getuid(const struct trap_frame *f);
int64_t sys_getppid(const struct trap_frame *f);
int64_t sys_getpgrp(const struct trap_frame *f);
int64_t sys_getgroups(const struct trap_frame *f);
int64_t sys_getpgid(const struct trap_frame *f);
int64_t sys_rt_sigpending(const struct trap_frame *f);
int64_t sys_prctl(const struct trap_frame *f);
int64_t sys_setrlimit(const struct trap_frame *f);
int64_t sys_tkill(const struct trap_frame *f);
int64_t sys_futex(const struct trap_frame *f);
int64_t sys_sched_getaffinity(const struct trap_frame *f);
int64_t sys_getdents64(const struct trap_frame *f);
int64_t sys_tgkill(const struct trap_frame *f);
int64_t sys_openat(const struct trap_frame *f);
int64_t sys_newfstatat(const struct trap_frame *f);
int64_t sys_readlinkat(const struct trap_frame *f);
int64_t sys_faccessat(const struct trap_frame *f);
int64_t sys_set_robust_list(const struct trap_frame *f);
int64_t sys_dup3(const struct trap_frame *f);
int64_t sys_prlimit64(const struct trap_frame *f);
int64_t sys_getrandom(const struct trap_frame *f);
int64_t sys_statx(const struct trap_frame *f);
int64_t sys_faccessat2(const struct trap_frame *f);
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
