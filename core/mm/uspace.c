/* Task address spaces (contract in uspace.h). */
#include "core/mm/uspace.h"
#include "core/mm/pti.h"
#include "core/cpu/this_cpu.h"
#include "core/abi/abi.h"
#include "core/abi/layout.h"
#include "core/boot/handoff.h"
#include "core/cpu/cpu.h"
#include "core/cpu/cpu_features.h"
#include "core/lib/string.h"
#include "core/mm/kernel_layout.h"
#include "core/mm/page_alloc.h"

_Static_assert(sizeof(struct uspace) <= PAGE_SIZE, "a space's bookkeeping fits in one page");

static uint64_t prot_flags(uint64_t prot)
{
	uint64_t f = PTE_U;
	if (prot & PROT_WRITE)
		f |= PTE_W;
	if (!(prot & PROT_EXEC))
		f |= cpu_pte_nx;
	return f;
}

/* After any change to s's tables: the user root's copy of the lower half
 * (page-table isolation), then the TLB. */
static void tlb_flush(struct uspace *s)
{
	if (s->user_root)
		pti_sync_lower(s->root, s->user_root);
	if (s->live) {
		cpu_write_cr3(s->root); /* no global user pages; PCID 0's entries drop */
		if (s->user_root)
			pti_flush_user();
	}
}

/* Can the space hold `more` pages on top of what it holds (after `less` go)? */
static int within_limit(const struct uspace *s, uint64_t more, uint64_t less)
{
	return !s->limit || s->pages - less + more <= s->limit;
}

static void account(struct uspace *s, uint64_t taken, uint64_t freed)
{
	s->pages = s->pages + taken - freed;
}

struct uspace *uspace_create(uint64_t limit_bytes)
{
	struct pt_pool got = { 0 };
	if (page_alloc_reserve(&got, pti_upper_root ? 3 : 2))
		return 0;
	uint64_t page = pt_pool_take(&got);
	struct uspace *s = phys_to_virt(page);
	memset(s, 0, sizeof(*s));
	s->root = pt_alloc_page(&got);
	/* The kernel half: the same entries (and so the same tables) as the
	 * kernel's own root. Entries there never change after boot. */
	const uint64_t *k = phys_to_virt(boot_handoff->kernel_cr3);
	uint64_t *r = phys_to_virt(s->root);
	for (unsigned i = PT_ENTRIES / 2; i < PT_ENTRIES; i++)
		r[i] = k[i];
	s->pages = 1; /* the root; the bookkeeping page is the kernel's */
	if (pti_upper_root) {
		s->user_root = pti_root_create(&got);
		s->pages++;
	}
	s->limit = limit_bytes / PAGE_SIZE;
	s->vmas = (struct vma_list){ .count = 0, .max = USPACE_VMAS_MAX, .v = s->vma_store };
	return s;
}

void uspace_destroy(struct uspace *s)
{
	struct pt_pool freed = { 0 };
	pt_free_lower(s->root, &freed);
	pt_pool_add(&freed, s->root, 1);
	if (s->user_root)
		pt_pool_add(&freed, s->user_root, 1);
	pt_pool_add(&freed, virt_to_phys(s), 1);
	page_alloc_release(&freed);
}

void uspace_activate(struct uspace *s)
{
	cpu_write_cr3(s->root);
	s->live = 1;
	if (s->user_root)
		pti_activate(s->root, s->user_root);
}

void uspace_deactivate(struct uspace *s)
{
	cpu_write_cr3(boot_handoff->kernel_cr3);
	s->live = 0;
	if (s->user_root)
		this_cpu()->kernel_cr3 = boot_handoff->kernel_cr3; /* for a paranoid entry */
}

/* Map one zeroed page from stash at va. Cannot fail: the stash holds
 * enough for the page and any tables above it. */
static void map_fresh(struct uspace *s, struct pt_pool *stash, uint64_t va, uint64_t flags)
{
	uint64_t pa = pt_pool_take(stash);
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	pt_map(stash, s->root, va, pa, PAGE_SIZE, flags, 0);
}

int64_t uspace_map(struct uspace *s, uint64_t va, uint64_t len, uint64_t prot, int replace)
{
	uint64_t end = va + len, pages = prot == PROT_NONE ? 0 : len / PAGE_SIZE;
	uint64_t need = pages + pt_tables_bound(pages);
	uint64_t gone = replace ? pt_count_populated(s->root, va, len) : 0;
	if (!replace && vma_overlaps(&s->vmas, va, end))
		return -EEXIST;
	if (vma_set(&s->vmas, va, end, prot, 1) || !within_limit(s, need, gone))
		return -ENOMEM;
	struct pt_pool stash = { 0 }, freed = { 0 };
	if (page_alloc_reserve(&stash, need))
		return -ENOMEM;
	/* Nothing can fail from here on. */
	if (replace)
		pt_unmap(s->root, va, len, &freed);
	for (uint64_t a = va; pages && a < end; a += PAGE_SIZE)
		map_fresh(s, &stash, a, prot_flags(prot));
	vma_set(&s->vmas, va, end, prot, 0);
	account(s, stash.used, freed.pages);
	tlb_flush(s);
	page_alloc_release(&stash);
	page_alloc_release(&freed);
	return 0;
}

int64_t uspace_unmap(struct uspace *s, uint64_t va, uint64_t len)
{
	if (vma_clear(&s->vmas, va, va + len, 1))
		return -ENOMEM;
	struct pt_pool freed = { 0 };
	pt_unmap(s->root, va, len, &freed);
	vma_clear(&s->vmas, va, va + len, 0);
	account(s, 0, freed.pages);
	tlb_flush(s);
	page_alloc_release(&freed);
	return 0;
}

int64_t uspace_protect(struct uspace *s, uint64_t va, uint64_t len, uint64_t prot)
{
	uint64_t end = va + len;
	if (!vma_covers(&s->vmas, va, end) || vma_set(&s->vmas, va, end, prot, 1))
		return -ENOMEM;
	uint64_t missing = prot == PROT_NONE ? 0 : len / PAGE_SIZE - pt_count_populated(s->root, va, len);
	uint64_t need = missing + pt_tables_bound(missing);
	if (!within_limit(s, need, 0))
		return -ENOMEM;
	struct pt_pool stash = { 0 };
	if (page_alloc_reserve(&stash, need))
		return -ENOMEM;
	for (uint64_t a = va; a < end; a += PAGE_SIZE) {
		uint64_t next = prot == PROT_NONE ? pt_skip_absent(s->root, a) : a;
		if (next != a) { /* nothing to park in a hole with no table */
			if (next >= end || next == 0)
				break;
			a = next - PAGE_SIZE;
			continue;
		}
		if (pt_populated(pt_entry(s->root, a)))
			pt_protect(s->root, a, PAGE_SIZE, prot_flags(prot), prot != PROT_NONE);
		else if (prot != PROT_NONE)
			map_fresh(s, &stash, a, prot_flags(prot));
	}
	vma_set(&s->vmas, va, end, prot, 0);
	account(s, stash.used, 0);
	tlb_flush(s);
	page_alloc_release(&stash);
	return 0;
}

uint64_t uspace_find_free(const struct uspace *s, uint64_t lo, uint64_t hi, uint64_t len)
{
	return vma_find_free(&s->vmas, lo, hi, len);
}

int uspace_write(struct uspace *s, uint64_t va, const void *src, uint64_t n)
{
	const uint8_t *from = src;
	while (n) {
		uint64_t pa, flags, chunk = PAGE_SIZE - (va & (PAGE_SIZE - 1));
		if (chunk > n)
			chunk = n;
		if (!pt_translate(s->root, va, &pa, &flags))
			return -1;
		memcpy(phys_to_virt(pa), from, chunk);
		va += chunk, from += chunk, n -= chunk;
	}
	return 0;
}

/* The direct-map address of va's byte, or 0 when no page is there. A
 * page parked by PROT_NONE counts: its contents are the task's. */
static uint8_t *byte_at(struct uspace *s, uint64_t va)
{
	uint64_t e = pt_entry(s->root, va);
	if (!pt_populated(e))
		return 0;
	return (uint8_t *)phys_to_virt(e & PTE_ADDR_MASK) + (va & (PAGE_SIZE - 1));
}

/* Move va and n past a hole with no page table at all: 1 when the range
 * ends inside it. */
static int hole_skip(struct uspace *s, uint64_t *va, uint64_t *n)
{
	uint64_t next = pt_skip_absent(s->root, *va);
	if (next == *va)
		return 0;
	if (next - *va >= *n || next == 0)
		return 1;
	*n -= next - *va;
	*va = next;
	return 0;
}

void uspace_copy(struct uspace *s, uint64_t dst, uint64_t src, uint64_t n)
{
	while (n) {
		uint64_t before = dst;
		if (hole_skip(s, &dst, &n))
			return;
		src += dst - before;
		uint64_t chunk = PAGE_SIZE - (dst & (PAGE_SIZE - 1));
		uint64_t room = PAGE_SIZE - (src & (PAGE_SIZE - 1));
		chunk = chunk < room ? chunk : room;
		chunk = chunk < n ? chunk : n;
		uint8_t *to = byte_at(s, dst), *from = byte_at(s, src);
		if (to && from)
			memcpy(to, from, chunk);
		else if (to)
			memset(to, 0, chunk);
		dst += chunk, src += chunk, n -= chunk;
	}
}

void uspace_zero(struct uspace *s, uint64_t va, uint64_t n)
{
	while (n) {
		if (hole_skip(s, &va, &n))
			return;
		uint64_t chunk = PAGE_SIZE - (va & (PAGE_SIZE - 1));
		chunk = chunk < n ? chunk : n;
		uint8_t *to = byte_at(s, va);
		if (to)
			memset(to, 0, chunk);
		va += chunk, n -= chunk;
	}
}

int uspace_prot_of(const struct uspace *s, uint64_t va, uint64_t len, uint64_t *prot)
{
	for (uint32_t i = 0; i < s->vmas.count; i++) {
		const struct vma *v = &s->vmas.v[i];
		if (v->start <= va && va + len <= v->end) {
			*prot = v->prot;
			return 0;
		}
	}
	return -1;
}
