/*
 * User pointer checks (pure). A range is acceptable when it does not wrap
 * and lies entirely below USER_SPACE_END (so it is canonical and can never
 * reach kernel memory). Whether its pages are mapped is not checked here:
 * the copy routines take a fault fixup and return -EFAULT instead.
 */
#ifndef CORE_USER_RANGE_H
#define CORE_USER_RANGE_H

#include <stdint.h>
#include "core/abi/layout.h"

static inline int user_range_ok(uint64_t addr, uint64_t len)
{
	uint64_t end = addr + len;
	return end >= addr && end <= USER_SPACE_END;
}

#endif
