/*
 * Screen console: text in the built-in 5x7 font, scaled so it stays
 * readable in a photo of a laptop screen, one colour per kind of line,
 * a title line. Cheap on purpose (it runs inside the measured demo):
 * REP STOS/MOVS for clearing and scrolling, only glyph pixels stored.
 * Called with the console lock held.
 */
#include "core/console/fbcon.h"
#include "core/console/console.h"
#include "core/console/font.h"

#define FBCON_TITLE " ring3 - from the UEFI shell to ring 3 and back: every syscall, live"

/* Colours as 0xRRGGBB. */
#define COLOUR_BG      0x101820
#define COLOUR_TITLE_BG 0x3465a4
#define COLOUR_TITLE   0xffffff
#define COLOUR_INFO    0xd3d7cf
#define COLOUR_CALL    0xffffff
#define COLOUR_USER    0x8ae234
#define COLOUR_FAULT   0xff5f5f
#define COLOUR_RESULT  0x5fd7ff

static struct {
	volatile uint32_t *fb;
	uint32_t stride, width, height; /* pixels */
	uint32_t scale, cell_w, cell_h;
	uint32_t cols, rows;            /* text rows below the title */
	uint32_t col, row;
	int rgb;                        /* RGBX byte order: swap red and blue */
} con;

static uint32_t pixel(uint32_t rgb)
{
	if (!con.rgb)
		return rgb; /* BGRX in memory is 0x00RRGGBB as a little-endian word */
	return ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >> 16) & 0xff);
}

/* Whole pixel rows [y, y+h) in one colour: one REP STOSQ. */
static void fill_rows(uint32_t y, uint32_t h, uint32_t colour)
{
	if (y >= con.height)
		return;
	if (y + h > con.height)
		h = con.height - y;
	volatile uint32_t *dst = con.fb + (uint64_t)y * con.stride;
	uint64_t n = (uint64_t)h * con.stride;
	uint64_t pair = pixel(colour) * 0x100000001ULL;
	if (n % 2)
		*dst++ = (uint32_t)pair, n--;
	n /= 2; /* two pixels per store */
	__asm__ volatile("rep stosq" : "+D"(dst), "+c"(n) : "a"(pair) : "memory");
}

/*
 * Draw ch in the cell at column c of pixel row y. The cell is already
 * the background colour (cleared rows are only ever written once), so
 * only the glyph's own pixels are stored: most of a cell costs nothing.
 */
static void glyph(uint32_t c, uint32_t y, char ch, uint32_t fg)
{
	uint8_t u = (uint8_t)ch;
	if (u == ' ')
		return;
	const uint8_t *g = font_glyphs[(u >= FONT_FIRST && u < FONT_FIRST + FONT_GLYPHS) ?
				       u - FONT_FIRST : '?' - FONT_FIRST];
	uint32_t s = con.scale;
	uint64_t pair = pixel(fg) * 0x100000001ULL; /* two pixels per store */
	/* Letters with descenders sit two font rows lower, in the line gap. */
	uint32_t drop = (ch == 'g' || ch == 'j' || ch == 'p' || ch == 'q' || ch == 'y') ? 2 : 0;
	volatile uint32_t *cell = con.fb + (uint64_t)(y + drop * s) * con.stride + c * con.cell_w;
	for (uint32_t gy = 0; gy < FONT_H; gy++) {
		uint32_t bits = g[gy];
		if (!bits)
			continue;
		volatile uint32_t *row = cell + (uint64_t)gy * s * con.stride;
		for (uint32_t j = 0; j < s; j++, row += con.stride) {
			for (uint32_t b = bits; b; b &= b - 1) {
				uint32_t gx = FONT_W - 1 - (uint32_t)__builtin_ctz(b);
				volatile uint32_t *p = row + gx * s;
				uint32_t i = 0;
				for (; i + 1 < s; i += 2)
					*(volatile uint64_t *)(p + i) = pair;
				if (i < s)
					p[i] = (uint32_t)pair;
			}
		}
	}
}

static uint32_t row_y(uint32_t row)
{
	return (row + 1) * con.cell_h; /* row 0 of the text is below the title */
}

/* Move the newest half of the text to the top, clear the rest: few
 * full-screen moves per report (each costs as much as the screen), and
 * the last screen of a run always shows at least half a screen of it. */
static void scroll(void)
{
	uint32_t keep = con.rows / 2, drop = con.rows - keep;
	uint64_t pixels = (uint64_t)keep * con.cell_h * con.stride, quads = pixels / 2;
	volatile uint32_t *dst = con.fb + (uint64_t)row_y(0) * con.stride;
	volatile uint32_t *src = con.fb + (uint64_t)row_y(drop) * con.stride;
	__asm__ volatile("rep movsq" : "+D"(dst), "+S"(src), "+c"(quads) : : "memory");
	if (pixels % 2)
		*dst = *src;
	fill_rows(row_y(keep), drop * con.cell_h, COLOUR_BG);
	con.row = keep;
}

static void newline(void)
{
	con.col = 0;
	if (++con.row == con.rows)
		scroll();
}

static uint32_t colour_of(enum console_class cls)
{
	switch (cls) {
	case CON_CALL: return COLOUR_CALL;
	case CON_USER: return COLOUR_USER;
	case CON_FAULT: return COLOUR_FAULT;
	case CON_RESULT: return COLOUR_RESULT;
	default: return COLOUR_INFO;
	}
}

static void fbcon_write(const char *s, size_t n, enum console_class cls)
{
	uint32_t fg = colour_of(cls);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			newline();
			continue;
		}
		if (s[i] == '\r')
			continue;
		if (con.col == con.cols)
			newline();
		glyph(con.col++, row_y(con.row), s[i], fg);
	}
}

static const struct console_sink fbcon_sink = { fbcon_write };

int fbcon_init(const struct handoff_fb *fb)
{
	if (fb->format != FB_FORMAT_BGRX && fb->format != FB_FORMAT_RGBX)
		return 0;
	con.fb = (volatile uint32_t *)(uintptr_t)fb->virt;
	con.stride = fb->stride;
	con.width = fb->width;
	con.height = fb->height;
	con.rgb = fb->format == FB_FORMAT_RGBX;
	/* At least 2x; larger screens get larger text (~80 columns or more). */
	uint32_t sx = con.width / (80 * (FONT_W + 1)), sy = con.height / (30 * (FONT_H + 2));
	con.scale = sx < sy ? sx : sy;
	if (con.scale < 2)
		con.scale = 2;
	con.cell_w = (FONT_W + 1) * con.scale;
	con.cell_h = (FONT_H + 2) * con.scale;
	con.cols = con.width / con.cell_w;
	con.rows = con.height / con.cell_h - 1;
	if (!con.cols || con.rows < 2)
		return 0;
	fill_rows(0, con.cell_h, COLOUR_TITLE_BG);
	fill_rows(con.cell_h, con.height - con.cell_h, COLOUR_BG);
	const char *t = FBCON_TITLE;
	for (uint32_t c = 0; t[c] && c < con.cols; c++)
		glyph(c, 0, t[c], COLOUR_TITLE);
	console_add_sink(&fbcon_sink);
	return 1;
}
