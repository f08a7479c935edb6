/*
 * Screen console: text in the built-in 5x7 font, scaled so it stays
 * readable in a photo of a laptop screen, one colour per kind of line,
 * a title line, scrolling by half a screen at a time (so a long report
 * costs few full-screen moves). Called with the console lock held.
 */
#include "fbcon.h"
#include "console.h"
#include "font.h"

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

static void fill(uint32_t x, uint32_t y, uint32_t w, uint32_t h, uint32_t colour)
{
	uint32_t p = pixel(colour);
	for (uint32_t j = y; j < y + h && j < con.height; j++)
		for (uint32_t i = x; i < x + w && i < con.width; i++)
			con.fb[(uint64_t)j * con.stride + i] = p;
}

/* Draw ch in the cell at column c of pixel row y. */
static void glyph(uint32_t c, uint32_t y, char ch, uint32_t fg, uint32_t bg)
{
	uint8_t u = (uint8_t)ch;
	const uint8_t *g = font_glyphs[(u >= FONT_FIRST && u < FONT_FIRST + FONT_GLYPHS) ?
				       u - FONT_FIRST : '?' - FONT_FIRST];
	uint32_t pf = pixel(fg), pb = pixel(bg), x0 = c * con.cell_w;
	/* Letters with descenders sit two font rows lower, in the line gap. */
	uint32_t drop = (ch == 'g' || ch == 'j' || ch == 'p' || ch == 'q' || ch == 'y') ? 2 : 0;
	for (uint32_t j = 0; j < con.cell_h; j++) {
		uint32_t gy = j / con.scale - drop; /* wraps above the glyph: blank */
		uint8_t bits = gy < FONT_H ? g[gy] : 0;
		volatile uint32_t *line = con.fb + (uint64_t)(y + j) * con.stride + x0;
		for (uint32_t i = 0; i < con.cell_w; i++) {
			uint32_t gx = i / con.scale;
			line[i] = (gx < FONT_W && (bits >> (FONT_W - 1 - gx)) & 1) ? pf : pb;
		}
	}
}

static uint32_t row_y(uint32_t row)
{
	return (row + 1) * con.cell_h; /* row 0 of the text is below the title */
}

static void scroll(void)
{
	uint32_t keep = con.rows / 2, drop = con.rows - keep;
	uint64_t words = (uint64_t)keep * con.cell_h * con.stride;
	volatile uint32_t *dst = con.fb + (uint64_t)row_y(0) * con.stride;
	volatile uint32_t *src = con.fb + (uint64_t)row_y(drop) * con.stride;
	for (uint64_t i = 0; i < words; i++)
		dst[i] = src[i];
	fill(0, row_y(keep), con.width, drop * con.cell_h, COLOUR_BG);
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
		glyph(con.col++, row_y(con.row), s[i], fg, COLOUR_BG);
	}
}

static const struct console_sink fbcon_sink = { fbcon_write };

int fbcon_init(const struct handoff_fb *fb)
{
	if (fb->format != FB_FORMAT_BGRX && fb->format != FB_FORMAT_RGBX)
		return 0;
	con.fb = (volatile uint32_t *)(uintptr_t)fb->base;
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
	fill(0, 0, con.width, con.height, COLOUR_BG);
	fill(0, 0, con.width, con.cell_h, COLOUR_TITLE_BG);
	const char *t = FBCON_TITLE;
	for (uint32_t c = 0; t[c] && c < con.cols; c++)
		glyph(c, 0, t[c], COLOUR_TITLE, COLOUR_TITLE_BG);
	console_add_sink(&fbcon_sink);
	return 1;
}
