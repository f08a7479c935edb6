/*
 * The local APIC: its interrupt sources, IPIs (AP start-up, the panic's
 * NMIs), end of interrupt, and its timer. Driven through the xAPIC's
 * memory-mapped registers, or, when the firmware handed it over in
 * x2APIC mode (IA32_APIC_BASE.EXTD), through the x2APIC MSRs: the same
 * registers at MSR 0x800 + offset / 16 (lapic_icr.h), with a 64-bit ICR
 * and 32-bit IDs. Kernel mode, interrupts off.
 */
#ifndef CORE_LAPIC_H
#define CORE_LAPIC_H

#include <stdint.h>

/* Use this CPU's APIC: mmio is where the xAPIC page is mapped (uncached),
 * x2apic selects the MSR interface instead. Once, on the BSP; then as
 * lapic_cpu_init. */
void lapic_init(uint64_t mmio, int x2apic);
/* This CPU's APIC: software-enabled with IRQ_VEC_SPURIOUS, its error
 * interrupt on IRQ_VEC_ERROR, every other LVT entry masked but those the
 * firmware routes to SMM and, on the BSP, LINT1, which delivers the
 * platform's NMI. Each AP after its cpu_setup. Nothing without an APIC. */
void lapic_cpu_init(int bsp);
/* "xapic", "x2apic", or "none". */
const char *lapic_mode(void);
/* For the boot report: "masked" when every LVT entry of this CPU but
 * LINT1 and the error entry is masked or routed to SMM, "UNMASKED" if
 * one is not, "untouched" without an APIC; LINT1 as "nmi", "masked",
 * "other" or "none". */
const char *lapic_lvt_state(void);
const char *lapic_lint1_mode(void);
/* This CPU's APIC ID: 8 bits (xAPIC) or 32 (x2APIC). */
uint32_t lapic_id(void);
/* End of interrupt, for every vector but the spurious one. */
void lapic_eoi(void);
/* Read and clear the error status (ESR). */
uint32_t lapic_error_status(void);

/* INIT to apic_id: an AP given up on goes back to waiting for a SIPI,
 * wherever it was. 0 once the APIC has sent it, -1 if that is not sure. */
int lapic_stop_ap(uint32_t apic_id);
/* An NMI to apic_id (a panic stopping the other CPUs). */
void lapic_send_nmi(uint32_t apic_id);
/* INIT-SIPI-SIPI to apic_id, starting it at vector_page << 12. Waits as
 * the SDM asks (10 ms, 200 us); never forever on a stuck ICR. 0, or -1
 * with no IPI sent when the xAPIC cannot address apic_id (above
 * LAPIC_XAPIC_ID_MAX); the caller reports it. */
int lapic_start_ap(uint32_t apic_id, uint8_t vector_page);

/*
 * The timer, one-shot, on IRQ_VEC_TIMER: TSC-deadline mode where CPUID
 * has it (the deadline is a TSC value), else one-shot count mode at a
 * rate measured against the TSC at boot. lapic_timer_calibrate: once, on
 * the BSP, after time_calibrate. lapic_timer_cpu_init: each CPU.
 * lapic_timer_arm: fire once when the TSC reaches deadline (0: never).
 */
void lapic_timer_calibrate(int tsc_deadline);
void lapic_timer_cpu_init(void);
void lapic_timer_arm(uint64_t deadline);
/* 1 when the timer has fired and its interrupt waits to be taken (IRR). */
int lapic_timer_pending(void);
/* "tsc-deadline", "one-shot" or "none", and the count rate in kHz (the
 * TSC's in TSC-deadline mode). */
const char *lapic_timer_mode(void);
uint64_t lapic_timer_khz(void);

#endif
