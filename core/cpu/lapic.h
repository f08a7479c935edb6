/* The local APIC (xAPIC, memory mapped), for starting the other CPUs. */
#ifndef CORE_LAPIC_H
#define CORE_LAPIC_H

#include <stdint.h>

/* Use the APIC at base (mapped uncached). Once, on the BSP; then as
 * lapic_cpu_init. */
void lapic_init(uint64_t base);
/* This CPU's APIC: software-enabled, every LVT entry masked but those the
 * firmware routes to SMM and, on the BSP, LINT1, which delivers the
 * platform's NMI. Each AP after its cpu_setup. Nothing without an APIC. */
void lapic_cpu_init(int bsp);
/* For the boot report: "masked" when every LVT entry of this CPU but
 * LINT1 is masked or routed to SMM, "UNMASKED" if one is not,
 * "untouched" without a driven APIC (none, or x2APIC mode); LINT1 as
 * "nmi", "masked", "other" or "none". */
const char *lapic_lvt_state(void);
const char *lapic_lint1_mode(void);
uint32_t lapic_id(void);
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

#endif
