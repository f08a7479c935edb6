/* pure: MADT parsing and CPU selection (see madt.h). */
#include "efi/madt.h"
#include "core/cpu/lapic_icr.h"

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static int cpu_listed(const struct madt_info *out, uint32_t apic_id)
{
	for (uint32_t i = 0; i < out->count; i++)
		if (out->apic_ids[i] == apic_id)
			return 1;
	return 0;
}

/* Firmware lists a CPU with ID < 255 in a local APIC entry and may list
 * it again in an x2APIC entry; starting it twice would send a second
 * INIT to a CPU already running kernel code. A repeat of an ID that is
 * past the array cannot be recognised: it stays in skipped. */
static void cpu_add(struct madt_info *out, uint32_t apic_id, uint32_t flags)
{
	/* Online-capable without enabled (ACPI 6.3, 5.2.12.2) is a socket
	 * that may receive a CPU later, not a CPU to start now. */
	if (!(flags & MADT_LAPIC_ENABLED))
		out->skipped++;
	else if (cpu_listed(out, apic_id))
		out->duplicates++;
	else if (out->count == MADT_IDS_MAX)
		out->skipped++;
	else
		out->apic_ids[out->count++] = apic_id;
}

int madt_parse(const uint8_t *t, size_t len, struct madt_info *out)
{
	*out = (struct madt_info){ 0 };
	if (len < MADT_HEADER_LEN || t[0] != 'A' || t[1] != 'P' || t[2] != 'I' || t[3] != 'C')
		return -1;
	uint32_t total = le32(t + 4);
	if (total < MADT_HEADER_LEN || total > len)
		return -1;
	uint8_t sum = 0;
	for (uint32_t i = 0; i < total; i++)
		sum = (uint8_t)(sum + t[i]);
	if (sum != 0)
		return -1;
	out->lapic_base = le32(t + MADT_LAPIC_ADDR_OFF);
	for (uint32_t at = MADT_HEADER_LEN; at < total;) {
		if (total - at < 2 || t[at + 1] < 2 || t[at + 1] > total - at)
			return -1;
		const uint8_t *e = t + at;
		uint8_t type = e[0], elen = e[1];
		if (type == MADT_TYPE_LAPIC && elen >= 8)
			cpu_add(out, e[3], le32(e + 4));
		else if (type == MADT_TYPE_X2APIC && elen >= 16)
			cpu_add(out, le32(e + 4), le32(e + 8));
		else if (type == MADT_TYPE_LAPIC_ADDR_OVERRIDE && elen >= 12)
			out->lapic_base = le64(e + 4);
		at += elen;
	}
	return 0;
}

/* Why the CPU with this ID is not started, or MADT_CPU_TAKEN when it can
 * be. The bootstrap CPU runs already, so it needs no IPI and always fits. */
static uint8_t cpu_verdict(uint32_t apic_id, uint32_t bsp_id, int x2apic_mode, int full)
{
	uint32_t high;
	if (apic_id == bsp_id)
		return MADT_CPU_TAKEN;
	if (!x2apic_mode && lapic_icr_xapic_high(apic_id, &high))
		return MADT_CPU_UNADDRESSABLE;
	return full ? MADT_CPU_NO_ROOM : MADT_CPU_TAKEN;
}

void madt_select(const struct madt_info *madt, uint32_t bsp_id, int x2apic_mode, uint32_t *ids,
		 uint32_t max, struct madt_selection *out)
{
	*out = (struct madt_selection){ 0 };
	ids[out->count++] = bsp_id;
	for (uint32_t i = 0; i < madt->count && i < MADT_IDS_MAX; i++) {
		uint32_t id = madt->apic_ids[i];
		uint8_t why = cpu_verdict(id, bsp_id, x2apic_mode, out->count >= max);
		out->why[i] = why;
		if (why == MADT_CPU_UNADDRESSABLE)
			out->unaddressable++;
		else if (why == MADT_CPU_NO_ROOM)
			out->no_room++;
		else if (id != bsp_id)
			ids[out->count++] = id;
	}
}
