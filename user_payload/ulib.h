/* A tiny libc-free runtime for payloads: raw syscalls and printing. */
#ifndef USER_ULIB_H
#define USER_ULIB_H

#include <stddef.h>
#include <stdint.h>
#include "core/abi/abi.h"

static inline int64_t usys6(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
			    uint64_t a3, uint64_t a4, uint64_t a5)
{
	int64_t ret;
	register uint64_t r10 __asm__("r10") = a3;
	register uint64_t r8 __asm__("r8") = a4;
	register uint64_t r9 __asm__("r9") = a5;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a0), "S"(a1), "d"(a2), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

#define usys0(nr) usys6((nr), 0, 0, 0, 0, 0, 0)
#define usys1(nr, a) usys6((nr), (uint64_t)(a), 0, 0, 0, 0, 0)
#define usys2(nr, a, b) usys6((nr), (uint64_t)(a), (uint64_t)(b), 0, 0, 0, 0)
#define usys3(nr, a, b, c) usys6((nr), (uint64_t)(a), (uint64_t)(b), (uint64_t)(c), 0, 0, 0)
#define usys4(nr, a, b, c, d) \
	usys6((nr), (uint64_t)(a), (uint64_t)(b), (uint64_t)(c), (uint64_t)(d), 0, 0)

size_t ustrlen(const char *s);
/* Print s to stdout with one write(). */
void uputs(const char *s);
/* Format like printf (the kernel's own formatter), then one write(). */
void uprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
