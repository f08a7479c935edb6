/*
 * cmdline_parse: the app's options and payload names (argv without the
 * program name). Errors must name what was wrong, since the user sees them
 * in the UEFI shell.
 */
#include <stdio.h>
#include <string.h>
#include "efi/cmdline.h"
#include "core/boot/handoff.h"
#include "unit.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])))

UNIT_TEST(cmdline_empty)
{
	struct cmdline c;
	memset(&c, 0x5A, sizeof(c)); /* the parser must clear what it returns */
	CHECK_EQ_I64(cmdline_parse(0, NULL, &c), 0);
	CHECK_EQ_U64(c.count, 0);
	CHECK_EQ_U64(c.flags, 0);
	CHECK_EQ_I64(c.help, 0);
	CHECK_EQ_I64(c.debug_wait, 0);
	CHECK_STR(c.error, "");
}

UNIT_TEST(cmdline_names_in_order)
{
	const char *argv[] = { "a.bin", "", "dir\\b.bin", "c" };
	struct cmdline c;
	CHECK_EQ_I64(cmdline_parse(ARGC(argv), argv, &c), 0);
	CHECK_EQ_U64(c.count, 3); /* the empty string is skipped */
	CHECK(c.names[0] == argv[0]);
	CHECK(c.names[1] == argv[2]);
	CHECK(c.names[2] == argv[3]);
	CHECK_EQ_U64(c.flags, 0);
}

UNIT_TEST(cmdline_options)
{
	const char *argv[] = { "--qemu-exit", "x.bin", "--debug-wait" };
	struct cmdline c;
	CHECK_EQ_I64(cmdline_parse(ARGC(argv), argv, &c), 0);
	CHECK_EQ_U64(c.flags, HANDOFF_QEMU_EXIT);
	CHECK_EQ_I64(c.debug_wait, 1);
	CHECK_EQ_I64(c.help, 0);
	CHECK_EQ_U64(c.count, 1);
	CHECK_STR(c.names[0], "x.bin");

	const char *help[] = { "--help" }, *h[] = { "-h" };
	CHECK_EQ_I64(cmdline_parse(1, help, &c), 0);
	CHECK_EQ_I64(c.help, 1);
	CHECK_EQ_I64(cmdline_parse(1, h, &c), 0);
	CHECK_EQ_I64(c.help, 1);
	CHECK_EQ_U64(c.flags, 0);
}

UNIT_TEST(cmdline_unknown_option)
{
	/* Exact matches only: prefixes and extensions are unknown. */
	static const char *const bad[] = { "--bogus", "--qemu", "--qemu-exitx", "-", "-H",
					   "--help=1" };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *argv[] = { "ok.bin", bad[i] };
		struct cmdline c;
		CHECK_EQ_I64(cmdline_parse(ARGC(argv), argv, &c), -1);
		CHECK(strstr(c.error, bad[i]) != NULL);
	}
	/* A very long option: the message is cut, still terminated. */
	char longopt[300];
	memset(longopt, 'x', sizeof(longopt) - 1);
	longopt[0] = '-';
	longopt[sizeof(longopt) - 1] = 0;
	const char *argv[] = { longopt };
	struct cmdline c;
	CHECK_EQ_I64(cmdline_parse(1, argv, &c), -1);
	CHECK(strlen(c.error) < sizeof(c.error));
	CHECK(strncmp(c.error, "unknown option '-xxx", 20) == 0);
}

UNIT_TEST(cmdline_too_many)
{
	static char names[PAYLOADS_MAX + 1][16];
	const char *argv[PAYLOADS_MAX + 1];
	for (unsigned i = 0; i <= PAYLOADS_MAX; i++) {
		snprintf(names[i], sizeof(names[i]), "p%u", i);
		argv[i] = names[i];
	}
	struct cmdline c;
	CHECK_EQ_I64(cmdline_parse(PAYLOADS_MAX, argv, &c), 0); /* the maximum is fine */
	CHECK_EQ_U64(c.count, PAYLOADS_MAX);
	CHECK(c.names[PAYLOADS_MAX - 1] == argv[PAYLOADS_MAX - 1]);
	CHECK_EQ_I64(cmdline_parse(PAYLOADS_MAX + 1, argv, &c), -1);
	char limit[16];
	snprintf(limit, sizeof(limit), "%d", PAYLOADS_MAX);
	CHECK(strstr(c.error, limit) != NULL); /* the message names the limit */
	CHECK(c.error[0] != 0);
}
