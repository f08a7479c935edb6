/* Checked user copies (contract in uaccess.h). */
#include "core/entry/uaccess.h"
#include "core/abi/abi.h"
#include "core/cpu/hw.h"
#include "core/mm/paging.h"
#include "core/task/task.h"
#include "core/entry/user_range.h"

int64_t uaccess_copy(void *dst, const void *src, uint64_t n);

/*
 * The kernel's identity mappings share the lower half with user space, so
 * "below 2^47" alone would let a syscall read or write kernel memory on
 * the user's behalf. Refuse any range with a present supervisor page;
 * pages that are not present are left to the fault fixup. Bounded work:
 * callers copy at most a few pages at a time.
 */
static int no_kernel_pages(uint64_t addr, uint64_t n)
{
	uint64_t root = task_current()->hc->cr3;
	for (uint64_t page = addr & ~(PAGE_SIZE - 1); page < addr + n; page += PAGE_SIZE) {
		uint64_t e = pt_entry(root, page);
		if ((e & PTE_P) && !(e & PTE_U))
			return 0;
	}
	return 1;
}

int64_t copy_from_user(void *dst, uint64_t user_src, uint64_t n)
{
	if (!user_range_ok(user_src, n) || !no_kernel_pages(user_src, n))
		return -EFAULT;
	return uaccess_copy(dst, (const void *)(uintptr_t)user_src, n);
}

int64_t copy_to_user(uint64_t user_dst, const void *src, uint64_t n)
{
	if (!user_range_ok(user_dst, n) || !no_kernel_pages(user_dst, n))
		return -EFAULT;
	return uaccess_copy((void *)(uintptr_t)user_dst, src, n);
}
