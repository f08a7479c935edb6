/* Per-CPU takeover: GDT, TSS, LDT, IDT, CR0/CR4/EFER, debug registers, CR3, GS and SYSCALL MSRs. */
#include "core/cpu/cpu_setup.h"
#include "core/cpu/control_regs.h"
#include "core/cpu/cpu.h"
#include "core/cpu/gdt.h"
#include "core/cpu/hw.h"
#include "core/cpu/idt.h"
#include "core/cpu/mitigation_hw.h"
#include "core/cpu/this_cpu.h"
#include "core/entry/entry.h"


volatile int cpu_setup_gs_ready;

/* Load GDTR, reload CS with a far return, the data segments, and TR. */
static void gdt_load(struct percpu *cpu)
{
	struct cpu_dtr gdtr = { sizeof(cpu->gdt) - 1, (uint64_t)(uintptr_t)cpu->gdt };
	__asm__ volatile("lgdt %0" ::"m"(gdtr));
	__asm__ volatile(
		"pushq %[cs]\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %[ds], %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		"xorl %%eax, %%eax\n\t"
		"movl %%eax, %%fs\n\t" /* null: the bases come from the MSRs */
		"movl %%eax, %%gs\n\t"
		:
		: [cs] "i"(SEL_KCODE), [ds] "i"(SEL_KDATA)
		: "rax", "memory");
	__asm__ volatile("ltr %w0" ::"r"(SEL_TSS));
}

static void percpu_fill(struct percpu *cpu, const struct handoff_cpu *hc, uint32_t cpu_id)
{
	*cpu = (struct percpu){ 0 };
	cpu->self = cpu;
	cpu->cpu_id = cpu_id;
	cpu->apic_id = hc->apic_id; /* the MADT's, all 32 bits (the loader matched the BSP's) */
	cpu->tss.rsp[0] = hc->kstack_top;
	cpu->kstack_top = hc->kstack_top;
	cpu->kernel_cr3 = boot_handoff->kernel_cr3;
	for (unsigned i = 0; i < IST_USED; i++) {
		/* The top word of each IST stack names this CPU's block for
		 * the paranoid entry; the CPU's pushes start below it. */
		uint64_t *top = (uint64_t *)(uintptr_t)hc->ist_top[i];
		top[-1] = (uint64_t)(uintptr_t)cpu;
		cpu->tss.ist[i] = hc->ist_top[i] - IST_TOP_RESERVED;
	}
	cpu->tss.iomap_base = sizeof(struct tss);
	gdt_fill(cpu->gdt, (uint64_t)(uintptr_t)&cpu->tss, sizeof(struct tss) - 1);
}

void cpu_setup(struct percpu *cpu, const struct handoff_cpu *hc, uint32_t cpu_id,
	       const struct cpu_features *feat)
{
	percpu_fill(cpu, hc, cpu_id);
	gdt_load(cpu); /* loads a null GS selector: on Intel that zeroes GS_BASE */
	/* GS before the IDT: a fault from here on reaches code that uses it. */
	cpu_wrmsr(MSR_GS_BASE, (uint64_t)(uintptr_t)cpu);
	cpu_setup_gs_ready = 1;
	idt_load();

	/* Whole values, nothing kept of the firmware's (control_regs.h). */
	cpu_write_cr0(control_cr0());
	cpu_write_cr4(control_cr4(feat, mitigation_choice.pcid));
	cpu_smap_enabled = feat->smap;
	cpu_wrmsr(MSR_EFER, control_efer(feat));
	/* No breakpoint or watchpoint of the firmware's can fire in the
	 * kernel (kernel_entry already cleared DR7 on the BSP). */
	cpu_write_dr7(DR7_RESET);
	cpu_write_dr0(0);
	cpu_write_dr1(0);
	cpu_write_dr2(0);
	cpu_write_dr3(0);
	cpu_write_dr6(DR6_RESET);
	cpu_lldt(0);
	/* No branch trace, no single-step on branches only: TF in ring 3
	 * means one instruction. */
	cpu_wrmsr(MSR_IA32_DEBUGCTL, 0);
	/* The memory types the page tables assume (uncached MMIO). */
	cpu_wrmsr(MSR_IA32_PAT, PAT_POWER_ON);
	cpu_write_cr3(boot_handoff->kernel_cr3);

	cpu_wrmsr(MSR_KERNEL_GS_BASE, 0);
	cpu_wrmsr(MSR_FS_BASE, 0);
	cpu_wrmsr(MSR_STAR, STAR_VALUE);
	cpu_wrmsr(MSR_LSTAR, mitigation_cpu_setup(cpu));
	/* No compatibility mode here (UCODE32 is not present), but a CSTAR of
	 * 0 would be a ring-0 jump to address 0 on CPUs that honour it. */
	cpu_wrmsr(MSR_CSTAR, (uint64_t)(uintptr_t)syscall_entry_compat);
	cpu_wrmsr(MSR_SYSENTER_CS, 0); /* SYSENTER from ring 3: #GP */
	cpu_wrmsr(MSR_SFMASK, SYSCALL_RFLAGS_MASK);
}
