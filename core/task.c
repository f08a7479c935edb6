/* Running payloads: address space, ring-3 entry, exit and kill. */
#include "task.h"
#include "console.h"
#include "cpu.h"
#include "hw.h"
#include "layout.h"
#include "paging.h"
#include "this_cpu.h"

uint64_t user_enter(uint64_t entry, uint64_t user_rsp);
void user_exit(uint64_t value) __attribute__((noreturn));

static void mem_zero(uint64_t addr, uint64_t n)
{
	uint8_t *p = (uint8_t *)(uintptr_t)addr;
	for (uint64_t i = 0; i < n; i++)
		p[i] = 0;
}

static void mem_copy(uint64_t dst, uint64_t src, uint64_t n)
{
	uint8_t *d = (uint8_t *)(uintptr_t)dst;
	const uint8_t *s = (const uint8_t *)(uintptr_t)src;
	for (uint64_t i = 0; i < n; i++)
		d[i] = s[i];
}

/* Map exactly this payload's region and stack, freshly zeroed. */
static int uspace_prepare(struct pt_pool *pool, const struct handoff *h,
			  const struct handoff_cpu *hc, const struct handoff_payload *p,
			  uint64_t region)
{
	int err;
	if ((err = pt_unmap(hc->cr3, USER_BASE, h->user_region_max)) ||
	    (err = pt_unmap(hc->cr3, USER_STACK_BASE, USER_STACK_SIZE)) ||
	    (err = pt_map(pool, hc->cr3, USER_BASE, hc->user_phys, region, PTE_U | PTE_W, 0)) ||
	    (err = pt_map(pool, hc->cr3, USER_STACK_BASE, hc->user_stack_phys, USER_STACK_SIZE,
			  PTE_U | PTE_W | PTE_NX, 0))) {
		console_line(CON_FAULT, "ERROR cpu=%u payload=%s reason=\"%s\"", this_cpu_id(),
			     p->name, pt_strerror(err));
		return -1;
	}
	/* Writes go through the kernel's identity alias of the same pages. */
	mem_zero(hc->user_phys, region);
	mem_copy(hc->user_phys, p->data, p->size);
	mem_zero(hc->user_stack_phys, USER_STACK_SIZE);
	cpu_write_cr3(hc->cr3); /* drop the old task's translations */
	return 0;
}

int task_run(struct handoff *h, const struct handoff_cpu *hc,
	     const struct handoff_payload *p, uint32_t pid)
{
	struct task t = { .pid = pid, .payload = p };
	t.region_size = layout_user_region_size(p->size);
	struct percpu *cpu = this_cpu();

	if (uspace_prepare(&h->pt_pool, h, hc, p, t.region_size))
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

	if (t.killed)
		console_line(CON_INFO, "SUMMARY cpu=%u syscalls=%llu faults=%llu exit=killed pid=%u payload=%s",
			     cpu->cpu_id, (unsigned long long)t.syscalls,
			     (unsigned long long)t.faults, pid, p->name);
	else
		console_line(CON_INFO, "SUMMARY cpu=%u syscalls=%llu faults=%llu exit=%lld pid=%u payload=%s",
			     cpu->cpu_id, (unsigned long long)t.syscalls,
			     (unsigned long long)t.faults, (long long)t.exit_code, pid, p->name);
	return 0;
}

void task_exit(int64_t code)
{
	struct task *t = this_cpu()->task;
	t->exit_code = code;
	user_exit(0);
}

void task_kill(void)
{
	struct task *t = this_cpu()->task;
	t->killed = 1;
	t->faults++;
	this_cpu()->faults++;
	user_exit(0);
}
