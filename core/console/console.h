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
#include "core/lib/report_fmt.h"

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

/* The longest line, newline included: a full TEXT line fits, and a
 * SYSCALL line with its strace form (which is cut here when longer). */
#define CONSOLE_LINE_MAX 640

/*
 * A task's own text, collected into whole lines. Each is written as one
 * framed TEXT line (report_fmt.h), never raw: user bytes cannot make a
 * line that looks like the kernel's, and lines from different CPUs or
 * tasks never tear. A line ends at a newline, at REPORT_TEXT_MAX bytes,
 * when the task switches fd, or at console_text_flush.
 */
struct console_text {
	uint32_t fd;  /* the fd buf's bytes were written to */
	uint32_t len;
	char buf[REPORT_TEXT_MAX];
};

/* Add n bytes the task with pid wrote to fd. */
void console_text(struct console_text *t, uint32_t cpu, uint32_t pid, uint32_t fd,
		  const char *s, size_t n);
/* Write out what is left of the last unfinished line (task end). */
void console_text_flush(struct console_text *t, uint32_t cpu, uint32_t pid);

/* From now on, for cpu (the one ending the run after a panic) only, a
 * lock held too long is taken to belong to a stopped CPU: its lines are
 * then written without it. Every other CPU's lines are dropped: it is
 * being stopped, and must not tear the panic's report. */
void console_panic_mode(uint32_t cpu);
/* 1 once a CPU has begun a panic (console_panic_mode). */
int console_in_panic(void);

/* How many CPUs run payloads (ring3_kinfo reports it). */
void console_set_cpus(uint32_t n);
uint32_t console_cpus_online(void);

#endif
