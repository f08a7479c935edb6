/*
 * Page-table isolation (docs/design.md, "Speculation mitigations"): each
 * address space gets a second root for ring 3 whose kernel half maps only
 * what an entry needs before it switches CR3 (the entry code and data, the IDT,
 * each CPU's per-CPU page with its GDT, TSS and entry stack, and the IST
 * stacks), and whose lower half is the space's own.
 */
#ifndef CORE_MM_PTI_H
#define CORE_MM_PTI_H

#include <stdint.h>
#include "core/boot/handoff.h"

/* The user tables' PCID (the kernel's is 0) when isolation runs with PCIDs. */
#define PTI_USER_PCID 1

/* Nonzero once pti_init built the entry area's tables: isolation is on. */
extern uint64_t pti_upper_root;

/* Bootstrap CPU, after page_alloc_init, before any task: build the
 * kernel half of the user tables. Does nothing with isolation off. */
void pti_init(const struct handoff *h);

/* Report what the user tables map of the kernel: one BOOT line per range. */
void pti_report(void);

/* A fresh user root (physical) with the entry area in its kernel half,
 * taken from pool; 0 when the pool is empty. */
uint64_t pti_root_create(struct pt_pool *pool);

/* Copy the lower half of root into user_root (after any change to it). */
void pti_sync_lower(uint64_t root, uint64_t user_root);

/* This CPU now runs the space (root, user_root): the CR3 values the
 * entries load, and with PCIDs the user PCID's stale entries dropped. */
void pti_activate(uint64_t root, uint64_t user_root);

/* The space's page tables changed while live: with PCIDs, drop the
 * user PCID's entries too (the kernel's CR3 reload dropped PCID 0's). */
void pti_flush_user(void);

/* return_user.S: load user_cr3 (flushing its PCID) and go back to
 * kernel_cr3, from code the user tables map. Interrupts off. */
void pti_flush_user_pcid(uint64_t user_cr3, uint64_t kernel_cr3);

#endif
