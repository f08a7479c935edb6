/*
 * A task's address space: its own root table, whose upper half is the
 * kernel's (shared) and whose lower half, below USER_SPACE_END, holds
 * only this task's pages, each page its own. Every page the task holds,
 * tables included, is counted against its limit and comes back when the
 * space is destroyed.
 *
 * Memory is committed when it is mapped: a mapping gets zeroed pages at
 * once (no demand paging), except PROT_NONE ranges, which cost nothing
 * until made accessible. Each operation reserves what it needs first, so
 * a call that fails (-ENOMEM) leaves the space exactly as it was.
 *
 * Kernel mode. A space is used by one CPU at a time; when it is the live
 * one (uspace_activate), changes flush that CPU's TLB.
 */
#ifndef CORE_MM_USPACE_H
#define CORE_MM_USPACE_H

#include <stdint.h>
#include "core/mm/vma.h"

#define USPACE_VMAS_MAX 160 /* mappings per task (the struct fits in one page) */

struct uspace {
	uint64_t root;       /* physical address of the PML4 */
	uint64_t user_root;  /* page-table isolation: ring 3's PML4 (pti.h), else 0 */
	uint64_t pages;      /* pages held: mapped pages and tables, root included */
	uint64_t limit;      /* most pages it may hold; 0: only RAM limits it */
	uint64_t brk_base;   /* the heap: brk moves between brk_base ... */
	uint64_t brk;        /* ... and here (byte address, as the program asked) */
	int live;            /* loaded in this CPU's CR3 */
	struct vma_list vmas;
	struct vma vma_store[USPACE_VMAS_MAX];
};

/* A new space with an empty lower half, or 0 when memory is short. */
struct uspace *uspace_create(uint64_t limit_bytes);
/* Give back every page, tables included. Not live. */
void uspace_destroy(struct uspace *s);
/* Load it on this CPU (CR3), or go back to the kernel's own tables. */
void uspace_activate(struct uspace *s);
void uspace_deactivate(struct uspace *s);

/*
 * Map [va, va+len) (page aligned, checked by the caller) with prot: zeroed
 * pages, none for PROT_NONE. replace: what was there goes (MAP_FIXED);
 * otherwise the range must be free. 0 or -ENOMEM.
 */
int64_t uspace_map(struct uspace *s, uint64_t va, uint64_t len, uint64_t prot, int replace);
/* Unmap [va, va+len): 0, or -ENOMEM if the mapping list would overflow. */
int64_t uspace_unmap(struct uspace *s, uint64_t va, uint64_t len);
/* Change the protection of [va, va+len), which must be mapped throughout:
 * 0, or -ENOMEM. Contents are kept (PROT_NONE parks pages). */
int64_t uspace_protect(struct uspace *s, uint64_t va, uint64_t len, uint64_t prot);
/* A free range of len bytes in [lo, hi), highest first; 0 if none. */
uint64_t uspace_find_free(const struct uspace *s, uint64_t lo, uint64_t hi, uint64_t len);
/* Copy bytes into mapped pages through the direct map (before the task
 * runs, so no user access is involved). 0, or -1 if a page is missing. */
int uspace_write(struct uspace *s, uint64_t va, const void *src, uint64_t n);
/* Copy n bytes between two mapped ranges of the space, or zero n mapped
 * bytes, through the direct map (any protection; PROT_NONE ranges hold
 * no pages and are skipped, as zeros). */
void uspace_copy(struct uspace *s, uint64_t dst, uint64_t src, uint64_t n);
void uspace_zero(struct uspace *s, uint64_t va, uint64_t n);
/* The protection of [va, va+len) when one mapping holds all of it: 0 and
 * *prot, or -1 (a hole, or mixed protections). */
int uspace_prot_of(const struct uspace *s, uint64_t va, uint64_t len, uint64_t *prot);

#endif
