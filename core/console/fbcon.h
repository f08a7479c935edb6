/* The screen console: the same lines as serial, drawn on the GOP framebuffer. */
#ifndef CORE_FBCON_H
#define CORE_FBCON_H

#include "core/boot/handoff.h"

/*
 * Take over the framebuffer the firmware left (32-bit RGBX or BGRX; other
 * formats are left alone and the report stays serial-only), clear it,
 * draw the title line and attach a console sink. After ExitBootServices,
 * on the BSP, with the framebuffer mapped. Returns 1 if attached.
 */
int fbcon_init(const struct handoff_fb *fb);

#endif
