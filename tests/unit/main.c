/*
 * The test runner: runs every registered test, prints one line per failing
 * check and a summary line that scripts can grep:
 *   unit: <checks> checks in <tests> tests, <failed> failed
 * (<failed> counts failing checks). Exit status is nonzero on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

#define UNIT_MAX_TESTS 512

struct unit_entry {
	const char *name;
	const char *file;
	unit_fn fn;
};

static struct unit_entry tests[UNIT_MAX_TESTS];
static unsigned test_count;
static int registry_overflow;

static const char *current; /* name of the running test, for messages */
static unsigned checks, failed;

void unit_register(const char *name, const char *file, unit_fn fn)
{
	/* Constructors run before main: remember the overflow, report later. */
	if (test_count == UNIT_MAX_TESTS) {
		registry_overflow = 1;
		return;
	}
	tests[test_count++] = (struct unit_entry){ name, file, fn };
}

static void fail_prefix(const char *file, int line)
{
	failed++;
	printf("FAIL %s:%d [%s]: ", file, line, current ? current : "?");
}

int unit_check(int ok, const char *file, int line, const char *expr)
{
	checks++;
	if (!ok) {
		fail_prefix(file, line);
		printf("CHECK(%s)\n", expr);
	}
	return ok;
}

int unit_check_u64(uint64_t got, uint64_t want, const char *file, int line,
		   const char *expr)
{
	checks++;
	if (got != want) {
		fail_prefix(file, line);
		printf("%s: got 0x%llx (%llu), want 0x%llx (%llu)\n", expr,
		       (unsigned long long)got, (unsigned long long)got,
		       (unsigned long long)want, (unsigned long long)want);
	}
	return got == want;
}

int unit_check_i64(int64_t got, int64_t want, const char *file, int line,
		   const char *expr)
{
	checks++;
	if (got != want) {
		fail_prefix(file, line);
		printf("%s: got %lld, want %lld\n", expr, (long long)got, (long long)want);
	}
	return got == want;
}

int unit_check_str(const char *got, const char *want, const char *file, int line,
		   const char *expr)
{
	/* NULL equals only NULL, so a missing string is a failure, not a crash. */
	int ok = got && want ? strcmp(got, want) == 0 : got == want;
	checks++;
	if (!ok) {
		fail_prefix(file, line);
		printf("%s: got \"%s\", want \"%s\"\n", expr, got ? got : "(NULL)",
		       want ? want : "(NULL)");
	}
	return ok;
}

void unit_check_truncation(int (*format)(char *buf, size_t size, const void *arg),
			   const void *arg, const char *file, int line)
{
	char full[2048];
	int n = format(full, sizeof(full), arg);
	if (!unit_check(n >= 0 && (size_t)n < sizeof(full), file, line, "the whole text fits 2048 bytes"))
		return;
	for (size_t size = 0; size <= (size_t)n + 1; size++) {
		char *buf = malloc(size ? size : 1);
		unit_check_i64(format(buf, size, arg), n, file, line,
			       "truncated return is the full length");
		if (size) {
			size_t keep = size - 1 < (size_t)n ? size - 1 : (size_t)n;
			unit_check(memcmp(buf, full, keep) == 0 && buf[keep] == 0, file, line,
				   "truncated output is a NUL-terminated prefix");
		}
		free(buf);
	}
}

int main(void)
{
	if (registry_overflow) {
		printf("unit: more than %d tests; raise UNIT_MAX_TESTS\n", UNIT_MAX_TESTS);
		return 1;
	}
	for (unsigned i = 0; i < test_count; i++) {
		unsigned before = checks;
		current = tests[i].name;
		tests[i].fn();
		/* A test that checks nothing can never fail: count it as broken. */
		if (checks == before) {
			failed++;
			printf("FAIL %s [%s]: the test made no checks\n", tests[i].file,
			       tests[i].name);
		}
	}
	current = 0;
	printf("unit: %u checks in %u tests, %u failed\n", checks, test_count, failed);
	return failed ? 1 : 0;
}
