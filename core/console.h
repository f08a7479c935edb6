/*
 * The kernel's output: whole lines, fanned out to every sink (serial now,
 * the screen when one is attached). Lines from different CPUs never
 * interleave: each is formatted first, then written under one lock.
 * After ExitBootServices.
 */
#ifndef CORE_CONSOLE_H
#define CORE_CONSOLE_H

#include <stddef.h>

/* What a line is, so a sink can colour it. */
enum console_class {
	CON_INFO,   /* boot report, RUN/EXIT/SUMMARY */
	CON_CALL,   /* SYSCALL lines */
	CON_USER,   /* text written by the payload */
	CON_FAULT,  /* FAULT lines and register dumps, panics */
	CON_RESULT, /* DONE */
};

struct console_sink {
	void (*write)(const char *s, size_t n, enum console_class cls);
};

/* Attach a sink; at most CONSOLE_SINKS_MAX. */
#define CONSOLE_SINKS_MAX 4
void console_add_sink(const struct console_sink *sink);

/* Print one line (a newline is appended), starting on a fresh line. */
void console_line(enum console_class cls, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The payload's own text, passed through as is. */
void console_user_text(const char *s, size_t n);

#endif
