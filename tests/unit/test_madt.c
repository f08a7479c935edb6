/*
 * madt_parse: synthetic MADT byte buffers. The builder lays out the
 * 44-byte header, appends entries, then fixes the length field and the
 * checksum, so each test states only what it is about. Buffers the parser
 * reads are heap copies of exactly the bytes given, so ASan catches a
 * read past the end.
 */
#include <stdlib.h>
#include <string.h>
#include "core/cpu/hw.h"
#include "core/cpu/percpu.h"
#include "efi/madt.h"
#include "unit.h"

struct mbuf {
	uint8_t b[4096];
	uint32_t len;
};

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static void m_init(struct mbuf *m, uint32_t lapic_addr)
{
	memset(m, 0, sizeof(*m));
	memcpy(m->b, "APIC", 4);
	m->b[8] = 4; /* revision */
	memcpy(m->b + 10, "OEMID ", 6);
	memcpy(m->b + 16, "OEMTABLE", 8);
	put32(m->b + MADT_LAPIC_ADDR_OFF, lapic_addr);
	put32(m->b + 40, 1); /* flags: PCAT_COMPAT */
	m->len = MADT_HEADER_LEN;
}

static uint8_t *m_entry(struct mbuf *m, uint8_t type, uint8_t len)
{
	uint8_t *e = m->b + m->len;
	e[0] = type;
	e[1] = len;
	m->len += len;
	return e;
}

static void m_lapic(struct mbuf *m, uint8_t acpi_id, uint8_t apic_id, uint32_t flags)
{
	uint8_t *e = m_entry(m, MADT_TYPE_LAPIC, 8);
	e[2] = acpi_id;
	e[3] = apic_id;
	put32(e + 4, flags);
}

static void m_x2apic(struct mbuf *m, uint32_t x2apic_id, uint32_t flags, uint32_t uid)
{
	uint8_t *e = m_entry(m, MADT_TYPE_X2APIC, 16);
	put32(e + 4, x2apic_id);
	put32(e + 8, flags);
	put32(e + 12, uid);
}

static void m_override(struct mbuf *m, uint64_t addr)
{
	uint8_t *e = m_entry(m, MADT_TYPE_LAPIC_ADDR_OVERRIDE, 12);
	put64(e + 4, addr);
}

static void m_ioapic(struct mbuf *m, uint8_t id, uint32_t addr, uint32_t gsi_base)
{
	uint8_t *e = m_entry(m, 1, 12);
	e[2] = id;
	put32(e + 4, addr);
	put32(e + 8, gsi_base);
}

/* Set the length field to total and the checksum over total bytes. */
static void m_seal_len(struct mbuf *m, uint32_t total)
{
	put32(m->b + 4, total);
	m->b[9] = 0;
	uint8_t sum = 0;
	for (uint32_t i = 0; i < total && i < sizeof(m->b); i++)
		sum = (uint8_t)(sum + m->b[i]);
	m->b[9] = (uint8_t)(0u - sum);
}

static void m_seal(struct mbuf *m)
{
	m_seal_len(m, m->len);
}

/* madt_parse on an exact-size heap copy of the first len bytes. */
static int parse_n(const struct mbuf *m, size_t len, struct madt_info *out)
{
	uint8_t *copy = malloc(len ? len : 1);
	memcpy(copy, m->b, len);
	int r = madt_parse(copy, len, out);
	free(copy);
	return r;
}

static int parse(const struct mbuf *m, struct madt_info *out)
{
	return parse_n(m, m->len, out);
}

static struct madt_info info; /* big (1 KiB+): keep it off the test stack */

/* The IDs got (got_n of them) are exactly want[0..n), in order. */
static void check_list(const uint32_t *got, uint64_t got_n, const uint32_t *want, uint32_t n)
{
	if (!CHECK_EQ_U64(got_n, n))
		return;
	for (uint32_t i = 0; i < n; i++)
		CHECK_EQ_U64(got[i], want[i]);
}

#define ID_LIST(...) (const uint32_t[]){ __VA_ARGS__ }, \
	sizeof((const uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t)
/* madt_parse kept exactly these APIC IDs, in this order. */
#define CHECK_PARSED(...) check_list(info.apic_ids, info.count, ID_LIST(__VA_ARGS__))

UNIT_TEST(madt_header_only)
{
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	m_seal(&m);
	memset(&info, 0x5A, sizeof(info)); /* the parser must clear what it returns */
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_EQ_U64(info.lapic_base, 0xFEE00000);
	CHECK_EQ_U64(info.count, 0);
	CHECK_EQ_U64(info.skipped, 0);
	CHECK_EQ_U64(info.duplicates, 0);
	CHECK_EQ_U64(info.apic_ids[0], 0);
}

UNIT_TEST(madt_lapic_in_order)
{
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	m_lapic(&m, 0, 0, MADT_LAPIC_ENABLED);
	m_ioapic(&m, 8, 0xFEC00000, 0); /* other types are skipped */
	m_lapic(&m, 1, 2, MADT_LAPIC_ENABLED);
	m_lapic(&m, 2, 7, MADT_LAPIC_ENABLED);
	/* Interrupt source override (type 2, len 10) and local APIC NMI
	 * (type 4, len 6): odd lengths, walked over all the same. */
	uint8_t *iso = m_entry(&m, 2, 10);
	iso[3] = 0, iso[4] = 2;
	uint8_t *nmi = m_entry(&m, 4, 6);
	nmi[2] = 0xFF, nmi[5] = 1;
	m_lapic(&m, 3, 255, MADT_LAPIC_ENABLED);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_EQ_U64(info.lapic_base, 0xFEE00000);
	CHECK_PARSED(0, 2, 7, 255);
	CHECK_EQ_U64(info.skipped, 0);
}

UNIT_TEST(madt_apic_id_not_acpi_id)
{
	/* The id kept is the APIC id (byte 3), not the ACPI processor id (byte 2). */
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	m_lapic(&m, 9, 4, MADT_LAPIC_ENABLED);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_EQ_U64(info.count, 1);
	CHECK_EQ_U64(info.apic_ids[0], 4);
}

UNIT_TEST(madt_disabled_and_online_capable)
{
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	m_lapic(&m, 0, 0, MADT_LAPIC_ENABLED);
	m_lapic(&m, 1, 1, 0);                         /* disabled */
	m_lapic(&m, 2, 2, MADT_LAPIC_ONLINE_CAPABLE); /* a hot-plug socket: not started */
	m_lapic(&m, 3, 3, 0xFFFFFFFC);                /* no usable bit set: disabled */
	m_lapic(&m, 4, 4, MADT_LAPIC_ENABLED | MADT_LAPIC_ONLINE_CAPABLE);
	m_x2apic(&m, 0x100, 0, 5);                    /* disabled x2APIC */
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_PARSED(0, 4);
	CHECK_EQ_U64(info.skipped, 4);
}

UNIT_TEST(madt_x2apic)
{
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	m_lapic(&m, 0, 1, MADT_LAPIC_ENABLED);
	m_x2apic(&m, 0x12345678, MADT_LAPIC_ENABLED, 0xAABBCCDD);
	m_x2apic(&m, 256, MADT_LAPIC_ENABLED, 2);
	m_x2apic(&m, 0x300, MADT_LAPIC_ONLINE_CAPABLE, 4); /* hot-plug socket */
	m_x2apic(&m, 0xFFFFFFFE, MADT_LAPIC_ENABLED, 3);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_PARSED(1, 0x12345678 /* the id, not the UID */, 256, 0xFFFFFFFE);
	CHECK_EQ_U64(info.skipped, 1);
}

UNIT_TEST(madt_short_cpu_entries_ignored)
{
	/* Well-formed in length (>= 2) but too short to hold the fields:
	 * walked over, neither counted nor skipped. */
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	uint8_t *e = m_entry(&m, MADT_TYPE_LAPIC, 4);
	e[3] = 5;
	e = m_entry(&m, MADT_TYPE_X2APIC, 12);
	put32(e + 4, 6);
	put32(e + 8, MADT_LAPIC_ENABLED);
	e = m_entry(&m, MADT_TYPE_LAPIC_ADDR_OVERRIDE, 8);
	put32(e + 4, 0x1000);
	m_lapic(&m, 0, 3, MADT_LAPIC_ENABLED);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_EQ_U64(info.count, 1);
	CHECK_EQ_U64(info.apic_ids[0], 3);
	CHECK_EQ_U64(info.skipped, 0);
	CHECK_EQ_U64(info.lapic_base, 0xFEE00000);
}

UNIT_TEST(madt_lapic_override)
{
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	m_lapic(&m, 0, 0, MADT_LAPIC_ENABLED);
	m_override(&m, 0x0000012345678000ull); /* full 64 bits */
	m_lapic(&m, 1, 1, MADT_LAPIC_ENABLED);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_EQ_U64(info.lapic_base, 0x0000012345678000ull);
	CHECK_EQ_U64(info.count, 2);

	/* Override first, before any CPU: still wins over the header. */
	m_init(&m, 0xFEE00000);
	m_override(&m, 0xFED00000);
	m_lapic(&m, 0, 0, MADT_LAPIC_ENABLED);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_EQ_U64(info.lapic_base, 0xFED00000);

	/* A 32-bit header address with the top bit set is not sign-extended. */
	m_init(&m, 0xFFFFF000);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_EQ_U64(info.lapic_base, 0xFFFFF000ull);
}

UNIT_TEST(madt_length_field_governs)
{
	/* The buffer may be longer than the table: bytes after `length` are
	 * not looked at (neither summed nor parsed). */
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	m_lapic(&m, 0, 1, MADT_LAPIC_ENABLED);
	m_seal(&m);
	m_lapic(&m, 1, 2, MADT_LAPIC_ENABLED); /* beyond the table; breaks no sum */
	m.b[m.len++] = 0x77;
	CHECK_EQ_I64(parse_n(&m, m.len, &info), 0);
	CHECK_EQ_U64(info.count, 1);
	CHECK_EQ_U64(info.apic_ids[0], 1);
}

UNIT_TEST(madt_entry_ends_exactly)
{
	/* The last entry ends exactly at `length`: fine. */
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	m_x2apic(&m, 42, MADT_LAPIC_ENABLED, 0);
	m_seal(&m);
	CHECK_EQ_U64(m.len, MADT_HEADER_LEN + 16);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_EQ_U64(info.count, 1);
	CHECK_EQ_U64(info.apic_ids[0], 42);
}

UNIT_TEST(madt_refuse_signature)
{
	static const char *const sigs[] = { "APIX", "FACP", "apic", "XPIC", "AAIC" };
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct mbuf m;
		m_init(&m, 0xFEE00000);
		m_lapic(&m, 0, 0, MADT_LAPIC_ENABLED);
		memcpy(m.b, sigs[i], 4);
		m_seal(&m); /* checksum right, signature wrong */
		CHECK_EQ_I64(parse(&m, &info), -1);
	}
}

UNIT_TEST(madt_refuse_checksum)
{
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	m_lapic(&m, 0, 0, MADT_LAPIC_ENABLED);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	m.b[9]++;
	CHECK_EQ_I64(parse(&m, &info), -1);
	m.b[9]--;
	m.b[m.len - 1] ^= 0x10; /* the last byte of the last entry counts too */
	CHECK_EQ_I64(parse(&m, &info), -1);
	m.b[m.len - 1] ^= 0x10;
	m.b[20] ^= 0x01; /* an OEM byte in the header */
	CHECK_EQ_I64(parse(&m, &info), -1);
	m.b[20] ^= 0x01;
	CHECK_EQ_I64(parse(&m, &info), 0);
}

UNIT_TEST(madt_refuse_lengths)
{
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	m_lapic(&m, 0, 0, MADT_LAPIC_ENABLED);

	/* length field shorter than the header (checksum kept right). */
	static const uint32_t shorts[] = { 0, 1, 36, MADT_HEADER_LEN - 1 };
	for (unsigned i = 0; i < sizeof(shorts) / sizeof(shorts[0]); i++) {
		m_seal_len(&m, shorts[i]);
		CHECK_EQ_I64(parse(&m, &info), -1);
	}
	/* length field longer than the buffer. */
	m_seal_len(&m, m.len + 1);
	CHECK_EQ_I64(parse(&m, &info), -1);
	m_seal_len(&m, 0xFFFFFFFF);
	CHECK_EQ_I64(parse(&m, &info), -1);
	/* Buffer shorter than the header: no read past it. */
	m_seal(&m);
	for (size_t n = 0; n < MADT_HEADER_LEN; n++)
		CHECK_EQ_I64(parse_n(&m, n, &info), -1);
	/* Buffer cut inside the table. */
	CHECK_EQ_I64(parse_n(&m, m.len - 1, &info), -1);
	CHECK_EQ_I64(parse_n(&m, m.len, &info), 0);
}

UNIT_TEST(madt_refuse_bad_entries)
{
	struct mbuf m;
	/* Entry length 0 (would loop forever) and 1 (shorter than its own header). */
	for (uint8_t elen = 0; elen < 2; elen++) {
		m_init(&m, 0xFEE00000);
		m_lapic(&m, 0, 0, MADT_LAPIC_ENABLED);
		uint8_t *e = m_entry(&m, MADT_TYPE_LAPIC, elen);
		m.len = (uint32_t)(e - m.b) + 8; /* bytes follow, so only elen is wrong */
		m_seal(&m);
		CHECK_EQ_I64(parse(&m, &info), -1);
	}
	/* An entry running past the end of the table. */
	m_init(&m, 0xFEE00000);
	m_lapic(&m, 0, 0, MADT_LAPIC_ENABLED);
	m_x2apic(&m, 1, MADT_LAPIC_ENABLED, 0);
	m_seal_len(&m, m.len - 1);
	CHECK_EQ_I64(parse(&m, &info), -1);
	/* ...by a lot, with the buffer holding the bytes. */
	m_init(&m, 0xFEE00000);
	uint8_t *e = m_entry(&m, 1, 255);
	m.len = (uint32_t)(e - m.b) + 12;
	m_seal(&m);
	CHECK_EQ_I64(parse_n(&m, sizeof(m.b), &info), -1);
	/* A lone trailing byte: no room for an entry header. */
	m_init(&m, 0xFEE00000);
	m_lapic(&m, 0, 0, MADT_LAPIC_ENABLED);
	m.b[m.len++] = MADT_TYPE_LAPIC;
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), -1);
}

UNIT_TEST(madt_more_than_256_cpus)
{
	static struct mbuf m;
	m_init(&m, 0xFEE00000);
	/* 200 local APICs, then 100 x2APICs: 300 CPUs, one disabled. */
	for (unsigned i = 0; i < 200; i++)
		m_lapic(&m, (uint8_t)i, (uint8_t)i, i == 10 ? 0 : MADT_LAPIC_ENABLED);
	for (unsigned i = 0; i < 100; i++)
		m_x2apic(&m, 1000 + i, MADT_LAPIC_ENABLED, i);
	m_seal(&m);
	CHECK(m.len <= sizeof(m.b));
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_EQ_U64(info.count, 256);
	CHECK_EQ_U64(info.skipped, 300 - 256); /* 1 disabled + 43 beyond the array */
	CHECK_EQ_U64(info.apic_ids[9], 9);
	CHECK_EQ_U64(info.apic_ids[10], 11); /* the disabled one left no gap */
	CHECK_EQ_U64(info.apic_ids[198], 199);
	CHECK_EQ_U64(info.apic_ids[199], 1000);
	CHECK_EQ_U64(info.apic_ids[255], 1056);
	/* A CPU already kept, listed again past the limit, is a duplicate,
	 * not one more CPU without room. */
	m_x2apic(&m, 5, MADT_LAPIC_ENABLED, 500);
	m_x2apic(&m, 1056, MADT_LAPIC_ENABLED, 501); /* the last one kept */
	m_lapic(&m, 0, 199, MADT_LAPIC_ENABLED);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_EQ_U64(info.count, 256);
	CHECK_EQ_U64(info.skipped, 300 - 256);
	CHECK_EQ_U64(info.duplicates, 3);
	/* Past the limit, entries still walk: a later override is applied. */
	m_override(&m, 0xABC000);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_EQ_U64(info.count, 256);
	CHECK_EQ_U64(info.lapic_base, 0xABC000);
}

/* ---- The same CPU listed twice ---- */

UNIT_TEST(madt_duplicate_lapic_and_x2apic)
{
	/* Firmware that lists every CPU in both entry types: four CPUs, not
	 * eight, in the order first seen. */
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	for (uint8_t i = 0; i < 4; i++)
		m_lapic(&m, i, i, MADT_LAPIC_ENABLED);
	for (uint32_t i = 0; i < 4; i++)
		m_x2apic(&m, 3 - i, MADT_LAPIC_ENABLED, 3 - i);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_PARSED(0, 1, 2, 3);
	CHECK_EQ_U64(info.duplicates, 4);
	CHECK_EQ_U64(info.skipped, 0);

	/* x2APIC entry first, local APIC entry after: the same. */
	m_init(&m, 0xFEE00000);
	m_x2apic(&m, 7, MADT_LAPIC_ENABLED, 0);
	m_lapic(&m, 0, 7, MADT_LAPIC_ENABLED);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_PARSED(7);
	CHECK_EQ_U64(info.duplicates, 1);
}

UNIT_TEST(madt_duplicate_same_type)
{
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	m_lapic(&m, 0, 1, MADT_LAPIC_ENABLED);
	m_lapic(&m, 1, 2, MADT_LAPIC_ENABLED);
	m_lapic(&m, 2, 1, MADT_LAPIC_ENABLED);          /* another ACPI id, same CPU */
	m_x2apic(&m, 0x100, MADT_LAPIC_ENABLED, 3);
	m_x2apic(&m, 0x100, MADT_LAPIC_ENABLED, 4);
	m_x2apic(&m, 0xFFFFFFFE, MADT_LAPIC_ENABLED, 5);
	m_x2apic(&m, 0xFFFFFFFE, MADT_LAPIC_ENABLED, 5);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_PARSED(1, 2, 0x100, 0xFFFFFFFE);
	CHECK_EQ_U64(info.duplicates, 3);
	CHECK_EQ_U64(info.skipped, 0);
}

UNIT_TEST(madt_duplicate_ids_compared_in_full)
{
	/* IDs equal in their low 8 (or 16, or 24) bits are different CPUs. */
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	m_lapic(&m, 0, 0, MADT_LAPIC_ENABLED);
	m_x2apic(&m, 0x100, MADT_LAPIC_ENABLED, 1);
	m_x2apic(&m, 0x10000, MADT_LAPIC_ENABLED, 2);
	m_x2apic(&m, 0x1000000, MADT_LAPIC_ENABLED, 3);
	m_lapic(&m, 4, 0xFE, MADT_LAPIC_ENABLED);
	m_x2apic(&m, 0xFFFFFFFE, MADT_LAPIC_ENABLED, 5);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_PARSED(0, 0x100, 0x10000, 0x1000000, 0xFE, 0xFFFFFFFE);
	CHECK_EQ_U64(info.duplicates, 0);
}

UNIT_TEST(madt_duplicate_of_disabled_entry)
{
	/* A disabled entry is skipped whatever else lists its ID; the usable
	 * entry for the same CPU counts, before or after it. */
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	m_lapic(&m, 0, 5, MADT_LAPIC_ENABLED);
	m_x2apic(&m, 5, 0, 0);
	m_x2apic(&m, 6, 0, 1);
	m_lapic(&m, 1, 6, MADT_LAPIC_ENABLED);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_PARSED(5, 6);
	CHECK_EQ_U64(info.skipped, 2);
	CHECK_EQ_U64(info.duplicates, 0);
}

/* ---- Which CPUs the kernel starts ---- */

static struct madt_selection sel;
static uint32_t ids[MADT_IDS_MAX + 1];

#define POISON 0xA5A5A5A5u

/* A parsed MADT listing these APIC IDs, all enabled, in this order. */
static void info_of(const uint32_t *list, uint32_t n)
{
	memset(&info, 0, sizeof(info));
	info.lapic_base = 0xFEE00000;
	for (uint32_t i = 0; i < n; i++)
		info.apic_ids[info.count++] = list[i];
}

/* madt_select with every output slot poisoned first, so a slot it should
 * not write shows. */
static void select_cpus(uint32_t bsp, int x2apic_mode, uint32_t max)
{
	memset(ids, 0xA5, sizeof(ids));
	memset(&sel, 0xA5, sizeof(sel));
	madt_select(&info, bsp, x2apic_mode, ids, max, &sel);
}

/* madt_select chose exactly these CPUs, in this order, and wrote no
 * slot after them. */
#define CHECK_SELECTED(...)                                        \
	do {                                                       \
		check_list(ids, sel.count, ID_LIST(__VA_ARGS__));  \
		CHECK_EQ_U64(ids[sel.count], POISON);              \
	} while (0)

/* The reason counts madt_select returned. */
static void check_left_out(uint32_t unaddressable, uint32_t no_room)
{
	CHECK_EQ_U64(sel.unaddressable, unaddressable);
	CHECK_EQ_U64(sel.no_room, no_room);
}

UNIT_TEST(madt_select_bsp_first_once)
{
	info_of(ID_LIST(1, 0, 2, 3));
	select_cpus(0, 0, CPUS_MAX);
	CHECK_SELECTED(0, 1, 2, 3); /* the bootstrap CPU first, and not again below */
	for (uint32_t i = 0; i < 4; i++)
		CHECK_EQ_U64(sel.why[i], MADT_CPU_TAKEN);
	check_left_out(0, 0);

	/* A bootstrap CPU the MADT does not list still comes first. */
	info_of(ID_LIST(1, 2));
	select_cpus(7, 0, CPUS_MAX);
	CHECK_SELECTED(7, 1, 2);

	/* No MADT CPUs at all: the bootstrap CPU alone. */
	info_of(NULL, 0);
	select_cpus(3, 0, CPUS_MAX);
	CHECK_SELECTED(3);
	check_left_out(0, 0);
}

UNIT_TEST(madt_select_xapic_skips_unaddressable)
{
	/* In xAPIC mode IDs above 0xFE are left out, each marked; none is
	 * cut down into an ID the ICR can hold (0x100 would become 0, the
	 * bootstrap CPU; 0x1FE would become 0xFE). */
	info_of(ID_LIST(0, 0xFE, 0xFF, 0x100, 0x1FE, 3, 0xFFFFFFFE));
	select_cpus(0, 0, CPUS_MAX);
	CHECK_SELECTED(0, 0xFE, 3);
	check_left_out(4, 0);
	static const uint8_t want[] = { MADT_CPU_TAKEN,         MADT_CPU_TAKEN,
					MADT_CPU_UNADDRESSABLE, MADT_CPU_UNADDRESSABLE,
					MADT_CPU_UNADDRESSABLE, MADT_CPU_TAKEN,
					MADT_CPU_UNADDRESSABLE };
	for (uint32_t i = 0; i < 7; i++)
		CHECK_EQ_U64(sel.why[i], want[i]);
}

UNIT_TEST(madt_select_x2apic_mode_every_id)
{
	/* The firmware left x2APIC mode on: its ICR names any 32-bit ID, so
	 * every CPU is taken, the bootstrap one (not CPU 0: its low 8 bits
	 * would match) first. */
	info_of(ID_LIST(0, 1, 0x100, 0xFFFFFFFE));
	select_cpus(0x100, 1, CPUS_MAX);
	CHECK_SELECTED(0x100, 0, 1, 0xFFFFFFFE);
	check_left_out(0, 0);
	for (uint32_t i = 0; i < 4; i++)
		CHECK_EQ_U64(sel.why[i], MADT_CPU_TAKEN);

	/* The same table in xAPIC mode starts the two the ICR can address. */
	select_cpus(0, 0, CPUS_MAX);
	CHECK_SELECTED(0, 1);
	check_left_out(2, 0);
}

UNIT_TEST(madt_select_cpus_max)
{
	/* 70 CPUs, the bootstrap one in the middle: 64 in the list, the
	 * last six have no room. */
	uint32_t list[70];
	for (uint32_t i = 0; i < 70; i++)
		list[i] = i;
	info_of(list, 70);
	select_cpus(5, 0, CPUS_MAX);
	if (!CHECK_EQ_U64(sel.count, CPUS_MAX))
		return;
	CHECK_EQ_U64(ids[0], 5);
	CHECK_EQ_U64(ids[5], 4);
	CHECK_EQ_U64(ids[6], 6);
	CHECK_EQ_U64(ids[CPUS_MAX - 1], 63);
	CHECK_EQ_U64(ids[CPUS_MAX], POISON); /* nothing written past max */
	check_left_out(0, 6);
	CHECK_EQ_U64(sel.why[63], MADT_CPU_TAKEN);
	CHECK_EQ_U64(sel.why[64], MADT_CPU_NO_ROOM);
	CHECK_EQ_U64(sel.why[69], MADT_CPU_NO_ROOM);

	/* Listed last, after the list is full, the bootstrap CPU is still
	 * first and still counted once. */
	select_cpus(69, 0, CPUS_MAX);
	CHECK_EQ_U64(sel.count, CPUS_MAX);
	CHECK_EQ_U64(ids[0], 69);
	CHECK_EQ_U64(ids[CPUS_MAX - 1], 62);
	check_left_out(0, 6);
	CHECK_EQ_U64(sel.why[69], MADT_CPU_TAKEN);

	/* An unaddressable CPU past the cap is reported for its ID, the
	 * true reason, not for the lack of room. */
	list[68] = 0x300;
	info_of(list, 70);
	select_cpus(0, 0, CPUS_MAX);
	CHECK_EQ_U64(sel.count, CPUS_MAX);
	check_left_out(1, 5);
	CHECK_EQ_U64(sel.why[68], MADT_CPU_UNADDRESSABLE);

	/* Room for one: the bootstrap CPU. */
	select_cpus(0, 0, 1);
	CHECK_SELECTED(0);
	check_left_out(1, 68);
}

UNIT_TEST(madt_parse_then_select)
{
	/* A firmware table end to end: every CPU in both entry types, one
	 * x2APIC-only CPU beyond the xAPIC's reach. Three CPUs start. */
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	for (uint8_t i = 0; i < 3; i++)
		m_lapic(&m, i, i, MADT_LAPIC_ENABLED);
	for (uint32_t i = 0; i < 3; i++)
		m_x2apic(&m, i, MADT_LAPIC_ENABLED, i);
	m_x2apic(&m, 0x100, MADT_LAPIC_ENABLED, 3);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_PARSED(0, 1, 2, 0x100);
	CHECK_EQ_U64(info.duplicates, 3);
	select_cpus(0, 0, CPUS_MAX);
	CHECK_SELECTED(0, 1, 2);
	check_left_out(1, 0);
	CHECK_EQ_U64(sel.why[3], MADT_CPU_UNADDRESSABLE);
}
