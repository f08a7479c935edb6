/* The legacy 8259A pair (see pic.h). */
#include "core/dev/pic.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"

void pic_mask_all(void)
{
	cpu_outb(PIC1_DATA, PIC_MASK_ALL);
	cpu_outb(PIC2_DATA, PIC_MASK_ALL);
}

uint16_t pic_masks(void)
{
	return (uint16_t)(cpu_inb(PIC1_DATA) | cpu_inb(PIC2_DATA) << 8);
}
