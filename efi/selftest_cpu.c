/*
 * --selftest: hand the kernel a CPU in the state a careless firmware
 * could leave it in, to prove the kernel relies on none of it.
 */
#include "efi/efi_app.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"

/*
 * After ExitBootServices, interrupts off, immediately before the jump to
 * the kernel; touches no memory afterwards. watch is an address the
 * kernel reads first thing (the handoff, by its higher-half address).
 *  - DR0/DR7: an armed 8-byte read/write watchpoint on watch: a #DB
 *    through the firmware's IDT unless kernel_entry disarms it first;
 *  - CR4.TSD: RDTSC would #GP in ring 3; CR4.PCE: RDPMC would work there;
 *    CR4.FSGSBASE (where the CPU has it): WRGSBASE would work there;
 *  - CR0.TS: the first SSE instruction in ring 3 would be #NM.
 */
void selftest_cpu_leave_dirty(uint64_t watch)
{
	uint32_t r[4];
	uint64_t cr4 = cpu_read_cr4() | CR4_TSD | CR4_PCE;
	cpu_cpuid(0, 0, r);
	if (r[0] >= CPUID_LEAF_EXT_FEATURES) {
		cpu_cpuid(CPUID_LEAF_EXT_FEATURES, 0, r);
		if (r[1] & CPUID_7_EBX_FSGSBASE)
			cr4 |= CR4_FSGSBASE;
	}
	cpu_write_cr4(cr4);
	cpu_write_cr0(cpu_read_cr0() | CR0_TS);
	cpu_write_dr0(watch);
	cpu_write_dr7(DR7_RESET | DR7_L0 | (DR7_RW_ACCESS << DR7_RW0_SHIFT) |
		      (DR7_LEN_8 << DR7_LEN0_SHIFT));
}
