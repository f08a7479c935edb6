/*
 * madt_parse: synthetic MADT byte buffers. The builder lays out the
 * 44-byte header, appends entries, then fixes the length field and the
 * checksum, so each test states only what it is about. Buffers the parser
 * reads are heap copies of exactly the bytes given, so ASan catches a
 * read past the end.
 */
#include <stdlib.h>
#include <string.h>
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
	if (!CHECK_EQ_U64(info.count, 4))
		return;
	CHECK_EQ_U64(info.apic_ids[0], 0);
	CHECK_EQ_U64(info.apic_ids[1], 2);
	CHECK_EQ_U64(info.apic_ids[2], 7);
	CHECK_EQ_U64(info.apic_ids[3], 255);
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
	m_lapic(&m, 2, 2, MADT_LAPIC_ONLINE_CAPABLE); /* can be brought up: a CPU */
	m_lapic(&m, 3, 3, 0xFFFFFFFC);                /* no usable bit set: disabled */
	m_lapic(&m, 4, 4, MADT_LAPIC_ENABLED | MADT_LAPIC_ONLINE_CAPABLE);
	m_x2apic(&m, 0x100, 0, 5);                    /* disabled x2APIC */
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	if (!CHECK_EQ_U64(info.count, 3))
		return;
	CHECK_EQ_U64(info.apic_ids[0], 0);
	CHECK_EQ_U64(info.apic_ids[1], 2);
	CHECK_EQ_U64(info.apic_ids[2], 4);
	CHECK_EQ_U64(info.skipped, 3);
}

UNIT_TEST(madt_x2apic)
{
	struct mbuf m;
	m_init(&m, 0xFEE00000);
	m_lapic(&m, 0, 1, MADT_LAPIC_ENABLED);
	m_x2apic(&m, 0x12345678, MADT_LAPIC_ENABLED, 0xAABBCCDD);
	m_x2apic(&m, 256, MADT_LAPIC_ONLINE_CAPABLE, 2);
	m_x2apic(&m, 0xFFFFFFFE, MADT_LAPIC_ENABLED, 3);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	if (!CHECK_EQ_U64(info.count, 4))
		return;
	CHECK_EQ_U64(info.apic_ids[0], 1);
	CHECK_EQ_U64(info.apic_ids[1], 0x12345678); /* the id, not the UID */
	CHECK_EQ_U64(info.apic_ids[2], 256);
	CHECK_EQ_U64(info.apic_ids[3], 0xFFFFFFFE);
	CHECK_EQ_U64(info.skipped, 0);
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
	/* Past the limit, entries still walk: a later override is applied. */
	m_override(&m, 0xABC000);
	m_seal(&m);
	CHECK_EQ_I64(parse(&m, &info), 0);
	CHECK_EQ_U64(info.count, 256);
	CHECK_EQ_U64(info.lapic_base, 0xABC000);
}
