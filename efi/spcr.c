/* pure: SPCR parsing (see spcr.h). */
#include "efi/spcr.h"

int64_t spcr_io_port(const uint8_t *t, size_t len)
{
	if (len < SPCR_MIN_LEN || t[0] != 'S' || t[1] != 'P' || t[2] != 'C' || t[3] != 'R')
		return -1;
	uint32_t total = (uint32_t)t[4] | (uint32_t)t[5] << 8 | (uint32_t)t[6] << 16 |
			 (uint32_t)t[7] << 24;
	if (total < SPCR_MIN_LEN || total > len)
		return -1;
	uint8_t sum = 0;
	for (uint32_t i = 0; i < total; i++)
		sum = (uint8_t)(sum + t[i]);
	if (sum)
		return -1;
	uint8_t type = t[SPCR_INTERFACE_OFF], space = t[SPCR_ADDRESS_OFF];
	uint64_t addr = 0;
	for (int i = 7; i >= 0; i--)
		addr = addr << 8 | t[SPCR_ADDRESS_OFF + 4 + i];
	if ((type != SPCR_IF_16550 && type != SPCR_IF_16450) || space != SPCR_GAS_SPACE_IO ||
	    addr == 0 || addr > 0xFFF8)
		return 0;
	return (int64_t)addr;
}
