/*
 * 4-level page-table builder and the page pool it takes tables from. Pure:
 * tables and pool pages are named by physical address and reached at
 * physical + pt_phys_offset (0 in the loader, which runs identity mapped,
 * and in host tests, where "physical" addresses are heap pointers; the
 * direct-map base in the kernel).
 */
#ifndef CORE_PAGING_H
#define CORE_PAGING_H

#include <stdint.h>
#include "core/cpu/hw.h"

/*
 * Free pages as a list of runs: the first page of each run holds a
 * struct pt_run. Adding a run costs one write whatever its length, so a
 * whole memory map goes in at once; pages come off the front of the first
 * run.
 */
struct pt_pool {
	uint64_t head;  /* physical address of the first run, 0 when empty */
	uint64_t pages; /* free pages in all runs */
	uint64_t used;  /* pages taken since the pool was set up */
};

struct pt_run {
	uint64_t next;  /* physical address of the next run, or 0 */
	uint64_t pages; /* pages in this run, this one included */
};

/* Where the pages are reachable: virtual = physical + pt_phys_offset. */
extern uint64_t pt_phys_offset;

/* Give the pages [base, base + pages * PAGE_SIZE) to the pool. */
void pt_pool_add(struct pt_pool *pool, uint64_t base, uint64_t pages);
/* One page off the pool, not zeroed, or 0 when it is empty. */
uint64_t pt_pool_take(struct pt_pool *pool);
/* Move n pages from one pool to another: all of them, or none (-1). */
int pt_pool_move(struct pt_pool *from, struct pt_pool *to, uint64_t n);
/* Move every page of from to to. */
void pt_pool_drain(struct pt_pool *from, struct pt_pool *to);

enum pt_status {
	PT_OK = 0,
	PT_ERR_NOMEM = -1,  /* pool exhausted */
	PT_ERR_EXISTS = -2, /* a page in the range is already mapped */
	PT_ERR_ALIGN = -3,  /* va, pa or len not page aligned */
	PT_ERR_RANGE = -4,  /* range wraps or is not inside one canonical half */
	PT_ERR_LARGE = -5,  /* a 2 MiB page covers part of the range */
	PT_ERR_NOTUSER = -6, /* a page in the range is not a mapped user page */
	PT_ERR_NOTKERNEL = -7, /* a page in the range is not a mapped kernel 4 KiB page */
};

/* A user page made inaccessible (PROT_NONE): not present, address kept. */
#define PTE_PROTNONE PTE_AVL9

/* Allowed leaf flags: the rest (P, PS, address) are the builder's. */
#define PT_LEAF_FLAGS (PTE_W | PTE_U | PTE_PWT | PTE_PCD | PTE_NX)

/* A zeroed page from the pool, or 0 when it is empty. */
uint64_t pt_alloc_page(struct pt_pool *pool);

/* A page a user address space holds: present, or parked by PROT_NONE. */
static inline int pt_populated(uint64_t pte)
{
	return (pte & (PTE_P | PTE_PROTNONE)) != 0;
}

/*
 * Map [va, va+len) to [pa, pa+len) with leaf flags (P is implied). Uses
 * 2 MiB pages where allow_large and alignment permit. Tables above a user
 * page get U; none get NX, so a leaf's NX is the only one that counts.
 * Returns PT_OK or a negative pt_status; on error part of the range may
 * be mapped.
 */
int pt_map(struct pt_pool *pool, uint64_t root, uint64_t va, uint64_t pa,
	   uint64_t len, uint64_t flags, int allow_large);

/*
 * Remove 4 KiB mappings in [va, va+len); unmapped pages are skipped. When
 * freed is not 0, the pages that were mapped (present or parked) go to it.
 */
int pt_unmap(uint64_t root, uint64_t va, uint64_t len, struct pt_pool *freed);

/*
 * Tear down the lower (user) half of an address space: every page mapped
 * there and every table below the root go to freed, and the root's lower
 * entries are cleared. The upper half is left alone: it is shared.
 */
void pt_free_lower(uint64_t root, struct pt_pool *freed);

/* Pages in [va, va+len) that pt_populated says are held. */
uint64_t pt_count_populated(uint64_t root, uint64_t va, uint64_t len);

/* Present lower-half leaf pages without PTE_U (kernel pages in user space). */
uint64_t pt_count_lower_supervisor(uint64_t root);

/*
 * Change the leaf flags (PT_LEAF_FLAGS; U is kept) of every user page in
 * [va, va+len); present=0 parks a page (PROT_NONE) keeping its address.
 * Checks every page first: on error nothing changed.
 */
int pt_protect(uint64_t root, uint64_t va, uint64_t len, uint64_t flags, int present);

/* The most table pages mapping `pages` new 4 KiB pages can add (what an
 * address space is charged for them beside the pages). */
uint64_t pt_tables_bound(uint64_t pages);

/*
 * Make every kernel page in [va, va+len) read-only: each must be a
 * present 4 KiB supervisor page. Checks every page first: on error
 * nothing changed. The caller flushes the TLB.
 */
int pt_write_protect(uint64_t root, uint64_t va, uint64_t len);

/*
 * Translate va: returns 1 and fills *pa and *flags (the leaf's flags, with
 * U and W only if every level allows them) when mapped, else 0.
 */
int pt_translate(uint64_t root, uint64_t va, uint64_t *pa, uint64_t *flags);

/*
 * Where to look next for a mapping at or after va: va itself when a page
 * table reaches it, else the end of the hole an absent upper entry leaves
 * (up to 512 GiB at once). Loops over huge, mostly empty ranges (PROT_NONE
 * reservations) take it to stay short.
 */
uint64_t pt_skip_absent(uint64_t root, uint64_t va);

/* The leaf entry (4 KiB or 2 MiB) mapping va, or 0 when there is none. */
uint64_t pt_entry(uint64_t root, uint64_t va);

const char *pt_strerror(int status);

#endif
