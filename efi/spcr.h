/*
 * The ACPI SPCR table (Serial Port Console Redirection): where the
 * firmware says the console UART is. Pure: parses bytes efi/acpi.c found.
 */
#ifndef CORE_SPCR_H
#define CORE_SPCR_H

#include <stddef.h>
#include <stdint.h>

#define SPCR_SIGNATURE       "SPCR"
#define SPCR_MIN_LEN         80  /* up to and including the baud-rate byte */
#define SPCR_INTERFACE_OFF   36  /* interface type: 0 = full 16550 */
#define SPCR_ADDRESS_OFF     40  /* Generic Address Structure, 12 bytes */
#define SPCR_GAS_SPACE_IO    1   /* address space: system I/O */
#define SPCR_GAS_SPACE_MEMORY 0  /* address space: system memory (MMIO UART) */
#define SPCR_IF_16550        0
#define SPCR_IF_16450        1

/* Returns the UART's I/O port (a 16550-compatible one in I/O space), 0
 * when the SPCR names a UART this kernel cannot drive (MMIO, other
 * interfaces), or -1 when the table is not a well-formed SPCR. */
int64_t spcr_io_port(const uint8_t *table, size_t len);

#endif
