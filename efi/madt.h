/*
 * The ACPI MADT ("APIC" table): which CPUs exist and where the local APIC
 * is. Pure: parses bytes the caller has found (efi/acpi.c).
 */
#ifndef CORE_MADT_H
#define CORE_MADT_H

#include <stddef.h>
#include <stdint.h>

#define MADT_SIGNATURE      "APIC"
#define MADT_HEADER_LEN     44   /* SDT header (36) + LAPIC address + flags */
#define MADT_LAPIC_ADDR_OFF 36   /* 32-bit local APIC physical address */
#define MADT_TYPE_LAPIC     0    /* processor local APIC */
#define MADT_TYPE_LAPIC_ADDR_OVERRIDE 5 /* 64-bit local APIC address */
#define MADT_TYPE_X2APIC    9    /* processor local x2APIC */
#define MADT_LAPIC_ENABLED  0x1  /* flags: usable now */
#define MADT_LAPIC_ONLINE_CAPABLE 0x2 /* flags: can be brought online */

struct madt_info {
	uint64_t lapic_base;
	uint32_t count;            /* CPUs listed (enabled or online-capable) */
	uint32_t apic_ids[256];
	uint32_t skipped;          /* listed but disabled, or beyond apic_ids */
};

/* Parse a MADT of len bytes. 0, or -1 when it is not a well-formed MADT
 * (signature, length, checksum, entry lengths). */
int madt_parse(const uint8_t *table, size_t len, struct madt_info *out);

#endif
