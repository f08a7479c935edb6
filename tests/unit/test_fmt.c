/*
 * fmt_snprintf against the C library's snprintf: fmt.h promises C99
 * semantics for its conversions, and glibc is the reference. Each SAME()
 * call hands one literal format and argument list to both, so the compiler
 * type-checks the arguments against the format for both calls.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include "core/lib/fmt.h"
#include "unit.h"

/* Compare output text and return value with libc's, at this line. */
#define SAME(...)                                                              \
	do {                                                                   \
		char ours_[256], libc_[256];                                   \
		int n_ours_ = fmt_snprintf(ours_, sizeof(ours_), __VA_ARGS__); \
		int n_libc_ = snprintf(libc_, sizeof(libc_), __VA_ARGS__);     \
		unit_check_str(ours_, libc_, __FILE__, __LINE__, #__VA_ARGS__); \
		unit_check_i64(n_ours_, n_libc_, __FILE__, __LINE__,           \
			       "return of " #__VA_ARGS__);                     \
	} while (0)

/* A NULL the compiler cannot see through (it warns about literal NULL %s). */
static const char *volatile null_str;

UNIT_TEST(fmt_plain_text_and_percent)
{
	SAME("hello");
	SAME("%s", "");
	SAME("100%%");
	SAME("%%%d%%", 5);
	SAME("a%cb", 'x');
}

UNIT_TEST(fmt_signed_decimal)
{
	SAME("%d", 0);
	SAME("%d", 42);
	SAME("%d", -42);
	SAME("%i", -7);
	SAME("%d", INT_MAX);
	SAME("%d", INT_MIN);
	SAME("%ld", LONG_MIN);
	SAME("%lld", (long long)INT64_MIN); /* magnitude has no positive int64 */
	SAME("%lld", (long long)INT64_MAX);
	SAME("%+d %+d %+d", 5, -5, 0);
	SAME("% d % d % d", 5, -5, 0);
}

UNIT_TEST(fmt_unsigned_and_hex)
{
	SAME("%u", 0u);
	SAME("%u", UINT_MAX);
	SAME("%llu", (unsigned long long)UINT64_MAX);
	SAME("%x %X", 0xdeadbeefu, 0xdeadbeefu);
	SAME("%llx", 0xFFFF8000DEADB000ull);
	SAME("%#x %#X", 255u, 255u);
	SAME("%#x", 0u);     /* no 0x prefix for zero */
	SAME("%#.0x", 0u);   /* and nothing at all with precision 0 */
	SAME("%#08x", 255u); /* zeros go between prefix and digits */
	SAME("%#-8x|", 255u);
	SAME("%#10.4x", 0x1fu);
}

UNIT_TEST(fmt_width_and_precision)
{
	SAME("[%5d]", 42);
	SAME("[%-5d]", 42);
	SAME("[%05d]", 42);
	SAME("[%05d]", -42); /* sign before the zeros */
	SAME("[%+05d]", 42);
	SAME("[% 05d]", 42);
	SAME("[%1d]", 12345); /* width never truncates */
	SAME("[%.3d]", 7);
	SAME("[%.3d]", -7);
	SAME("[%8.3d]", -7);
	SAME("[%-8.3d]", -7);
	SAME("[%.0d]", 0); /* precision 0 and value 0: no digits */
	SAME("[%5.0d]", 0);
	SAME("[%+.0d]", 0);
	SAME("[%.0u]", 0u);
	SAME("[%.0x]", 0u);
	SAME("[%.0d]", 1);
	SAME("[%.20llu]", 123ull);
}

UNIT_TEST(fmt_star_width_and_precision)
{
	SAME("[%*d]", 6, 42);
	SAME("[%*d]", -6, 42); /* negative width: left-justify */
	SAME("[%.*d]", 4, 42);
	SAME("[%.*d]", -4, 42); /* negative precision: as if omitted */
	SAME("[%*.*d]", 8, 4, -42);
	SAME("[%-*d]", 6, 42);
	SAME("[%.*s]", 3, "abcdef");
	SAME("[%.*s]", -1, "abcdef");
	SAME("[%*s]", -8, "ab");
	SAME("[%0*d]", 5, 3);
}

UNIT_TEST(fmt_length_modifiers)
{
	SAME("%hhd", 200);  /* int converted to signed char: -56 */
	SAME("%hhu", 300);  /* to unsigned char: 44 */
	SAME("%hhx", -1);
	SAME("%hd", 70000); /* to short: 4464 */
	SAME("%hu", -1);
	SAME("%hx", 0x12345);
	SAME("%ld %lu %lx", -1L, ULONG_MAX, 0xabcdefUL);
	SAME("%lld %llu", -1LL, ULLONG_MAX);
	SAME("%zu %zx", (size_t)SIZE_MAX, (size_t)0x1234);
	SAME("%zd", (ssize_t)-5);
	SAME("%jd %ju", (intmax_t)INTMAX_MIN, (uintmax_t)UINTMAX_MAX);
	SAME("%td", (ptrdiff_t)-123456789012345);
	SAME("%tx", (ptrdiff_t)0x7fff);
	/* After a wide argument the next one must still be read correctly. */
	SAME("%lld %d %hhd %llx", (long long)INT64_MIN, -3, 127, 0x1ull << 63);
}

UNIT_TEST(fmt_strings_and_chars)
{
	SAME("%s", "abc");
	SAME("[%8s]", "abc");
	SAME("[%-8s]", "abc");
	SAME("[%.2s]", "abc");
	SAME("[%8.2s]", "abc");
	SAME("[%.0s]", "abc");
	SAME("[%.10s]", "abc"); /* precision past the end stops at the NUL */
	SAME("[%s]", "");
	SAME("[%c]", 'A');
	SAME("[%4c]", 'A');
	SAME("[%-4c]", 'A');
	/* glibc prints "(null)" for a NULL %s with no precision; ours does too. */
	SAME("[%s]", null_str);
	SAME("[%10s]", null_str);
	char buf[8];
	CHECK_EQ_I64(fmt_snprintf(buf, sizeof(buf), "%s", null_str), 6);
	CHECK_STR(buf, "(null)");
}

UNIT_TEST(fmt_nul_char_counts)
{
	/* %c with 0 writes a real NUL that counts toward the length. */
	char ours[16], libc[16];
	memset(ours, 'x', sizeof(ours));
	memset(libc, 'x', sizeof(libc));
	int n_ours = fmt_snprintf(ours, sizeof(ours), "a%cb%3c", 0, 0);
	int n_libc = snprintf(libc, sizeof(libc), "a%cb%3c", 0, 0);
	CHECK_EQ_I64(n_ours, n_libc);
	CHECK_EQ_I64(n_ours, 6);
	CHECK(memcmp(ours, libc, (size_t)n_libc + 1) == 0);
}

UNIT_TEST(fmt_pointer)
{
	int x;
	SAME("%p", (void *)&x);
	SAME("%p", (void *)0xFFFF8000DEADB000ull);
	SAME("[%20p]", (void *)0x1234);
	SAME("[%-20p]", (void *)0x1234);
	/* NULL is "(nil)", as in glibc; width still applies. */
	char buf[32];
	CHECK_EQ_I64(fmt_snprintf(buf, sizeof(buf), "%p", (void *)0), 5);
	CHECK_STR(buf, "(nil)");
	CHECK_EQ_I64(fmt_snprintf(buf, sizeof(buf), "[%8p]", (void *)0), 10);
	CHECK_STR(buf, "[   (nil)]");
	SAME("[%8p]", (void *)0);
}

/* C defines these flag combinations (the weaker flag is ignored), but GCC
 * warns about them; the point here is exactly that they are ignored. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
UNIT_TEST(fmt_ignored_flags)
{
	SAME("[%-05d]", 42);  /* '-' beats '0' */
	SAME("[% +d]", 42);   /* '+' beats ' ' */
	SAME("[%08.3d]", 42); /* a precision beats '0' */
	SAME("[%-08.3x]", 42u);
	SAME("[%+u]", 42u);   /* sign flags do nothing for unsigned */
	SAME("[% x]", 42u);
	SAME("[%+x]", 42u);
}
#pragma GCC diagnostic pop

UNIT_TEST(fmt_many_widths)
{
	/* A sweep, so an off-by-one in padding shows up somewhere. */
	for (int w = 0; w < 24; w++) {
		for (int p = -1; p < 22; p++) {
			SAME("[%*.*d]", w, p, -12345);
			SAME("[%-*.*x]", w, p, 0xabcu);
			SAME("[%0*lld]", w, (long long)INT64_MIN);
			SAME("[%#0*llx]", w, 0xfeedull);
			SAME("[%*.*s]", w, p, "string");
		}
	}
}

/* Formats GCC rejects at compile time, through the va_list entry point
 * (which has no format attribute). */
static int v_fmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

UNIT_TEST(fmt_odd_formats)
{
	char buf[16];
	memset(buf, '#', sizeof(buf));
	CHECK_EQ_I64(v_fmt(buf, sizeof(buf), ""), 0);
	CHECK_EQ_U64((unsigned char)buf[0], 0);
	/* A lone '%' at the end stops the output instead of reading past it. */
	CHECK_EQ_I64(v_fmt(buf, sizeof(buf), "ab%"), 2);
	CHECK_STR(buf, "ab");
	CHECK_EQ_I64(v_fmt(buf, sizeof(buf), "ab%5"), 2);
	CHECK_STR(buf, "ab");
}

/* Truncation: size bytes at most, always NUL-terminated, full length back.
 * (GCC warns that libc's output is truncated: that is what is compared.) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-truncation"
UNIT_TEST(fmt_truncation)
{
	char buf[16];

	/* size 0: nothing written, not even a NUL; NULL buffer allowed. */
	memset(buf, '#', sizeof(buf));
	CHECK_EQ_I64(fmt_snprintf(buf, 0, "hello %d", 12345), 11);
	CHECK_EQ_U64((unsigned char)buf[0], '#');
	CHECK_EQ_I64(fmt_snprintf(NULL, 0, "%s-%d", "abc", -1), 6);

	/* size 1: just the NUL. */
	memset(buf, '#', sizeof(buf));
	CHECK_EQ_I64(fmt_snprintf(buf, 1, "hello %d", 12345), 11);
	CHECK_EQ_U64((unsigned char)buf[0], 0);
	CHECK_EQ_U64((unsigned char)buf[1], '#');

	/* size 5: four characters and a NUL, the rest untouched. */
	memset(buf, '#', sizeof(buf));
	CHECK_EQ_I64(fmt_snprintf(buf, 5, "hello %d", 12345), 11);
	CHECK_STR(buf, "hell");
	CHECK_EQ_U64((unsigned char)buf[5], '#');

	/* Cut inside padding, a number, a prefix: still libc's prefix. */
	char libc[16];
	memset(buf, '#', sizeof(buf));
	CHECK_EQ_I64(fmt_snprintf(buf, 5, "%10d", 7), snprintf(libc, 5, "%10d", 7));
	CHECK_STR(buf, libc);
	CHECK_EQ_I64(fmt_snprintf(buf, 5, "%lld", (long long)INT64_MIN),
		     snprintf(libc, 5, "%lld", (long long)INT64_MIN));
	CHECK_STR(buf, libc);
	CHECK_EQ_I64(fmt_snprintf(buf, 2, "%#x", 0xabcu), snprintf(libc, 2, "%#x", 0xabcu));
	CHECK_STR(buf, libc);

	/* Exactly fitting and one short. */
	CHECK_EQ_I64(fmt_snprintf(buf, 6, "%s", "hello"), 5);
	CHECK_STR(buf, "hello");
	CHECK_EQ_I64(fmt_snprintf(buf, 5, "%s", "hello"), 5);
	CHECK_STR(buf, "hell");
}
#pragma GCC diagnostic pop

/* Every size from 0 up on an exact-size heap buffer: ASan catches a write
 * one past the end that a stack buffer with slack would hide. */
UNIT_TEST(fmt_truncation_sweep)
{
	static const char want[] = "x=-00042 s=abc   p=0x10 %";
	const int full = (int)sizeof(want) - 1;
	for (size_t size = 0; size <= sizeof(want) + 1; size++) {
		char *buf = malloc(size ? size : 1);
		int n = fmt_snprintf(size ? buf : NULL, size, "x=%06d s=%-6sp=%p %%", -42,
				     "abc", (void *)0x10);
		CHECK_EQ_I64(n, full);
		if (size) {
			size_t keep = size - 1 < (size_t)full ? size - 1 : (size_t)full;
			CHECK(memcmp(buf, want, keep) == 0);
			CHECK_EQ_U64((unsigned char)buf[keep], 0);
		}
		free(buf);
	}
}
