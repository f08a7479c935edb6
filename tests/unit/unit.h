/*
 * A tiny host unit-test framework.
 *
 * Tests register themselves through a constructor (UNIT_TEST), so adding a
 * test file needs no edit anywhere else: the Makefile compiles every C
 * file in tests/unit into one binary. Checks record a failure (file:line and
 * the values) and carry on, so one run shows every broken check.
 */
#ifndef TESTS_UNIT_UNIT_H
#define TESTS_UNIT_UNIT_H

#include <stddef.h>
#include <stdint.h>

typedef void (*unit_fn)(void);

void unit_register(const char *name, const char *file, unit_fn fn);

/* The check primitives; each returns its verdict so callers can bail out
 * early (e.g. stop walking a page table that is not there). */
int unit_check(int ok, const char *file, int line, const char *expr);
int unit_check_u64(uint64_t got, uint64_t want, const char *file, int line,
		   const char *expr);
int unit_check_i64(int64_t got, int64_t want, const char *file, int line,
		   const char *expr);
int unit_check_str(const char *got, const char *want, const char *file, int line,
		   const char *expr);

/*
 * An snprintf-like formatter cut at every size from 0 to past its full
 * length: the full length comes back each time and the output is a
 * NUL-terminated prefix of the whole. Each buffer is an exact-size heap
 * block, so ASan flags a write past size.
 */
void unit_check_truncation(int (*format)(char *buf, size_t size, const void *arg),
			   const void *arg, const char *file, int line);

/* Define and register a test: UNIT_TEST(name) { ...checks... } */
#define UNIT_TEST(name)                                                  \
	static void name(void);                                          \
	__attribute__((constructor)) static void name##_register(void)   \
	{                                                                \
		unit_register(#name, __FILE__, name);                    \
	}                                                                \
	static void name(void)

#define CHECK(cond) unit_check(!!(cond), __FILE__, __LINE__, #cond)
#define CHECK_EQ_U64(got, want) \
	unit_check_u64((uint64_t)(got), (uint64_t)(want), __FILE__, __LINE__, #got " == " #want)
#define CHECK_EQ_I64(got, want) \
	unit_check_i64((int64_t)(got), (int64_t)(want), __FILE__, __LINE__, #got " == " #want)
#define CHECK_STR(got, want) \
	unit_check_str((got), (want), __FILE__, __LINE__, #got " == " #want)

#endif
