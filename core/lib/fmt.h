/*
 * A small snprintf (pure, no libc). Conversions: d i u x X p s c %;
 * flags - 0 # + space; width and precision (numbers or *); length
 * modifiers hh h l ll z j t. Semantics follow C99 snprintf for these,
 * and host tests compare it with the C library's. Widths and precisions
 * above 4096 are clamped to 4096 (C would allow them).
 */
#ifndef CORE_FMT_H
#define CORE_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Returns the length the full output would have; writes at most size-1
 * characters plus a NUL when size > 0. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
