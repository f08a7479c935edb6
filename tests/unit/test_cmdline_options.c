/*
 * cmdline_parse's valued options (--icount-shift=N, --bench-n=N,
 * --ap-timeout-ms=N, --slice-us=N, --cpu-limit=S, --run-limit=S), the
 * --selftest flag and the defaults; cmdline_list_split, which splits an
 * @list file in place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "efi/cmdline.h"
#include "core/boot/handoff.h"
#include "unit.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Parse one argument; returns cmdline_parse's result. */
static int parse1(const char *arg, struct cmdline *c)
{
	const char *argv[] = { arg };
	return cmdline_parse(1, argv, c);
}

UNIT_TEST(cmdline_defaults)
{
	struct cmdline c;
	memset(&c, 0x5A, sizeof(c));
	CHECK_EQ_I64(cmdline_parse(0, NULL, &c), 0);
	CHECK_EQ_I64(c.tsc_shift, -1);
	CHECK_EQ_U64(c.bench_n, 0);
	CHECK_EQ_U64(c.flags, 0);

	/* Other options leave them at their defaults. */
	const char *argv[] = { "--qemu-exit", "--selftest", "a.bin" };
	memset(&c, 0x5A, sizeof(c));
	CHECK_EQ_I64(cmdline_parse(ARGC(argv), argv, &c), 0);
	CHECK_EQ_I64(c.tsc_shift, -1);
	CHECK_EQ_U64(c.bench_n, 0);
}

UNIT_TEST(cmdline_selftest)
{
	struct cmdline c;
	CHECK_EQ_I64(parse1("--selftest", &c), 0);
	CHECK_EQ_U64(c.flags, HANDOFF_SELFTEST);
	CHECK_EQ_U64(c.count, 0);

	const char *argv[] = { "x.bin", "--selftest", "--qemu-exit", "--selftest" };
	CHECK_EQ_I64(cmdline_parse(ARGC(argv), argv, &c), 0);
	CHECK_EQ_U64(c.flags, HANDOFF_SELFTEST | HANDOFF_QEMU_EXIT);
	CHECK_EQ_U64(c.count, 1);

	/* Exact match only. */
	static const char *const bad[] = { "--selftes", "--selftestx", "--selftest=1", "-selftest" };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_EQ_I64(parse1(bad[i], &c), -1);
		CHECK(strstr(c.error, bad[i]) != NULL);
	}
}

UNIT_TEST(cmdline_icount_shift_ok)
{
	static const char *const ok[] = {
		"--icount-shift=0", "--icount-shift=1", "--icount-shift=2", "--icount-shift=3",
		"--icount-shift=4", "--icount-shift=5", "--icount-shift=6", "--icount-shift=7",
		"--icount-shift=8", "--icount-shift=9", "--icount-shift=10",
	};
	for (int i = 0; i < ARGC(ok); i++) {
		struct cmdline c;
		CHECK_EQ_I64(parse1(ok[i], &c), 0);
		CHECK_EQ_I64(c.tsc_shift, i);
		CHECK_STR(c.error, "");
		CHECK_EQ_U64(c.count, 0); /* an option, not a payload name */
		CHECK_EQ_U64(c.flags, 0);
	}
	/* The last one given wins; other options mix freely. */
	const char *argv[] = { "--icount-shift=3", "p.bin", "--icount-shift=7", "--qemu-exit" };
	struct cmdline c;
	CHECK_EQ_I64(cmdline_parse(ARGC(argv), argv, &c), 0);
	CHECK_EQ_I64(c.tsc_shift, 7);
	CHECK_EQ_U64(c.count, 1);
	CHECK_EQ_U64(c.flags, HANDOFF_QEMU_EXIT);
}

UNIT_TEST(cmdline_icount_shift_refused)
{
	static const char *const bad[] = {
		"--icount-shift=11", "--icount-shift=19", "--icount-shift=99",
		"--icount-shift=",   "--icount-shift=a",  "--icount-shift=x1",
		"--icount-shift=1x", "--icount-shift=-1", "--icount-shift=+1",
		"--icount-shift= 1", "--icount-shift=1 ", "--icount-shift=100",
		"--icount-shift=010", "--icount-shift=000", "--icount-shift=1234567",
	};
	for (int i = 0; i < ARGC(bad); i++) {
		const char *argv[] = { "ok.bin", bad[i] };
		struct cmdline c;
		CHECK_EQ_I64(cmdline_parse(ARGC(argv), argv, &c), -1);
		CHECK(strstr(c.error, bad[i]) != NULL); /* names the option and value */
		CHECK(strstr(c.error, "10") != NULL);   /* and the limit */
	}
	/* Without '=' it is not the option at all. */
	struct cmdline c;
	CHECK_EQ_I64(parse1("--icount-shift", &c), -1);
	CHECK(strstr(c.error, "--icount-shift") != NULL);
	CHECK_EQ_I64(parse1("--icount-shift5", &c), -1);
	CHECK(strstr(c.error, "--icount-shift5") != NULL);
}

UNIT_TEST(cmdline_bench_n_ok)
{
	static const struct {
		const char *arg;
		uint64_t n;
	} ok[] = {
		{ "--bench-n=1", 1 },         { "--bench-n=2", 2 },
		{ "--bench-n=10", 10 },       { "--bench-n=999", 999 },
		{ "--bench-n=12345", 12345 }, { "--bench-n=99999", 99999 },
		{ "--bench-n=100000", 100000 },
	};
	for (int i = 0; i < ARGC(ok); i++) {
		struct cmdline c;
		CHECK_EQ_I64(parse1(ok[i].arg, &c), 0);
		CHECK_EQ_U64(c.bench_n, ok[i].n);
		CHECK_STR(c.error, "");
		CHECK_EQ_U64(c.count, 0);
		CHECK_EQ_I64(c.tsc_shift, -1);
	}
	const char *argv[] = { "--bench-n=5", "--icount-shift=4", "--bench-n=7" };
	struct cmdline c;
	CHECK_EQ_I64(cmdline_parse(ARGC(argv), argv, &c), 0);
	CHECK_EQ_U64(c.bench_n, 7);
	CHECK_EQ_I64(c.tsc_shift, 4);
}

UNIT_TEST(cmdline_bench_n_refused)
{
	static const char *const bad[] = {
		"--bench-n=0",      "--bench-n=00",     "--bench-n=100001",
		"--bench-n=1000000", "--bench-n=200000", "--bench-n=",
		"--bench-n=abc",    "--bench-n=1a",     "--bench-n=a1",
		"--bench-n=-1",     "--bench-n= 5",     "--bench-n=5 ",
		"--bench-n=0x10",
		/* Far beyond 64 bits: refused, not wrapped round to a small value. */
		"--bench-n=18446744073709551617",
		"--bench-n=100000000000000000000000000000000000000001",
	};
	for (int i = 0; i < ARGC(bad); i++) {
		const char *argv[] = { bad[i], "ok.bin" };
		struct cmdline c;
		CHECK_EQ_I64(cmdline_parse(ARGC(argv), argv, &c), -1);
		CHECK(strstr(c.error, bad[i]) != NULL);
		CHECK(strstr(c.error, "100000") != NULL); /* the limit */
	}
	struct cmdline c;
	CHECK_EQ_I64(parse1("--bench-n", &c), -1);
	CHECK(strstr(c.error, "--bench-n") != NULL);
}

UNIT_TEST(cmdline_ap_timeout)
{
	struct cmdline c;
	CHECK_EQ_I64(parse1("x.bin", &c), 0);
	CHECK_EQ_U64(c.ap_timeout_ms, AP_TIMEOUT_DEFAULT_MS);
	CHECK_EQ_U64(c.flags & HANDOFF_SLOW_AP, 0);
	CHECK_EQ_I64(parse1("--ap-timeout-ms=1", &c), 0);
	CHECK_EQ_U64(c.ap_timeout_ms, 1);
	CHECK_EQ_I64(parse1("--ap-timeout-ms=60000", &c), 0);
	CHECK_EQ_U64(c.ap_timeout_ms, 60000);
	CHECK_EQ_I64(parse1("--slow-ap", &c), 0);
	CHECK_EQ_U64(c.flags & HANDOFF_SLOW_AP, HANDOFF_SLOW_AP);
	static const char *const bad[] = {
		"--ap-timeout-ms=0", "--ap-timeout-ms=60001", "--ap-timeout-ms=", "--ap-timeout-ms=1s",
		"--ap-timeout-ms=18446744073709551617",
	};
	for (int i = 0; i < ARGC(bad); i++) {
		CHECK_EQ_I64(parse1(bad[i], &c), -1);
		CHECK(strstr(c.error, bad[i]) != NULL && strstr(c.error, "60000") != NULL);
	}
}

/* One valued option: the lowest and highest values it takes land in the
 * field; each bad form is refused with the argument and the range named. */
static void valued_option(const char *const *good, const uint32_t *want, int ngood,
			  const uint32_t *field, const char *const *bad, int nbad,
			  const char *range, struct cmdline *c)
{
	for (int i = 0; i < ngood; i++) {
		CHECK_EQ_I64(parse1(good[i], c), 0);
		CHECK_EQ_U64(*field, want[i]);
	}
	for (int i = 0; i < nbad; i++) {
		CHECK_EQ_I64(parse1(bad[i], c), -1);
		CHECK(strstr(c->error, bad[i]) != NULL && strstr(c->error, range) != NULL);
	}
}

UNIT_TEST(cmdline_time_defaults)
{
	struct cmdline c;
	CHECK_EQ_I64(parse1("x.bin", &c), 0);
	CHECK_EQ_U64(c.slice_us, SLICE_DEFAULT_US);
	CHECK_EQ_U64(c.cpu_limit_s, CPU_LIMIT_DEFAULT_S);
	CHECK_EQ_U64(c.run_limit_s, RUN_LIMIT_DEFAULT_S);
}

UNIT_TEST(cmdline_slice_us)
{
	struct cmdline c;
	memset(&c, 0, sizeof(c)); /* the field is read through a pointer */
	static const char *const good[] = { "--slice-us=0", "--slice-us=1", "--slice-us=1000000" };
	static const uint32_t want[] = { 0, 1, 1000000 };
	static const char *const bad[] = {
		"--slice-us=1000001", "--slice-us=", "--slice-us=-1", "--slice-us=10ms",
		"--slice-us= 5", "--slice-us=18446744073709551617",
	};
	valued_option(good, want, ARGC(good), &c.slice_us, bad, ARGC(bad), "0 to 1000000", &c);
}

UNIT_TEST(cmdline_cpu_and_run_limits)
{
	struct cmdline c;
	memset(&c, 0, sizeof(c)); /* the field is read through a pointer */
	static const char *const cpu_good[] = { "--cpu-limit=0", "--cpu-limit=1", "--cpu-limit=86400" };
	static const char *const run_good[] = { "--run-limit=0", "--run-limit=2", "--run-limit=86400" };
	static const uint32_t cpu_want[] = { 0, 1, 86400 }, run_want[] = { 0, 2, 86400 };
	static const char *const cpu_bad[] = {
		"--cpu-limit=86401", "--cpu-limit=", "--cpu-limit=-1", "--cpu-limit=1.5",
		"--cpu-limit=4294967297",
	};
	static const char *const run_bad[] = {
		"--run-limit=86401", "--run-limit=", "--run-limit=x", "--run-limit=2s",
		"--run-limit=18446744073709551616",
	};
	valued_option(cpu_good, cpu_want, ARGC(cpu_good), &c.cpu_limit_s, cpu_bad, ARGC(cpu_bad),
		      "0 to 86400", &c);
	valued_option(run_good, run_want, ARGC(run_good), &c.run_limit_s, run_bad, ARGC(run_bad),
		      "0 to 86400", &c);

	/* Each sets its own limit only; in order, the later one wins. */
	const char *argv[] = { "--cpu-limit=3", "--run-limit=7", "--cpu-limit=5", "x.bin" };
	CHECK_EQ_I64(cmdline_parse(ARGC(argv), argv, &c), 0);
	CHECK_EQ_U64(c.cpu_limit_s, 5);
	CHECK_EQ_U64(c.run_limit_s, 7);
	CHECK_EQ_U64(c.slice_us, SLICE_DEFAULT_US);
}

/* ---- cmdline_list_split ---- */

/* The text in a heap block of exactly len+1 bytes, so ASan sees overruns. */
static char *dup_exact(const char *text, uint64_t len)
{
	char *p = malloc(len + 1);
	memcpy(p, text, len);
	p[len] = '!'; /* the split must write its own terminator here */
	return p;
}

UNIT_TEST(list_split_basic)
{
	const char text[] = "a.bin\nb.bin\nsub\\c.bin\n";
	uint64_t len = sizeof(text) - 1;
	char *buf = dup_exact(text, len);
	const char *names[8];
	CHECK_EQ_I64(cmdline_list_split(buf, len, names, 8), 3);
	CHECK_STR(names[0], "a.bin");
	CHECK_STR(names[1], "b.bin");
	CHECK_STR(names[2], "sub\\c.bin");
	/* In place: the names point into the buffer. */
	CHECK(names[0] == buf);
	CHECK(names[1] == buf + 6);
	CHECK(names[2] == buf + 12);
	free(buf);
}

UNIT_TEST(list_split_trim_and_skip)
{
	const char text[] = "  first.bin \t\r\n"
			    "\r\n"
			    "\n"
			    "   \t \r\n"
			    "# a comment\n"
			    "#no-space comment\n"
			    "\tsecond.bin\n"
			    "with space.bin\r\n"
			    "x#y.bin\n"
			    "last.bin"; /* no trailing newline */
	uint64_t len = sizeof(text) - 1;
	char *buf = dup_exact(text, len);
	const char *names[8];
	int n = cmdline_list_split(buf, len, names, 8);
	if (CHECK_EQ_I64(n, 5)) {
		CHECK_STR(names[0], "first.bin");
		CHECK_STR(names[1], "second.bin");
		CHECK_STR(names[2], "with space.bin"); /* inner blanks kept */
		CHECK_STR(names[3], "x#y.bin");        /* '#' only counts first */
		CHECK_STR(names[4], "last.bin");
	}
	free(buf);
}

UNIT_TEST(list_split_crlf_only_and_empty)
{
	const char *names[4] = { 0 };
	char *buf = dup_exact("", 0);
	CHECK_EQ_I64(cmdline_list_split(buf, 0, names, 4), 0);
	CHECK_EQ_U64((unsigned char)buf[0], 0);
	free(buf);

	static const char *const nothing[] = { "\n", "\r\n", "   ", "\r", "\n\n\n",
					       "# only\n# comments", "#", " \t\r\n\t# x\r\n" };
	for (unsigned i = 0; i < sizeof(nothing) / sizeof(nothing[0]); i++) {
		uint64_t len = strlen(nothing[i]);
		buf = dup_exact(nothing[i], len);
		CHECK_EQ_I64(cmdline_list_split(buf, len, names, 4), 0);
		free(buf);
	}

	/* One name, with and without line end; DOS line ends. */
	static const char *const one[] = { "p.bin", "p.bin\n", "p.bin\r\n", "\r\n p.bin \r\n\r\n",
					   "# c\r\np.bin" };
	for (unsigned i = 0; i < sizeof(one) / sizeof(one[0]); i++) {
		uint64_t len = strlen(one[i]);
		buf = dup_exact(one[i], len);
		names[0] = NULL;
		CHECK_EQ_I64(cmdline_list_split(buf, len, names, 4), 1);
		CHECK(names[0] && strcmp(names[0], "p.bin") == 0);
		free(buf);
	}
}

UNIT_TEST(list_split_len_not_text)
{
	/* Only len bytes are the list: whatever follows is not read as names. */
	char buf[] = "a\nb\nc\nd";
	const char *names[4];
	CHECK_EQ_I64(cmdline_list_split(buf, 3, names, 4), 2); /* "a\nb" */
	CHECK_STR(names[0], "a");
	CHECK_STR(names[1], "b");
	CHECK_EQ_U64((unsigned char)buf[3], 0); /* terminator at len */
}

UNIT_TEST(list_split_max)
{
	const char text[] = "a\nb\n# skipped\n\nc\n";
	uint64_t len = sizeof(text) - 1;
	const char *names[3];
	char *buf = dup_exact(text, len);
	CHECK_EQ_I64(cmdline_list_split(buf, len, names, 3), 3); /* exactly max */
	CHECK_STR(names[2], "c");
	free(buf);

	buf = dup_exact(text, len);
	CHECK_EQ_I64(cmdline_list_split(buf, len, names, 2), -1); /* one too many */
	free(buf);

	buf = dup_exact(text, len);
	CHECK_EQ_I64(cmdline_list_split(buf, len, names, 0), -1);
	free(buf);

	/* Comments and blanks do not count toward max. */
	const char only[] = "# x\n\n   \n";
	buf = dup_exact(only, sizeof(only) - 1);
	CHECK_EQ_I64(cmdline_list_split(buf, sizeof(only) - 1, names, 0), 0);
	free(buf);

	/* Up to PAYLOADS_MAX names, as the app uses it. */
	char big[PAYLOADS_MAX * 8 + 8];
	uint64_t at = 0;
	for (int i = 0; i < PAYLOADS_MAX + 1; i++) {
		big[at++] = 'n';
		big[at++] = (char)('A' + i % 26);
		big[at++] = '\n';
	}
	const char *many[PAYLOADS_MAX];
	char *b2 = dup_exact(big, at - 3); /* PAYLOADS_MAX names */
	CHECK_EQ_I64(cmdline_list_split(b2, at - 3, many, PAYLOADS_MAX), PAYLOADS_MAX);
	free(b2);
	b2 = dup_exact(big, at); /* one more */
	CHECK_EQ_I64(cmdline_list_split(b2, at, many, PAYLOADS_MAX), -1);
	free(b2);
}

/* ---- programs with arguments, the environment, the tree, stdin ---- */

UNIT_TEST(cmdline_programs_with_args)
{
	const char *argv[] = { "--together", "a.bin", "--", "busybox", "echo", "a b", "",
			       "--", "hello", "--", "bash", "-c", "exit 3" };
	struct cmdline c;
	if (!CHECK_EQ_I64(cmdline_parse(13, argv, &c), 0))
		return;
	CHECK_EQ_U64(c.flags, HANDOFF_TOGETHER);
	CHECK_EQ_U64(c.count, 4);
	CHECK_STR(c.names[0], "a.bin");
	CHECK_EQ_U64(c.nargs[0], 0);
	CHECK_STR(c.names[1], "busybox");
	CHECK_EQ_U64(c.nargs[1], 3); /* an empty argument is an argument */
	CHECK_STR(c.args[1][0], "echo");
	CHECK_STR(c.args[1][1], "a b");
	CHECK_STR(c.args[1][2], "");
	CHECK_STR(c.names[2], "hello");
	CHECK_EQ_U64(c.nargs[2], 0);
	CHECK_STR(c.names[3], "bash");
	CHECK_EQ_U64(c.nargs[3], 2);
	CHECK_STR(c.args[3][1], "exit 3");

	/* After "--", options are arguments. */
	const char *opt[] = { "--", "prog", "--selftest", "-h" };
	CHECK_EQ_I64(cmdline_parse(4, opt, &c), 0);
	CHECK_EQ_U64(c.flags, 0);
	CHECK_EQ_I64(c.help, 0);
	CHECK_EQ_U64(c.nargs[0], 2);

	const char *empty[] = { "--" }, *twice[] = { "--", "p", "--" };
	CHECK_EQ_I64(cmdline_parse(1, empty, &c), -1);
	CHECK(strstr(c.error, "followed by a program") != NULL);
	CHECK_EQ_I64(cmdline_parse(3, twice, &c), -1);
}

UNIT_TEST(cmdline_env_root_stdin)
{
	struct cmdline c;
	CHECK_EQ_I64(cmdline_parse(0, NULL, &c), 0);
	if (CHECK_EQ_U64(c.envc, 3)) {
		CHECK_STR(c.env[0], "PATH=/bin:/usr/bin");
		CHECK_STR(c.env[1], "HOME=/");
		CHECK_STR(c.env[2], "TERM=linux");
	}
	CHECK(c.root == NULL && c.stdin_file == NULL);

	const char *argv[] = { "--env=HOME=/tmp", "--env=LANG=C", "--env=EMPTY=", "--root=\\t",
			       "--stdin=in.txt" };
	CHECK_EQ_I64(cmdline_parse(5, argv, &c), 0);
	CHECK_EQ_U64(c.envc, 5);
	CHECK_STR(c.env[1], "HOME=/tmp"); /* replaced where it was */
	CHECK_STR(c.env[3], "LANG=C");
	CHECK_STR(c.env[4], "EMPTY=");
	CHECK_STR(c.root, "\\t");
	CHECK_STR(c.stdin_file, "in.txt");

	const char *clear[] = { "--env-clear", "--env=A=1" };
	CHECK_EQ_I64(cmdline_parse(2, clear, &c), 0);
	CHECK_EQ_U64(c.envc, 1);
	CHECK_STR(c.env[0], "A=1");

	static const char *const bad[] = { "--env=", "--env=NOVALUE", "--env==x", "--root=",
					   "--stdin=" };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_EQ_I64(cmdline_parse(1, &bad[i], &c), -1);
		CHECK(strstr(c.error, bad[i]) != NULL);
	}
	static char many[CMDLINE_ENV_MAX + 1][16];
	const char *m[CMDLINE_ENV_MAX + 1];
	for (unsigned i = 0; i < CMDLINE_ENV_MAX + 1; i++) {
		snprintf(many[i], sizeof(many[i]), "--env=V%u=1", i);
		m[i] = many[i];
	}
	CHECK_EQ_I64(cmdline_parse(CMDLINE_ENV_MAX - 3, m, &c), 0); /* with the 3 defaults: full */
	CHECK_EQ_I64(cmdline_parse(CMDLINE_ENV_MAX - 2, m, &c), -1);
	CHECK(strstr(c.error, "environment") != NULL);
}

/* A line split in a heap copy of exactly its size, so ASan sees overruns. */
static int words(const char *line, const char **w, int max, const char **why, char **keep)
{
	*keep = strdup(line);
	return cmdline_words_split(*keep, w, max, why);
}

UNIT_TEST(cmdline_words_quotes)
{
	const char *w[8], *why = 0;
	char *buf;
	if (CHECK_EQ_I64(words("busybox  echo \"a  b\" c\\d \"x\\\"y\" \"\" \"\\\\\"", w, 8, &why, &buf), 7)) {
		CHECK_STR(w[0], "busybox");
		CHECK_STR(w[1], "echo");
		CHECK_STR(w[2], "a  b");
		CHECK_STR(w[3], "c\\d"); /* a backslash outside quotes is itself */
		CHECK_STR(w[4], "x\"y");
		CHECK_STR(w[5], "");
		CHECK_STR(w[6], "\\");
	}
	free(buf);
	CHECK_EQ_I64(words("pre\"fix mid\"post\ttab", w, 8, &why, &buf), 2);
	CHECK_STR(w[0], "prefix midpost");
	CHECK_STR(w[1], "tab");
	free(buf);
	CHECK_EQ_I64(words("  \t ", w, 8, &why, &buf), 0);
	free(buf);
	CHECK_EQ_I64(words("a \"open", w, 8, &why, &buf), -1);
	CHECK(why && strstr(why, "quote"));
	free(buf);
	why = 0;
	CHECK_EQ_I64(words("a b c", w, 2, &why, &buf), -1);
	CHECK(why && strstr(why, "too many"));
	free(buf);
	CHECK_EQ_I64(words("a b", w, 2, &why, &buf), 2);
	free(buf);
}
