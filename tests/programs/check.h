/*
 * The check line the test programs print, one per check: "ok   WHAT", or
 * "FAIL WHAT (got 0x...)" counted in failures, which the programs then
 * return as their exit status. Both lines compare as text with the host
 * run of the same binary.
 */
#ifndef TESTS_PROGRAMS_CHECK_H
#define TESTS_PROGRAMS_CHECK_H

#include <stdarg.h>
#include <stdio.h>

static int failures;

__attribute__((format(printf, 3, 4)))
static void check(int ok, unsigned long got, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s ", ok ? "ok  " : "FAIL");
	vprintf(fmt, ap);
	va_end(ap);
	if (!ok)
		printf(" (got %#lx)", got);
	printf("\n");
	failures += !ok;
}

#endif
