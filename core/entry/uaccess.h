/*
 * Copies across the user/kernel boundary. Every user pointer a syscall
 * takes goes through these: the range is checked (user_range.h: no wrap,
 * below 2^47), every page in it is checked not to be a kernel page, then
 * it is copied with a fault fixup, so an unmapped or read-only page is
 * -EFAULT, never a kernel fault. Kernel mode, with a task running on this
 * CPU; n is small (a few pages at most).
 */
#ifndef CORE_UACCESS_H
#define CORE_UACCESS_H

#include <stdint.h>

int64_t copy_from_user(void *dst, uint64_t user_src, uint64_t n);
int64_t copy_to_user(uint64_t user_dst, const void *src, uint64_t n);

/* The faulting instruction and its fixup, for the trap handler. */
extern const char uaccess_copy_insn[], uaccess_copy_fixup[];

#endif
