/* Checked user copies (contract in uaccess.h). */
#include "core/entry/uaccess.h"
#include "core/abi/abi.h"
#include "core/entry/entry.h"
#include "core/entry/user_range.h"
#include "core/cpu/hw.h"

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

int64_t clear_user(uint64_t user_dst, uint64_t n)
{
	if (!user_range_ok(user_dst, n))
		return -EFAULT;
	return uaccess_clear((void *)(uintptr_t)user_dst, n);
}

int64_t copy_string_from_user(char *dst, uint64_t user_src, uint64_t size)
{
	uint64_t done = 0;
	while (done < size) {
		uint64_t at = user_src + done;
		uint64_t n = PAGE_SIZE - (at & (PAGE_SIZE - 1));
		if (n > size - done)
			n = size - done;
		if (copy_from_user(dst + done, at, n))
			return -EFAULT;
		for (uint64_t i = 0; i < n; i++)
			if (!dst[done + i])
				return (int64_t)(done + i);
		done += n;
	}
	return -ENAMETOOLONG;
}
