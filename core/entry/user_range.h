/*
 * User pointer checks (pure). A range is acceptable when it does not wrap
 * and ends at or below USER_SPACE_END. The lower half holds nothing of
 * the kernel in any task's address space (the kernel lives above 2^47,
 * docs/design.md), so such a range can only reach the task's own pages.
 * Whether they are mapped is not checked here: the copy routines take a
 * fault fixup and return -EFAULT instead. As Linux's access_ok.
 */
#ifndef CORE_USER_RANGE_H
#define CORE_USER_RANGE_H

#include <stdint.h>
#include "core/abi/layout.h"

static inline int user_range_ok(uint64_t addr, uint64_t len)
{
	return len <= USER_SPACE_END && addr <= USER_SPACE_END - len;
}

#endif
