/* Tasks: creation, the end of one, its SUMMARY (contract in task.h). */
#include "core/task/task.h"
#include "core/abi/abi.h"
#include "core/abi/layout.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/fpu.h"
#include "core/cpu/gdt.h"
#include "core/cpu/hw.h"
#include "core/cpu/this_cpu.h"
#include "core/cpu/time.h"
#include "core/entry/entry.h"
#include "core/lib/fmt.h"
#include "core/lib/string.h"
#include "core/mm/kernel_layout.h"
#include "core/mm/page_alloc.h"
#include "core/task/sched.h"

_Static_assert(sizeof(struct task) <= PAGE_SIZE, "a task fits in its page");

/*
 * A fresh address space holding exactly this payload: the pages holding
 * the file are writable and executable (a flat binary mixes code and
 * data), the rest of the region (its .bss) and the stack are not
 * executable; the heap (brk) starts right after the region.
 */
static const char *task_space_build(struct task *t, const struct handoff *h)
{
	uint64_t file = (t->payload->size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	const uint64_t rw = PROT_READ | PROT_WRITE;
	struct uspace *s = uspace_create(h->mem_limit);
	if (!s)
		return "out of memory for a new address space";
	t->mm = s;
	if (uspace_map(s, USER_BASE, file, rw | PROT_EXEC, 0) ||
	    (t->region_size > file && uspace_map(s, USER_BASE + file, t->region_size - file, rw, 0)) ||
	    uspace_map(s, USER_STACK_BASE, USER_STACK_SIZE, rw, 0))
		return h->mem_limit ? "payload does not fit in memory or in --mem-limit"
				    : "payload does not fit in memory";
	uspace_write(s, USER_BASE, phys_to_virt(t->payload->data), t->payload->size);
	s->brk_base = s->brk = USER_BASE + t->region_size;
	return 0;
}

/* The task's own two pages (the struct, its extended state) back. */
static void task_pages_free(struct task *t)
{
	struct pt_pool freed = { 0 };
	if (t->xstate)
		pt_pool_add(&freed, virt_to_phys(t->xstate), 1);
	pt_pool_add(&freed, virt_to_phys(t), 1);
	page_alloc_release(&freed);
}

struct task *task_create(const struct handoff *h, const struct handoff_payload *p, uint32_t pid)
{
	uint32_t cpu = this_cpu_id();
	struct pt_pool got = { 0 };
	if (page_alloc_reserve(&got, 2)) {
		console_line(CON_FAULT, "ERROR cpu=%u payload=%s reason=\"out of memory for a new task\"",
			     cpu, p->name);
		return 0;
	}
	struct task *t = phys_to_virt(pt_pool_take(&got));
	memset(t, 0, sizeof(*t));
	t->xstate = phys_to_virt(pt_pool_take(&got));
	fpu_area_init(t->xstate);
	t->pid = pid;
	t->payload = p;
	t->region_size = layout_user_region_size(p->size);
	t->report = RING3_REPORT_CALLS;
	const char *why = task_space_build(t, h);
	if (why) {
		console_line(CON_FAULT, "ERROR cpu=%u payload=%s reason=\"%s\"", cpu, p->name, why);
		if (t->mm)
			uspace_destroy(t->mm);
		task_pages_free(t);
		return 0;
	}
	/* The first "return" to ring 3: every general register 0. */
	t->frame.rip = USER_BASE;
	t->frame.cs = SEL_UCODE;
	t->frame.rflags = USER_RFLAGS_INIT;
	t->frame.rsp = USER_STACK_TOP;
	t->frame.ss = SEL_UDATA;
	console_line(CON_INFO,
		     "RUN cpu=%u pid=%u payload=%s size=%llu entry=0x%llx rsp=0x%llx region=0x%llx-0x%llx",
		     cpu, pid, p->name, (unsigned long long)p->size, (unsigned long long)USER_BASE,
		     (unsigned long long)USER_STACK_TOP, (unsigned long long)USER_BASE,
		     (unsigned long long)(USER_BASE + t->region_size));
	return t;
}

void task_finish(struct task *t)
{
	uint32_t cpu = this_cpu_id();
	console_text_flush(&t->out, cpu, t->pid);
	uspace_destroy(t->mm);
	char exit_str[24] = "killed";
	if (!t->killed)
		fmt_snprintf(exit_str, sizeof(exit_str), "%lld", (long long)t->exit_code);
	console_line(CON_INFO,
		     "SUMMARY cpu=%u syscalls=%llu faults=%llu exit=%s pid=%u payload=%s iret_returns=%llu"
		     " irqs=%llu preempted=%llu cpu_us=%llu",
		     cpu, (unsigned long long)t->syscalls, (unsigned long long)t->faults, exit_str,
		     t->pid, t->payload->name, (unsigned long long)t->iret_returns,
		     (unsigned long long)t->irqs, (unsigned long long)t->preempted,
		     (unsigned long long)(t->cpu_tsc / time_tsc_per_us()));
	task_pages_free(t);
}

void task_exit(int64_t code)
{
	struct task *t = task_current();
	t->exit_code = code;
	t->state = TASK_DEAD;
	user_exit(0);
}

void task_kill(void)
{
	struct task *t = task_current();
	t->killed = 1;
	t->faults++;
	this_cpu()->faults++;
	t->state = TASK_DEAD;
	user_exit(0);
}
