/* The boot report (format in docs/abi.md). */
#include "core/boot/boot_report.h"
#include "core/abi/abi.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/cpu/fpu.h"
#include "core/cpu/lapic.h"
#include "core/cpu/this_cpu.h"
#include "core/cpu/time.h"
#include "core/dev/pic.h"

static const char *on_off(uint64_t v)
{
	return v ? "on" : "off";
}

void boot_report(const struct handoff *h, const struct cpu_features *feat)
{
	unsigned id = this_cpu_id();
	struct cpu_dtr gdtr = cpu_sgdt(), idtr = cpu_sidt();
	uint64_t cr4 = cpu_read_cr4(), efer = cpu_rdmsr(MSR_EFER);
	typedef unsigned long long ull;

	console_line(CON_INFO, "BOOT cpu=%u apic_id=%u", id, this_cpu()->apic_id);
	console_line(CON_INFO, "BOOT cpu=%u gdtr=0x%llx limit=0x%x", id, (ull)gdtr.base, gdtr.limit);
	console_line(CON_INFO, "BOOT cpu=%u idtr=0x%llx limit=0x%x", id, (ull)idtr.base, idtr.limit);
	console_line(CON_INFO, "BOOT cpu=%u tr=0x%x", id, cpu_str());
	console_line(CON_INFO, "BOOT cpu=%u percpu=0x%llx rsp0=0x%llx ist1=0x%llx", id,
		     (ull)(uintptr_t)this_cpu(), (ull)this_cpu()->tss.rsp[0], (ull)this_cpu()->tss.ist[0]);
	console_line(CON_INFO, "BOOT cpu=%u cr0=0x%llx", id, (ull)cpu_read_cr0());
	console_line(CON_INFO, "BOOT cpu=%u cr3=0x%llx", id, (ull)cpu_read_cr3());
	console_line(CON_INFO, "BOOT cpu=%u cr4=0x%llx smep=%s smap=%s umip=%s", id, (ull)cr4,
		     on_off(cr4 & CR4_SMEP), on_off(cr4 & CR4_SMAP), on_off(cr4 & CR4_UMIP));
	console_line(CON_INFO, "BOOT cpu=%u efer=0x%llx sce=%s nxe=%s", id, (ull)efer,
		     on_off(efer & EFER_SCE), on_off(efer & EFER_NXE));
	console_line(CON_INFO, "BOOT cpu=%u dr7=0x%llx dr6=0x%llx dr0=0x%llx dr1=0x%llx dr2=0x%llx dr3=0x%llx ldtr=0x%x",
		     id, (ull)cpu_read_dr7(), (ull)cpu_read_dr6(), (ull)cpu_read_dr0(),
		     (ull)cpu_read_dr1(), (ull)cpu_read_dr2(), (ull)cpu_read_dr3(), cpu_sldt());
	console_line(CON_INFO, "BOOT cpu=%u pat=0x%llx debugctl=0x%llx", id,
		     (ull)cpu_rdmsr(MSR_IA32_PAT), (ull)cpu_rdmsr(MSR_IA32_DEBUGCTL));
	console_line(CON_INFO, "BOOT cpu=%u pic_masks=0x%x lapic_lvt=%s lint1=%s", id, pic_masks(),
		     lapic_lvt_state(), lapic_lint1_mode());
	console_line(CON_INFO, "BOOT cpu=%u star=0x%016llx", id, (ull)cpu_rdmsr(MSR_STAR));
	console_line(CON_INFO, "BOOT cpu=%u lstar=0x%llx", id, (ull)cpu_rdmsr(MSR_LSTAR));
	console_line(CON_INFO, "BOOT cpu=%u sfmask=0x%llx", id, (ull)cpu_rdmsr(MSR_SFMASK));
	console_line(CON_INFO, "BOOT cpu=%u gs_base=0x%llx kernel_gs_base=0x%llx", id,
		     (ull)cpu_rdmsr(MSR_GS_BASE), (ull)cpu_rdmsr(MSR_KERNEL_GS_BASE));
	console_line(CON_INFO, "BOOT cpu=%u features nx=%s smep=%s smap=%s umip=%s rdtscp=%s mce=%s"
		     " xsave=%s avx=%s pku=%s tsc_deadline=%s x2apic=%s vendor=%s",
		     id, on_off(feat->nx), on_off(feat->smep), on_off(feat->smap),
		     on_off(feat->umip), on_off(feat->rdtscp), on_off(feat->mce), on_off(feat->xsave),
		     on_off(feat->avx), on_off(feat->pku), on_off(feat->tsc_deadline),
		     on_off(feat->x2apic), feat->vendor);
	console_line(CON_INFO, "BOOT cpu=%u apic=%s timer=%s timer_khz=%llu", id, lapic_mode(),
		     lapic_timer_mode(), (ull)lapic_timer_khz());
	uint64_t xcr0 = fpu_xcr0() ? cpu_xgetbv(0) : 0; /* read back, not what was meant */
	console_line(CON_INFO, "BOOT cpu=%u fpu=%s xcr0=0x%llx xsave_size=%u", id, fpu_mode(), (ull)xcr0,
		     fpu_area_size());
	console_line(CON_INFO, "BOOT cpu=%u tsc=%s hz=%llu", id,
		     h->tsc_shift >= 0 ? "instructions" : feat->tcg ? "emulator-ticks" : "cycles",
		     (ull)time_tsc_hz());
	const struct pmu_info *pmu = &feat->pmu;
	if (pmu->used) /* read back, not what was meant */
		console_line(CON_INFO, "BOOT cpu=%u pmu=fixed version=%u counters=instructions,cycles"
			     " rdpmc=0x%x,0x%x width=%u rings=0,3 global_ctrl=0x%llx fixed_ctr_ctrl=0x%llx",
			     id, pmu->version, RING3_RDPMC_INSTRUCTIONS, RING3_RDPMC_CYCLES,
			     pmu->fixed_width, (ull)cpu_rdmsr(MSR_IA32_PERF_GLOBAL_CTRL),
			     (ull)cpu_rdmsr(MSR_IA32_FIXED_CTR_CTRL));
	else
		console_line(CON_INFO, "BOOT cpu=%u pmu=none why=%s version=%u", id,
			     pmu_why_name(pmu->why), pmu->version);
	console_line(CON_INFO, "BOOT cpu=%u reset_system=0x%llx", id, (ull)h->efi_reset_system);
	static const char *const formats[] = { "none", "rgbx", "bgrx", "bitmask" };
	if (h->fb.format == FB_FORMAT_NONE)
		console_line(CON_INFO, "BOOT cpu=%u framebuffer=none", id);
	else
		console_line(CON_INFO, "BOOT cpu=%u framebuffer=0x%llx size=0x%llx mode=%ux%u stride=%u format=%s",
			     id, (ull)h->fb.base, (ull)h->fb.size, h->fb.width, h->fb.height,
			     h->fb.stride, formats[h->fb.format & 3]);
}
