/*
 * Copies across the user/kernel boundary. Every user pointer a syscall
 * takes goes through these: the range is checked with one comparison
 * (user_range.h: no wrap, below USER_SPACE_END, where nothing of the
 * kernel is ever mapped), then copied with a fault fixup, so an unmapped
 * or read-only page is -EFAULT, never a kernel fault. Kernel mode, with a
 * task running on this CPU.
 */
#ifndef CORE_UACCESS_H
#define CORE_UACCESS_H

#include <stdint.h>

int64_t copy_from_user(void *dst, uint64_t user_src, uint64_t n);
int64_t copy_to_user(uint64_t user_dst, const void *src, uint64_t n);
/* n zero bytes to user memory: 0 or -EFAULT. */
int64_t clear_user(uint64_t user_dst, uint64_t n);
/*
 * A NUL-terminated user string into dst (size bytes, its NUL included),
 * read a page at a time so a string ending just before an unmapped page
 * is fine. Its length, or -EFAULT, or -ENAMETOOLONG when no NUL comes
 * within size bytes.
 */
int64_t copy_string_from_user(char *dst, uint64_t user_src, uint64_t size);

#endif
