/* MADT parsing (pure; see madt.h). */
#include "efi/madt.h"

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static void cpu_add(struct madt_info *out, uint32_t apic_id, uint32_t flags)
{
	if (!(flags & (MADT_LAPIC_ENABLED | MADT_LAPIC_ONLINE_CAPABLE)) ||
	    out->count == sizeof(out->apic_ids) / sizeof(out->apic_ids[0])) {
		out->skipped++;
		return;
	}
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
