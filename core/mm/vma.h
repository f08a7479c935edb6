/*
 * A task's mappings as a sorted list of non-overlapping ranges, each with
 * its protection: what mmap, munmap, mprotect and brk decide on before
 * the page tables change. Neighbours with the same protection are merged,
 * as Linux merges anonymous mappings. Pure: no CPU or EFI headers.
 */
#ifndef CORE_MM_VMA_H
#define CORE_MM_VMA_H

#include <stdint.h>

struct vma {
	uint64_t start, end; /* page aligned, start < end */
	uint64_t prot;       /* PROT_* */
};

struct vma_list {
	uint32_t count, max;
	struct vma *v;       /* max entries, sorted by start */
};

/* 1 if any mapping meets [start, end). */
int vma_overlaps(const struct vma_list *l, uint64_t start, uint64_t end);
/* 1 if mappings cover all of [start, end), with no hole. */
int vma_covers(const struct vma_list *l, uint64_t start, uint64_t end);
/*
 * The highest free range of len bytes inside [lo, hi), placed as high as
 * it fits (top-down, as Linux places mmap). Returns its start, or 0.
 */
uint64_t vma_find_free(const struct vma_list *l, uint64_t lo, uint64_t hi, uint64_t len);
/*
 * Make [start, end) one mapping with prot, cutting whatever was there
 * (prot_set), or unmap it (vma_clear). Both fail with -1, changing
 * nothing, when the result would need more than max entries; pass
 * dry_run to ask without changing anything.
 */
int vma_set(struct vma_list *l, uint64_t start, uint64_t end, uint64_t prot, int dry_run);
int vma_clear(struct vma_list *l, uint64_t start, uint64_t end, int dry_run);

#endif
