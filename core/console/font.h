/* The screen console's font (pure data): 5x7 glyphs, printable ASCII.
 * g j p q y are drawn two rows lower by the console (descenders). */
#ifndef CORE_FONT_H
#define CORE_FONT_H

#include <stdint.h>

#define FONT_W 5
#define FONT_H 7
#define FONT_FIRST 0x20  /* ' ' */
#define FONT_GLYPHS 95   /* ' ' .. '~' */

extern const uint8_t font_glyphs[FONT_GLYPHS][FONT_H];

#endif
