/*
 * The kernel's output: whole lines, fanned out to every sink (serial now,
 * the screen when one is attached). Lines from different CPUs never
 * interleave: each is formatted first, then written under one lock.
 * After ExitBootServices.
 */
#ifndef CORE_CONSOLE_H
#define CORE_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

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
/* As console_line, but gives up (returns 0) instead of waiting when the
 * console is busy: for NMI context, which may have interrupted its holder. */
int console_line_try(enum console_class cls, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The payload's own text. With one CPU it passes through as is; with
 * several, each CPU's text is collected into whole lines, written with a
 * "[cpu=N] " tag, so lines from different CPUs never tear.
 */
void console_user_text(uint32_t cpu, const char *s, size_t n);
/* Write out what is left of cpu's last unfinished line (task end). */
void console_user_flush(uint32_t cpu);

/* How many CPUs run payloads (tags user text when more than one). */
void console_set_cpus(uint32_t n);
uint32_t console_cpus_online(void);

#endif
