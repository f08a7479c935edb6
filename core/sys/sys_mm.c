/*
 * mmap, munmap, mprotect and brk with Linux's semantics for anonymous
 * memory (docs/abi.md): MAP_FIXED replaces, MAP_FIXED_NOREPLACE refuses,
 * partial unmaps and protection changes split mappings, PROT_NONE
 * reservations cost nothing. The address space does the work
 * (core/mm/uspace.c); this file checks arguments as Linux does.
 */
#include "core/sys/syscall.h"
#include "core/abi/layout.h"
#include "core/cpu/hw.h"
#include "core/task/task.h"

#define PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)

static uint64_t page_up(uint64_t v)
{
	return (v + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

/* [addr, addr+len) is page aligned and inside user space. */
static int user_pages_ok(uint64_t addr, uint64_t len)
{
	return len <= USER_SPACE_END && addr <= USER_SPACE_END - len;
}

int64_t sys_mmap(const struct trap_frame *f)
{
	uint64_t addr = f->rdi, len = f->rsi, prot = f->rdx, flags = f->r10;
	struct uspace *s = task_current()->mm;
	uint64_t type = flags & MAP_TYPE;

	if (!len || (prot & ~(uint64_t)PROT_ALL) || (type != MAP_PRIVATE && type != MAP_SHARED))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -EBADF; /* no file is ever open */
	uint64_t size = page_up(len);
	if (!size || size > USER_SPACE_END)
		return -ENOMEM;
	int fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
	if (fixed) {
		if (addr & (PAGE_SIZE - 1))
			return -EINVAL;
		if (!user_pages_ok(addr, size))
			return -ENOMEM;
		if (addr < USER_MMAP_MIN_ADDR)
			return -EPERM;
		/* MAP_FIXED replaces what is there; NOREPLACE refuses (-EEXIST). */
		return uspace_map(s, addr, size, prot, !(flags & MAP_FIXED_NOREPLACE) && (flags & MAP_FIXED))
			       ?: (int64_t)addr;
	}
	/* A hint is taken when the range is free, as on Linux. */
	addr &= ~(PAGE_SIZE - 1);
	if (addr < USER_MMAP_MIN_ADDR || !user_pages_ok(addr, size) || vma_overlaps(&s->vmas, addr, addr + size))
		addr = uspace_find_free(s, USER_MMAP_LOW, USER_MMAP_TOP, size);
	if (!addr)
		return -ENOMEM;
	return uspace_map(s, addr, size, prot, 0) ?: (int64_t)addr;
}

int64_t sys_munmap(const struct trap_frame *f)
{
	uint64_t addr = f->rdi, len = f->rsi;
	uint64_t size = page_up(len);
	if ((addr & (PAGE_SIZE - 1)) || !len || !size || !user_pages_ok(addr, size))
		return -EINVAL;
	return uspace_unmap(task_current()->mm, addr, size);
}

int64_t sys_mprotect(const struct trap_frame *f)
{
	uint64_t addr = f->rdi, len = f->rsi, prot = f->rdx;
	if ((addr & (PAGE_SIZE - 1)) || (prot & ~(uint64_t)PROT_ALL))
		return -EINVAL;
	if (!len)
		return 0;
	uint64_t size = page_up(len);
	if (!size || !user_pages_ok(addr, size))
		return -ENOMEM;
	return uspace_protect(task_current()->mm, addr, size, prot);
}

/*
 * brk(addr): move the end of the heap. The heap starts right after the
 * payload's region; it grows into free address space only and shrinks by
 * unmapping. Returns the new end, or the old one when the request cannot
 * be met (brk(0) asks for it), as Linux does.
 */
int64_t sys_brk(const struct trap_frame *f)
{
	struct uspace *s = task_current()->mm;
	uint64_t want = f->rdi;
	if (want < s->brk_base || want > USER_SPACE_END)
		return (int64_t)s->brk;
	uint64_t old_top = page_up(s->brk), new_top = page_up(want);
	if (new_top > old_top &&
	    uspace_map(s, old_top, new_top - old_top, PROT_READ | PROT_WRITE, 0))
		return (int64_t)s->brk;
	if (new_top < old_top)
		uspace_unmap(s, new_top, old_top - new_top);
	s->brk = want;
	return (int64_t)want;
}
