/* pure: The kernel's control register values: each bit chosen (control_regs.h). */
#include "core/cpu/control_regs.h"
#include "core/cpu/hw.h"

/* Clear: EM and TS (x87 and SSE usable, no lazy switching), CD and NW
 * (caches on). */
uint64_t control_cr0(void)
{
	return CR0_PE |  /* protected mode: long mode needs it */
	       CR0_MP |  /* WAIT/FWAIT honour TS (with NE, as every modern OS) */
	       CR0_ET |  /* reads as 1 anyway */
	       CR0_NE |  /* x87 errors as #MF, not the legacy IRQ 13 */
	       CR0_WP |  /* read-only pages bind the kernel too */
	       CR0_AM |  /* RFLAGS.AC makes misaligned ring-3 accesses #AC, as on Linux */
	       CR0_PG;   /* paging: long mode needs it */
}

/*
 * Clear: VME and PVI (no virtual-8086 mode); TSD (RDTSC stays a ring-3
 * instruction: the benchmarks use it); DE; PSE (meaningless in long
 * mode); PGE (no global pages: the kernel marks none); LA57 (4-level
 * tables: the loader refuses a firmware in 5-level mode); FSGSBASE (ring
 * 3 sets its bases with arch_prctl, so WRGSBASE never puts the kernel's
 * GS in user hands). PCE only with the fixed counters running, PCIDE only
 * for page-table isolation with PCIDs.
 */
uint64_t control_cr4(const struct cpu_features *f, int pcid)
{
	return CR4_PAE |                        /* long-mode paging needs it */
	       (f->mce ? CR4_MCE : 0) |         /* #MC reaches the kernel, not a shutdown */
	       CR4_OSFXSR |                     /* SSE usable in ring 3 (the x86-64 ABI has it) */
	       CR4_OSXMMEXCPT |                 /* unmasked SSE exceptions are #XM */
	       (f->umip ? CR4_UMIP : 0) |       /* SGDT/SIDT/SLDT/SMSW/STR #GP in ring 3 */
	       (f->smep ? CR4_SMEP : 0) |       /* no kernel fetch from user pages */
	       (f->smap ? CR4_SMAP : 0) |       /* no kernel access to user pages but under STAC */
	       (f->xsave ? CR4_OSXSAVE : 0) |   /* XSAVE, XCR0 and AVX usable (the task state) */
	       (f->xsave && f->pku && (f->xstate_supported & XFEATURE_PKRU) ? CR4_PKE : 0) |
						/* protection keys: PKRU is part of the task state */
	       (f->pmu.used ? CR4_PCE : 0) |    /* RDPMC in ring 3, only where the fixed
						   counters count (pmu_plan.h); else #GP */
	       (pcid ? CR4_PCIDE : 0);          /* page-table isolation keeps the TLB across
						   its CR3 switches (kernel PCID 0, user 1) */
}

/* Clear: everything else (AMD's SVME, LMSLE, FFXSR, TCE). */
uint64_t control_efer(const struct cpu_features *f)
{
	return EFER_SCE |                 /* SYSCALL/SYSRET */
	       EFER_LME | EFER_LMA |      /* long mode (LMA is the CPU's; written as it reads) */
	       (f->nx ? EFER_NXE : 0);    /* the NX bit in page tables */
}
