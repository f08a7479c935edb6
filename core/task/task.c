/* Running payloads: address space, ring-3 entry, exit and kill. */
#include "core/task/task.h"
#include "core/abi/abi.h"
#include "core/abi/layout.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/cpu/this_cpu.h"
#include "core/entry/entry.h"
#include "core/lib/fmt.h"
#include "core/mm/kernel_layout.h"

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

int task_run(struct handoff *h, const struct handoff_payload *p, uint32_t pid)
{
	struct percpu *cpu = this_cpu();
	struct task t = {
		.pid = pid, .payload = p,
		.region_size = layout_user_region_size(p->size),
		.iret_base = cpu->iret_returns, .syscalls_base = cpu->syscalls,
		.report = RING3_REPORT_CALLS,
	};

	const char *why = task_space_build(&t, h);
	if (why) {
		console_line(CON_FAULT, "ERROR cpu=%u payload=%s reason=\"%s\"", cpu->cpu_id, p->name, why);
		if (t.mm)
			uspace_destroy(t.mm);
		return -1;
	}
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
	uspace_activate(t.mm);
	user_enter(USER_BASE, USER_STACK_TOP);
	uspace_deactivate(t.mm);
	cpu->task = 0;
	console_text_flush(&t.out, cpu->cpu_id, pid);
	uspace_destroy(t.mm);

	char exit_str[24] = "killed";
	if (!t.killed)
		fmt_snprintf(exit_str, sizeof(exit_str), "%lld", (long long)t.exit_code);
	console_line(CON_INFO,
		     "SUMMARY cpu=%u syscalls=%llu faults=%llu exit=%s pid=%u payload=%s iret_returns=%llu",
		     cpu->cpu_id, (unsigned long long)(cpu->syscalls - t.syscalls_base),
		     (unsigned long long)t.faults, exit_str, pid, p->name,
		     (unsigned long long)(cpu->iret_returns - t.iret_base));
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
