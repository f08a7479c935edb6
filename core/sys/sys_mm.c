/*
 * mmap (anonymous, private) and mprotect. Enough for payloads to get
 * memory, make their code read-only, or map the highest user page (the
 * SYSRET return-address edge). Pages come from a per-CPU pool of
 * USER_MMAP_PAGES; they are unmapped when the task ends.
 */
#include "core/sys/syscall.h"
#include "core/cpu/cpu_features.h"
#include "core/cpu/hw.h"
#include "core/abi/layout.h"
#include "core/mm/paging.h"
#include "core/task/task.h"
#include "core/entry/user_range.h"

static uint64_t prot_flags(uint64_t prot)
{
	uint64_t f = PTE_U;
	if (prot & PROT_WRITE)
		f |= PTE_W;
	if (!(prot & PROT_EXEC))
		f |= cpu_pte_nx;
	return f;
}

/* 1 if any page of [va, va+len) is mapped or parked in this address space. */
static int range_in_use(uint64_t root, uint64_t va, uint64_t len)
{
	for (uint64_t a = va; a < va + len; a += PAGE_SIZE)
		if (pt_entry(root, a) & (PTE_P | PTE_PROTNONE)) /* PROT_NONE pages are taken too */
			return 1;
	return 0;
}

int64_t sys_mmap(const struct trap_frame *f)
{
	uint64_t addr = f->rdi, len = f->rsi, prot = f->rdx, flags = f->r10;
	struct task *t = task_current();
	const uint64_t need = MAP_PRIVATE | MAP_ANONYMOUS;

	if (!len || (prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC)) ||
	    (flags & need) != need || (flags & ~(need | MAP_FIXED)))
		return -EINVAL;
	if (len > USER_MMAP_PAGES * PAGE_SIZE)
		return -ENOMEM;
	uint64_t pages = (len + PAGE_SIZE - 1) / PAGE_SIZE, size = pages * PAGE_SIZE;
	if (t->mmap_pages + pages > USER_MMAP_PAGES || t->mmap_count == USER_MMAPS_MAX)
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		if (addr & (PAGE_SIZE - 1))
			return -EINVAL;
		if (!user_range_ok(addr, size) || addr < USER_BASE)
			return -ENOMEM;
		if (range_in_use(t->hc->cr3, addr, size))
			return -EEXIST; /* never silently replaces a mapping */
	} else {
		addr = t->mmap_next;
		t->mmap_next += size + PAGE_SIZE; /* an unmapped page between mappings */
	}
	uint64_t phys = t->hc->mmap_phys + t->mmap_pages * PAGE_SIZE;
	for (uint64_t i = 0; i < size / 8; i++)
		((uint64_t *)(uintptr_t)phys)[i] = 0;
	task_pool_lock();
	int err = pt_map(t->pool, t->hc->cr3, addr, phys, size, prot_flags(prot), 0);
	task_pool_unlock();
	if (err)
		return -ENOMEM;
	if (prot == PROT_NONE)
		pt_protect(t->hc->cr3, addr, size, prot_flags(prot), 0);
	t->mmaps[t->mmap_count++] = (struct task_mmap){ addr, pages };
	t->mmap_pages += pages;
	return (int64_t)addr;
}

int64_t sys_mprotect(const struct trap_frame *f)
{
	uint64_t addr = f->rdi, len = f->rsi, prot = f->rdx;
	struct task *t = task_current();

	if ((addr & (PAGE_SIZE - 1)) || (prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if (!len)
		return 0;
	uint64_t size = (len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (size < len || !user_range_ok(addr, size))
		return -ENOMEM;
	int err = pt_protect(t->hc->cr3, addr, size, prot_flags(prot), prot != PROT_NONE);
	if (err)
		return err == PT_ERR_NOTUSER ? -ENOMEM : -EINVAL;
	task_flush_tlb();
	return 0;
}
