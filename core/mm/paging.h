/*
 * 4-level page-table builder. Pure: it writes tables into pages taken from
 * a pool and treats table addresses as directly addressable (identity mapped
 * before ExitBootServices and in this kernel's own tables; plain heap
 * pointers in host tests).
 */
#ifndef CORE_PAGING_H
#define CORE_PAGING_H

#include <stdint.h>

struct pt_pool {
	uint64_t base;  /* first page, page aligned */
	uint32_t pages; /* pages in the pool */
	uint32_t used;  /* pages handed out */
};

enum pt_status {
	PT_OK = 0,
	PT_ERR_NOMEM = -1,  /* pool exhausted */
	PT_ERR_EXISTS = -2, /* a page in the range is already mapped */
	PT_ERR_ALIGN = -3,  /* va, pa or len not page aligned */
	PT_ERR_RANGE = -4,  /* range wraps or leaves the canonical lower half */
	PT_ERR_LARGE = -5,  /* a 2 MiB page covers part of the range */
	PT_ERR_NOTUSER = -6, /* a page in the range is not a mapped user page */
};

/* A user page made inaccessible (PROT_NONE): not present, address kept. */
#define PTE_PROTNONE PTE_AVL9

/* Allowed leaf flags: the rest (P, PS, address) are the builder's. */
#define PT_LEAF_FLAGS (PTE_W | PTE_U | PTE_PWT | PTE_PCD | PTE_NX)

/* A zeroed page from the pool, or 0 when it is empty. */
uint64_t pt_alloc_page(struct pt_pool *pool);

/*
 * Map [va, va+len) to [pa, pa+len) with leaf flags (P is implied). Uses
 * 2 MiB pages where allow_large and alignment permit. Tables above a user
 * page get U; none get NX, so a leaf's NX is the only one that counts.
 * Returns PT_OK or a negative pt_status; on error part of the range may
 * be mapped.
 */
int pt_map(struct pt_pool *pool, uint64_t root, uint64_t va, uint64_t pa,
	   uint64_t len, uint64_t flags, int allow_large);

/* Remove 4 KiB mappings in [va, va+len); unmapped pages are skipped. */
int pt_unmap(uint64_t root, uint64_t va, uint64_t len);

/*
 * Change the leaf flags (PT_LEAF_FLAGS; U is kept) of every user page in
 * [va, va+len); present=0 parks a page (PROT_NONE) keeping its address.
 * Checks every page first: on error nothing changed.
 */
int pt_protect(uint64_t root, uint64_t va, uint64_t len, uint64_t flags, int present);

/*
 * Translate va: returns 1 and fills *pa and *flags (the leaf's flags, with
 * U and W only if every level allows them) when mapped, else 0.
 */
int pt_translate(uint64_t root, uint64_t va, uint64_t *pa, uint64_t *flags);

/* The leaf entry (4 KiB or 2 MiB) mapping va, or 0 when there is none. */
uint64_t pt_entry(uint64_t root, uint64_t va);

const char *pt_strerror(int status);

#endif
