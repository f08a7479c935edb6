/* Running payloads: address space, ring-3 entry, exit and kill. */
#include "core/task/task.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/cpu_features.h"
#include "core/abi/abi.h"
#include "core/lib/fmt.h"
#include "core/cpu/hw.h"
#include "core/abi/layout.h"
#include "core/mm/paging.h"
#include "core/lib/spinlock.h"
#include "core/cpu/this_cpu.h"

uint64_t user_enter(uint64_t entry, uint64_t user_rsp);
void user_exit(uint64_t value) __attribute__((noreturn));

/* Page-multiple zeroing and byte copies with REP string instructions:
 * the region is 1 MiB or more, and a C byte loop would be most of the
 * demo's instruction count. DF is clear in the kernel. */
static void mem_zero(uint64_t addr, uint64_t n)
{
	uint64_t words = n / 8;
	__asm__ volatile("rep stosq" : "+D"(addr), "+c"(words) : "a"(0ULL) : "memory");
}

static void mem_copy(uint64_t dst, uint64_t src, uint64_t n)
{
	__asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

/*
 * Map exactly this payload's region and stack, freshly zeroed: the pages
 * holding the file are writable and executable (a flat binary mixes code
 * and data), the rest of the region (its .bss) and the stack are NX.
 */
/* The page-table pool is shared by all CPUs; only task set-up and mmap
 * take from it, never the syscall path. */
static struct spinlock pool_lock;

void task_pool_lock(void)
{
	spin_lock(&pool_lock);
}

void task_pool_unlock(void)
{
	spin_unlock(&pool_lock);
}

static int uspace_prepare(struct task *t, const struct handoff *h)
{
	const struct handoff_cpu *hc = t->hc;
	uint64_t file = (t->payload->size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	uint64_t data = PTE_U | PTE_W | cpu_pte_nx;
	int err;
	task_pool_lock();
	if ((err = pt_unmap(hc->cr3, USER_BASE, h->user_region_max)) ||
	    (err = pt_unmap(hc->cr3, USER_STACK_BASE, USER_STACK_SIZE)) ||
	    (err = pt_map(t->pool, hc->cr3, USER_BASE, hc->user_phys, file, PTE_U | PTE_W, 0)) ||
	    (err = pt_map(t->pool, hc->cr3, USER_BASE + file, hc->user_phys + file,
			  t->region_size - file, data, 0)) ||
	    (err = pt_map(t->pool, hc->cr3, USER_STACK_BASE, hc->user_stack_phys, USER_STACK_SIZE,
			  data, 0))) {
		task_pool_unlock();
		console_line(CON_FAULT, "ERROR cpu=%u payload=%s reason=\"%s\"", this_cpu_id(),
			     t->payload->name, pt_strerror(err));
		return -1;
	}
	task_pool_unlock();
	/* Writes go through the kernel's identity alias of the same pages. */
	mem_zero(hc->user_phys, t->region_size);
	mem_copy(hc->user_phys, t->payload->data, t->payload->size);
	mem_zero(hc->user_stack_phys, USER_STACK_SIZE);
	task_flush_tlb();
	return 0;
}

static void uspace_release_mmaps(struct task *t)
{
	for (unsigned i = 0; i < t->mmap_count; i++)
		pt_unmap(t->hc->cr3, t->mmaps[i].va, t->mmaps[i].pages * PAGE_SIZE);
	task_flush_tlb();
}

void task_flush_tlb(void)
{
	cpu_write_cr3(cpu_read_cr3()); /* no global pages, no PCID: flushes all */
}


int task_run(struct handoff *h, const struct handoff_cpu *hc,
	     const struct handoff_payload *p, uint32_t pid)
{
	struct percpu *cpu = this_cpu();
	struct task t = {
		.pid = pid, .payload = p, .hc = hc, .pool = &h->pt_pool,
		.region_size = layout_user_region_size(p->size),
		.iret_base = cpu->iret_returns, .syscalls_base = cpu->syscalls,
		.mmap_next = USER_MMAP_BASE,
		.report = RING3_REPORT_CALLS,
	};

	if (uspace_prepare(&t, h))
		return -1;
	console_line(CON_INFO,
		     "RUN cpu=%u pid=%u payload=%s size=%llu entry=0x%llx rsp=0x%llx region=0x%llx-0x%llx",
		     cpu->cpu_id, pid, p->name, (unsigned long long)p->size,
		     (unsigned long long)USER_BASE, (unsigned long long)USER_STACK_TOP,
		     (unsigned long long)USER_BASE, (unsigned long long)(USER_BASE + t.region_size));

	/* The user's FS and GS bases start at 0; KERNEL_GS_BASE holds the
	 * user's GS base while the kernel runs. */
	cpu_wrmsr(MSR_FS_BASE, 0);
	cpu_wrmsr(MSR_KERNEL_GS_BASE, 0);
	cpu->task = &t;
	user_enter(USER_BASE, USER_STACK_TOP);
	cpu->task = 0;
	console_user_flush(cpu->cpu_id);
	uspace_release_mmaps(&t);

	char exit_str[24] = "killed";
	if (!t.killed)
		fmt_snprintf(exit_str, sizeof(exit_str), "%lld", (long long)t.exit_code);
	console_line(CON_INFO,
		     "SUMMARY cpu=%u syscalls=%llu faults=%llu exit=%s pid=%u payload=%s iret_returns=%llu",
		     cpu->cpu_id, (unsigned long long)(cpu->syscalls - t.syscalls_base),
		     (unsigned long long)t.faults,
		     exit_str, pid, p->name, (unsigned long long)(cpu->iret_returns - t.iret_base));
	return 0;
}

void task_exit(int64_t code)
{
	struct task *t = task_current();
	t->exit_code = code;
	user_exit(0);
}

void task_kill(void)
{
	struct task *t = task_current();
	t->killed = 1;
	t->faults++;
	this_cpu()->faults++;
	user_exit(0);
}
