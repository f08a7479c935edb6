/* pure, loader: A small snprintf (contract in fmt.h). */
#include "core/lib/fmt.h"
#include <stdint.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

struct spec {
	int left, zero, alt, plus, space;
	int width, prec; /* prec < 0: none */
	char length;     /* 'H' hh, 'h', 'l', 'L' ll/j/z/t, 0 int */
};

static void emit_str(struct out *o, const struct spec *s, const char *str)
{
	if (!str)
		str = "(null)";
	int n = 0;
	while (str[n] && (s->prec < 0 || n < s->prec))
		n++;
	if (!s->left)
		pad(o, ' ', s->width - n);
	for (int i = 0; i < n; i++)
		put(o, str[i]);
	if (s->left)
		pad(o, ' ', s->width - n);
}

static void emit_num(struct out *o, const struct spec *s, uint64_t v, int neg,
		     unsigned base, int upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	while (v) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	int zeros = s->prec > n ? s->prec - n : 0;
	if (s->prec < 0 && n == 0)
		zeros = 1; /* plain "0" */
	char sign = neg ? '-' : s->plus ? '+' : s->space ? ' ' : 0;
	int plen = 0;
	while (prefix && prefix[plen])
		plen++;
	int body = n + zeros + (sign != 0) + plen;
	if (s->zero && !s->left && s->prec < 0 && s->width > body) {
		zeros += s->width - body;
		body = s->width;
	}
	if (!s->left)
		pad(o, ' ', s->width - body);
	if (sign)
		put(o, sign);
	for (int i = 0; i < plen; i++)
		put(o, prefix[i]);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (s->left)
		pad(o, ' ', s->width - body);
}

static uint64_t arg_unsigned(const struct spec *s, va_list *ap)
{
	switch (s->length) {
	case 'L': return va_arg(*ap, unsigned long long);
	case 'l': return va_arg(*ap, unsigned long);
	case 'h': return (unsigned short)va_arg(*ap, unsigned int);
	case 'H': return (unsigned char)va_arg(*ap, unsigned int);
	}
	return va_arg(*ap, unsigned int);
}

static int64_t arg_signed(const struct spec *s, va_list *ap)
{
	switch (s->length) {
	case 'L': return va_arg(*ap, long long);
	case 'l': return va_arg(*ap, long);
	case 'h': return (short)va_arg(*ap, int);
	case 'H': return (signed char)va_arg(*ap, int);
	}
	return va_arg(*ap, int);
}

/* Widths and precisions are clamped: output that long is never wanted,
 * and the clamp keeps the arithmetic far from int overflow. */
#define FMT_WIDTH_MAX 4096

static const char *parse_count(const char *f, int *out)
{
	int v = 0;
	while (*f >= '0' && *f <= '9') {
		v = v * 10 + (*f++ - '0');
		if (v > FMT_WIDTH_MAX)
			v = FMT_WIDTH_MAX;
	}
	*out = v;
	return f;
}

static const char *parse_spec(const char *f, struct spec *s, va_list *ap)
{
	*s = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-') s->left = 1;
		else if (*f == '0') s->zero = 1;
		else if (*f == '#') s->alt = 1;
		else if (*f == '+') s->plus = 1;
		else if (*f == ' ') s->space = 1;
		else break;
	}
	if (*f == '*') {
		int w = va_arg(*ap, int);
		if (w < 0) {
			s->left = 1;
			w = w < -FMT_WIDTH_MAX ? FMT_WIDTH_MAX : -w;
		}
		s->width = w > FMT_WIDTH_MAX ? FMT_WIDTH_MAX : w;
		f++;
	} else {
		f = parse_count(f, &s->width);
	}
	if (*f == '.') {
		f++;
		s->prec = 0;
		if (*f == '*') {
			int p = va_arg(*ap, int);
			s->prec = p > FMT_WIDTH_MAX ? FMT_WIDTH_MAX : p < 0 ? -1 : p;
			f++;
		} else {
			f = parse_count(f, &s->prec);
		}
	}
	if (*f == 'h') {
		s->length = 'h';
		if (*++f == 'h') {
			s->length = 'H';
			f++;
		}
	} else if (*f == 'l') {
		s->length = 'l';
		if (*++f == 'l') {
			s->length = 'L';
			f++;
		}
	} else if (*f == 'z' || *f == 'j' || *f == 't') {
		s->length = 'L';
		f++;
	}
	return f;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct out o = { buf, size, 0 };
	va_list ap;
	va_copy(ap, ap_in);
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			put(&o, *f);
			continue;
		}
		struct spec s;
		f = parse_spec(f + 1, &s, &ap);
		switch (*f) {
		case 'd':
		case 'i': {
			int64_t v = arg_signed(&s, &ap);
			emit_num(&o, &s, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0, 10, 0, 0);
			break;
		}
		case 'u':
			s.plus = s.space = 0;
			emit_num(&o, &s, arg_unsigned(&s, &ap), 0, 10, 0, 0);
			break;
		case 'x':
		case 'X': {
			uint64_t v = arg_unsigned(&s, &ap);
			s.plus = s.space = 0;
			emit_num(&o, &s, v, 0, 16, *f == 'X', s.alt && v ? (*f == 'X' ? "0X" : "0x") : 0);
			break;
		}
		case 'p': {
			uint64_t v = (uintptr_t)va_arg(ap, void *);
			s.plus = s.space = 0;
			if (!v) {
				s.prec = -1;
				emit_str(&o, &s, "(nil)");
			} else {
				emit_num(&o, &s, v, 0, 16, 0, "0x");
			}
			break;
		}
		case 's':
			emit_str(&o, &s, va_arg(ap, const char *));
			break;
		case 'c': {
			char c[2] = { (char)va_arg(ap, int), 0 };
			s.prec = 1;
			if (!c[0]) { /* a NUL character still counts as one */
				if (!s.left) pad(&o, ' ', s.width - 1);
				put(&o, 0);
				if (s.left) pad(&o, ' ', s.width - 1);
			} else {
				emit_str(&o, &s, c);
			}
			break;
		}
		case '%':
			put(&o, '%');
			break;
		case 0:
			f--; /* lone '%' at the end: stop */
			break;
		default: /* unknown conversion: print it as is */
			put(&o, '%');
			put(&o, *f);
			break;
		}
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
