/* Checked user copies (contract in uaccess.h). */
#include "core/entry/uaccess.h"
#include "core/abi/abi.h"
#include "core/entry/entry.h"
#include "core/entry/user_range.h"

int64_t copy_from_user(void *dst, uint64_t user_src, uint64_t n)
{
	if (!user_range_ok(user_src, n))
		return -EFAULT;
	return uaccess_copy(dst, (const void *)(uintptr_t)user_src, n);
}

int64_t copy_to_user(uint64_t user_dst, const void *src, uint64_t n)
{
	if (!user_range_ok(user_dst, n))
		return -EFAULT;
	return uaccess_copy((void *)(uintptr_t)user_dst, src, n);
}
