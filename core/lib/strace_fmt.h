/*
 * One syscall as strace writes it (strace 6.1, default options):
 *   openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
 * for the tail of a SYSCALL line (docs/abi.md). Pure: user memory is read
 * only through the copy function the caller passes.
 */
#ifndef CORE_STRACE_FMT_H
#define CORE_STRACE_FMT_H

#include <stddef.h>
#include <stdint.h>

struct strace_call {
	uint64_t nr;
	uint64_t args[6]; /* rdi, rsi, rdx, r10, r8, r9 */
	int64_t ret;      /* what the call returned: -4095..-1 is an error */
};

/*
 * Write c's strace form into buf, snprintf-like: returns the length the
 * whole text has, stores at most size - 1 bytes and always a NUL (when
 * size > 0). The call has returned: buffers it filled hold their data.
 * copy(dst, user_src, n) copies n user bytes and returns 0, or nonzero
 * when any of them cannot be read; a pointer whose memory cannot be read
 * is printed as its address, as strace does. Bounded: strings, buffers
 * and arrays are cut (strace's -s 32; paths at 256 bytes), and at most a
 * few hundred bytes of stack are used.
 */
int strace_format(char *buf, size_t size, const struct strace_call *c,
		  int64_t (*copy)(void *dst, uint64_t user_src, uint64_t n));

/* "ENOENT" for 2, or 0 when the number has no name. */
const char *strace_errno_name(uint64_t err);

/* "SIGSEGV" for signals 1..31, 0 for any other number. */
const char *strace_signal_name(uint64_t sig);

#endif
