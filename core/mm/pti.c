/* Page-table isolation: the user tables' kernel half (pti.h). */
#include "core/mm/pti.h"
#include "core/boot/panic.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/cpu/idt.h"
#include "core/cpu/mitigation_hw.h"
#include "core/cpu/percpu.h"
#include "core/cpu/this_cpu.h"
#include "core/entry/entry.h"
#include "core/mm/kernel_layout.h"
#include "core/mm/page_alloc.h"
#include "core/mm/paging.h"

uint64_t pti_upper_root;

/* Table pages the entry area can need: per CPU a few for its per-CPU
 * page and IST stacks, plus the image's. Unused ones go back. */
#define PTI_TABLE_PAGES (16 + 4 * CPUS_MAX)

/* What pti_report prints: the ranges pti_init mapped. */
#define PTI_RANGES_MAX (3 + CPUS_MAX * (1 + IST_USED))
static struct pti_range {
	uint64_t va, pages;
	const char *what;
} pti_ranges[PTI_RANGES_MAX];
static unsigned pti_range_count;

/* Map [va, va + len) at the same virtual addresses and physical pages as
 * the kernel's own tables do, supervisor only, with flags. A page written
 * under the user tables needs PTE_W here too; one only read does not. */
static void map_alias(struct pt_pool *pool, uint64_t va, uint64_t len, uint64_t flags,
		      const char *what)
{
	uint64_t start = va & ~(PAGE_SIZE - 1), end = (va + len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	for (uint64_t a = start; a < end; a += PAGE_SIZE) {
		uint64_t pa, f;
		if (!pt_translate(boot_handoff->kernel_cr3, a, &pa, &f))
			panic("isolation: %s at 0x%llx is not mapped", what, (unsigned long long)a);
		int err = pt_map(pool, pti_upper_root, a, pa & ~(PAGE_SIZE - 1), PAGE_SIZE, flags, 0);
		if (err)
			panic("isolation: cannot map %s: %s", what, pt_strerror(err));
	}
	if (pti_range_count < PTI_RANGES_MAX)
		pti_ranges[pti_range_count++] = (struct pti_range){ start, (end - start) / PAGE_SIZE, what };
}

void pti_init(const struct handoff *h)
{
	if (!(mitigation_choice.on & MIT_BIT(MIT_PTI)))
		return;
	struct pt_pool pool = { 0 };
	if (page_alloc_reserve(&pool, PTI_TABLE_PAGES))
		panic("isolation: no memory for the entry area's tables");
	uint64_t root = pt_alloc_page(&pool);
	pti_upper_root = root;
	uint64_t nx = cpu_pte_nx;
	map_alias(&pool, (uint64_t)(uintptr_t)__entry_text_start,
		  (uint64_t)(__entry_text_end - __entry_text_start), 0, "entry-text");
	map_alias(&pool, (uint64_t)(uintptr_t)__entry_data_start,
		  (uint64_t)(__entry_data_end - __entry_data_start), nx, "entry-data");
	map_alias(&pool, (uint64_t)(uintptr_t)idt_table, sizeof(idt_table), nx, "idt");
	for (uint32_t c = 0; c < h->cpu_count; c++) {
		/* GDT, TSS, entry stack, the SYSCALL entry's scratch: written. */
		map_alias(&pool, (uint64_t)(uintptr_t)phys_to_virt(h->cpus[c].percpu), PAGE_SIZE,
			  PTE_W | nx, "percpu");
		/* NMI, #DF, #MC and #DB can arrive under the user tables. */
		for (unsigned i = 0; i < IST_USED; i++)
			map_alias(&pool, h->cpus[c].ist_top[i] - IST_STACK_SIZE, IST_STACK_SIZE,
				  PTE_W | nx, "ist-stack");
	}
	page_alloc_release(&pool);
}

void pti_report(void)
{
	for (unsigned i = 0; i < pti_range_count; i++) /* none with isolation off */
		console_line(CON_INFO, "BOOT cpu=0 pti_map va=0x%llx pages=%llu what=%s",
			     (unsigned long long)pti_ranges[i].va,
			     (unsigned long long)pti_ranges[i].pages, pti_ranges[i].what);
}

uint64_t pti_root_create(struct pt_pool *pool)
{
	uint64_t root = pt_alloc_page(pool);
	if (!root)
		return 0;
	const uint64_t *k = phys_to_virt(pti_upper_root);
	uint64_t *r = phys_to_virt(root);
	for (unsigned i = PT_ENTRIES / 2; i < PT_ENTRIES; i++)
		r[i] = k[i];
	return root;
}

void pti_sync_lower(uint64_t root, uint64_t user_root)
{
	const uint64_t *k = phys_to_virt(root);
	uint64_t *u = phys_to_virt(user_root);
	for (unsigned i = 0; i < PT_ENTRIES / 2; i++)
		u[i] = k[i];
}

void pti_activate(uint64_t root, uint64_t user_root)
{
	struct percpu *cpu = this_cpu();
	if (!mitigation_choice.pcid) {
		cpu->kernel_cr3 = root;
		cpu->user_cr3 = user_root;
		return;
	}
	/* The same PCIDs serve every space: the user one is flushed now,
	 * the kernel one was by the CR3 load of the switch. */
	cpu->kernel_cr3 = root | CR3_NOFLUSH;
	cpu->user_cr3 = user_root | PTI_USER_PCID | CR3_NOFLUSH;
	pti_flush_user();
}

void pti_flush_user(void)
{
	struct percpu *cpu = this_cpu();
	if (mitigation_choice.pcid)
		pti_flush_user_pcid(cpu->user_cr3 & ~CR3_NOFLUSH, cpu->kernel_cr3);
}
