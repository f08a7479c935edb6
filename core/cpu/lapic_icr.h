/*
 * Where an IPI goes: the destination half of the interrupt command
 * register, for each way of driving the local APIC (SDM vol. 3, 11.6.1
 * and 11.12.9). APIC IDs are 32 bits everywhere; only the xAPIC register
 * narrows them, so the narrowing is checked here, in one place.
 *
 * Pure: no CPU or EFI headers.
 */
#ifndef CORE_LAPIC_ICR_H
#define CORE_LAPIC_ICR_H

#include <stdint.h>

/* xAPIC (MMIO): the LAPIC_ICR_HIGH value that sends to apic_id alone, in
 * *high. 0, or -1 with *high untouched when the 8-bit field cannot name
 * that CPU: IDs above LAPIC_XAPIC_ID_MAX (0xFF would reach every CPU, and
 * anything wider would be cut to some other CPU's ID). */
int lapic_icr_xapic_high(uint32_t apic_id, uint32_t *high);

/* x2APIC (MSR_IA32_X2APIC_ICR): the one 64-bit value that sends command
 * (delivery mode, vector, level: the LAPIC_ICR_LOW bits) to apic_id.
 * Every 32-bit ID is addressable. */
uint64_t lapic_icr_x2apic(uint32_t apic_id, uint32_t command);

/* x2APIC mode: the MSR that holds the xAPIC register at MMIO offset reg
 * (SDM vol. 3, 11.12.1.2: 0x800 + offset / 16). The ICR's two halves are
 * one MSR there; its high half (0x310) has none: 0. */
uint32_t lapic_x2apic_msr(uint32_t reg);

#endif
