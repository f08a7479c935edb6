/* Find the MADT through the UEFI configuration table (before EBS). */
#include <efi.h>
#include <efilib.h>
#include "efi/efi_app.h"
#include "efi/madt.h"
#include "efi/spcr.h"

#define RSDP_XSDT_OFF     24 /* 64-bit XSDT address (revision >= 2) */
#define RSDP_RSDT_OFF     16 /* 32-bit RSDT address */
#define RSDP_REVISION_OFF 15
#define SDT_LENGTH_OFF    4
#define SDT_HEADER_LEN    36

static int sig_is(const uint8_t *p, const char *sig, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (p[i] != (uint8_t)sig[i])
			return 0;
	return 1;
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static const uint8_t *rsdp_find(void)
{
	EFI_GUID acpi20 = ACPI_20_TABLE_GUID;
	const uint8_t *v1 = NULL;
	for (UINTN i = 0; i < ST->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *c = &ST->ConfigurationTable[i];
		if (!CompareGuid(&c->VendorGuid, &acpi20))
			return c->VendorTable;
		if (!CompareGuid(&c->VendorGuid, &AcpiTableGuid))
			v1 = c->VendorTable;
	}
	return v1;
}

/* The table with this signature, or NULL: through the XSDT (or RSDT). */
static const uint8_t *acpi_table(const char *sig)
{
	const uint8_t *rsdp = rsdp_find();
	if (!rsdp || !sig_is(rsdp, "RSD PTR ", 8))
		return NULL;
	int xsdt = rsdp[RSDP_REVISION_OFF] >= 2;
	const uint8_t *sdt;
	if (xsdt) {
		uint64_t a = rd32(rsdp + RSDP_XSDT_OFF) | (uint64_t)rd32(rsdp + RSDP_XSDT_OFF + 4) << 32;
		sdt = (const uint8_t *)(uintptr_t)a;
	} else {
		sdt = (const uint8_t *)(uintptr_t)rd32(rsdp + RSDP_RSDT_OFF);
	}
	unsigned width = xsdt ? 8 : 4;
	uint32_t len = rd32(sdt + SDT_LENGTH_OFF);
	for (uint32_t at = SDT_HEADER_LEN; at + width <= len; at += width) {
		uint64_t a = rd32(sdt + at);
		if (xsdt)
			a |= (uint64_t)rd32(sdt + at + 4) << 32;
		const uint8_t *t = (const uint8_t *)(uintptr_t)a;
		if (t && sig_is(t, sig, 4))
			return t;
	}
	return NULL;
}

int acpi_madt_find(struct madt_info *out)
{
	const uint8_t *t = acpi_table(MADT_SIGNATURE);
	return t ? madt_parse(t, rd32(t + SDT_LENGTH_OFF), out) : -1;
}

int64_t acpi_spcr_port(void)
{
	const uint8_t *t = acpi_table(SPCR_SIGNATURE);
	return t ? spcr_io_port(t, rd32(t + SDT_LENGTH_OFF)) : -1;
}
