/* Speculation mitigations on this machine (mitigation_hw.h). */
#include "core/cpu/mitigation_hw.h"
#include "core/boot/handoff.h"
#include "core/boot/panic.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/cpu/percpu.h"
#include "core/entry/entry.h"
#include "core/mm/image_alias.h"
#include "core/mm/kernel_layout.h"
#include "core/mm/paging.h"

struct mitigation_choice mitigation_choice;
__attribute__((section(".entry.data"))) uint32_t mitigation_entry_flags;

/* Kernel text is read-only where it runs: its bytes are written through
 * the direct map, writable only until image_alias_seal (bootstrap CPU,
 * mitigation_init only). */
static uint8_t *text_writable(uint64_t va, uint64_t len)
{
	uint64_t pa, flags;
	if (image_alias_sealed)
		panic("kernel text at 0x%llx patched after it was sealed", (unsigned long long)va);
	if (!pt_translate(boot_handoff->kernel_cr3, va, &pa, &flags) ||
	    (va & (PAGE_SIZE - 1)) > PAGE_SIZE - len)
		panic("kernel text at 0x%llx cannot be patched", (unsigned long long)va);
	return phys_to_virt(pa);
}

/* Retarget each `call syscall_dispatch` (E8 rel32) at fn. */
static void dispatch_retarget(const void *fn)
{
	for (const uint64_t *site = __dispatch_sites_start; site < __dispatch_sites_end; site++) {
		uint8_t *insn = text_writable(*site, 5);
		if (insn[0] != 0xE8)
			panic("dispatch call site 0x%llx is not a call", (unsigned long long)*site);
		int32_t rel = (int32_t)((uint64_t)(uintptr_t)fn - (*site + 5));
		__builtin_memcpy(insn + 1, &rel, sizeof(rel));
	}
}

/* Each indirect-branch thunk's first instruction becomes a short jump
 * (EB rel8) to its retpoline (indirect_thunk.S). */
static void thunks_to_retpolines(void)
{
	for (const uint64_t *p = __thunk_patches_start; p < __thunk_patches_end; p += 2) {
		int64_t rel = (int64_t)(p[1] - (p[0] + 2));
		if (rel < 0 || rel > 127)
			panic("thunk 0x%llx: retpoline out of a short jump's reach",
			      (unsigned long long)p[0]);
		uint8_t *insn = text_writable(p[0], 2);
		insn[0] = 0xEB;
		insn[1] = (uint8_t)rel;
	}
}

void mitigation_init(const struct cpu_features *f, uint32_t force_on, uint32_t force_off)
{
	mitigation_decide(&f->spec, force_on, force_off, &mitigation_choice);
	mitigation_entry_flags = mitigation_choice.on | (mitigation_choice.pcid ? MIT_ENTRY_PCID : 0);
	if (mitigation_choice.on & MIT_BIT(MIT_RETPOLINE)) {
		dispatch_retarget((const void *)syscall_dispatch_retpoline);
		thunks_to_retpolines();
		uint32_t r[4];
		cpu_cpuid(0, 0, r); /* serialising: this CPU fetches the new bytes */
	}
}

uint64_t mitigation_cpu_setup(struct percpu *cpu)
{
	uint32_t on = mitigation_choice.on;
	if (on & MIT_BIT(MIT_PTI))
		cpu->tss.rsp[0] = (uint64_t)(uintptr_t)&cpu->entry_stack[ENTRY_STACK_WORDS];
	unsigned variant = (on & MIT_BIT(MIT_PTI) ? 4 : 0) | (on & MIT_BIT(MIT_CLEAR_REGS) ? 2 : 0) |
			   (on & MIT_BIT(MIT_VERW) ? 1 : 0);
	return syscall_entries[variant];
}

void mitigation_task_switch(int other_task)
{
	uint32_t on = mitigation_choice.on;
	if (!other_task) /* the same task again: nothing of another's to flush */
		return;
	if (on & MIT_BIT(MIT_IBPB))
		cpu_wrmsr(MSR_IA32_PRED_CMD, PRED_CMD_IBPB);
	if (on & MIT_BIT(MIT_RSB))
		mitigation_rsb_fill();
}

void mitigation_report(unsigned cpu)
{
	const struct mitigation_choice *c = &mitigation_choice;
	for (int i = 0; i < MIT_COUNT; i++) {
		const char *extra = "";
		if (i == MIT_VERW && (c->on & MIT_BIT(i)) && !c->md_clear)
			extra = " md_clear=no"; /* VERW runs, but clears nothing */
		if (i == MIT_PTI && (c->on & MIT_BIT(i)))
			extra = c->pcid ? " pcid=on" : " pcid=off";
		console_line(CON_INFO, "BOOT cpu=%u mitigation=%s state=%s why=%s%s", cpu,
			     mitigation_names[i], (c->on & MIT_BIT(i)) ? "on" : "off",
			     mitigation_why_name(c->why[i]), extra);
	}
}
