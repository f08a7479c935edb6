/* SPCR parsing: which UART the firmware names, and what is refused. */
#include <string.h>
#include "unit.h"
#include "efi/spcr.h"

/* A minimal SPCR: interface type, Generic Address Structure, checksum. */
static void spcr_make(uint8_t *t, uint32_t len, uint8_t iface, uint8_t space, uint64_t addr)
{
	memset(t, 0, len);
	memcpy(t, "SPCR", 4);
	t[4] = (uint8_t)len;
	t[5] = (uint8_t)(len >> 8);
	t[SPCR_INTERFACE_OFF] = iface;
	t[SPCR_ADDRESS_OFF] = space;
	for (int i = 0; i < 8; i++)
		t[SPCR_ADDRESS_OFF + 4 + i] = (uint8_t)(addr >> (8 * i));
	uint8_t sum = 0;
	for (uint32_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + t[i]);
	t[9] = (uint8_t)(0 - sum);
}

UNIT_TEST(spcr_io_uart)
{
	uint8_t t[80];
	spcr_make(t, sizeof(t), SPCR_IF_16550, SPCR_GAS_SPACE_IO, 0x2f8);
	CHECK_EQ_I64(spcr_io_port(t, sizeof(t)), 0x2f8);
	spcr_make(t, sizeof(t), SPCR_IF_16450, SPCR_GAS_SPACE_IO, 0x3f8);
	CHECK_EQ_I64(spcr_io_port(t, sizeof(t)), 0x3f8);
}

UNIT_TEST(spcr_uarts_not_driven)
{
	uint8_t t[80];
	spcr_make(t, sizeof(t), SPCR_IF_16550, SPCR_GAS_SPACE_MEMORY, 0xfe030000);
	CHECK_EQ_I64(spcr_io_port(t, sizeof(t)), 0); /* MMIO UART */
	spcr_make(t, sizeof(t), 3, SPCR_GAS_SPACE_IO, 0x3f8);
	CHECK_EQ_I64(spcr_io_port(t, sizeof(t)), 0); /* another interface type */
	spcr_make(t, sizeof(t), SPCR_IF_16550, SPCR_GAS_SPACE_IO, 0);
	CHECK_EQ_I64(spcr_io_port(t, sizeof(t)), 0); /* no address */
	spcr_make(t, sizeof(t), SPCR_IF_16550, SPCR_GAS_SPACE_IO, 0x10000);
	CHECK_EQ_I64(spcr_io_port(t, sizeof(t)), 0); /* beyond the I/O space */
}

UNIT_TEST(spcr_malformed)
{
	uint8_t t[80];
	spcr_make(t, sizeof(t), SPCR_IF_16550, SPCR_GAS_SPACE_IO, 0x3f8);
	CHECK_EQ_I64(spcr_io_port(t, sizeof(t) - 1), -1); /* length beyond the buffer */
	CHECK_EQ_I64(spcr_io_port(t, 10), -1);
	t[20] ^= 1; /* checksum */
	CHECK_EQ_I64(spcr_io_port(t, sizeof(t)), -1);
	spcr_make(t, sizeof(t), SPCR_IF_16550, SPCR_GAS_SPACE_IO, 0x3f8);
	t[0] = 'X';
	CHECK_EQ_I64(spcr_io_port(t, sizeof(t)), -1);
	spcr_make(t, 60, SPCR_IF_16550, SPCR_GAS_SPACE_IO, 0x3f8);
	CHECK_EQ_I64(spcr_io_port(t, 80), -1); /* shorter than an SPCR */
}
