/*
 * The ACPI MADT ("APIC" table): which CPUs exist and where the local APIC
 * is, and which of them this kernel can start. Pure: parses bytes the
 * caller has found (efi/acpi.c).
 *
 * APIC IDs are 32 bits throughout: an x2APIC entry may name any ID, and
 * only the xAPIC's ICR narrows it (core/cpu/lapic_icr.h decides which IDs
 * survive that).
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
#define MADT_LAPIC_ONLINE_CAPABLE 0x2 /* flags: not enabled, may be hot-added later */
#define MADT_IDS_MAX        256  /* distinct CPUs madt_parse keeps */

struct madt_info {
	uint64_t lapic_base;
	uint32_t count;            /* distinct CPUs listed (enabled or online-capable) */
	uint32_t apic_ids[MADT_IDS_MAX]; /* their APIC IDs, in table order */
	uint32_t skipped;          /* entries not enabled (online-capable ones too), or beyond apic_ids */
	uint32_t duplicates;       /* usable entries whose APIC ID is already in apic_ids */
};

/* Parse a MADT of len bytes. 0, or -1 when it is not a well-formed MADT
 * (signature, length, checksum, entry lengths). A CPU may be listed twice
 * (a local APIC entry and an x2APIC entry for the same ID, or one type
 * repeated): it is kept once, the later entries counted in duplicates. */
int madt_parse(const uint8_t *table, size_t len, struct madt_info *out);

/* Why madt_select left a listed CPU out (or did not). */
#define MADT_CPU_TAKEN         0 /* in the list: started, or the bootstrap CPU */
#define MADT_CPU_UNADDRESSABLE 1 /* xAPIC mode, and the xAPIC ICR cannot name its ID */
#define MADT_CPU_NO_ROOM       2 /* more CPUs than the list holds */

struct madt_selection {
	uint32_t count;            /* IDs written: ids[0] is the bootstrap CPU */
	uint32_t unaddressable;    /* CPUs left out as MADT_CPU_UNADDRESSABLE */
	uint32_t no_room;          /* CPUs left out as MADT_CPU_NO_ROOM */
	uint8_t why[MADT_IDS_MAX]; /* MADT_CPU_* for each madt->apic_ids[i], i < count */
};

/*
 * The CPUs to run on, from a parsed MADT: ids[0] = bsp_id (whether or not
 * the MADT lists it), then every other listed CPU the kernel can start, in
 * table order, up to max IDs in all (max >= 1). x2apic_mode says how the
 * firmware left the local APIC (IA32_APIC_BASE.EXTD): in x2APIC mode the
 * ICR names any 32-bit ID; in xAPIC mode a CPU whose ID the xAPIC ICR
 * cannot address is left out (never truncated into some other CPU's ID).
 * out says why for each listed CPU.
 */
void madt_select(const struct madt_info *madt, uint32_t bsp_id, int x2apic_mode, uint32_t *ids,
		 uint32_t max, struct madt_selection *out);

#endif
