/*
 * The legacy 8259A interrupt controllers. The kernel never uses them:
 * both are masked at boot, whatever the firmware left, and stay masked
 * (the local APIC's LINT0, where they would arrive, is masked too).
 * Not remapped: with every line masked they raise nothing.
 */
#ifndef CORE_PIC_H
#define CORE_PIC_H

#include <stdint.h>

/* Mask every IRQ line of both PICs. Once, on the BSP. */
void pic_mask_all(void);
/* The two mask registers, slave << 8 | master (0xffff: all masked). */
uint16_t pic_masks(void);

#endif
