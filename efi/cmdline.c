/* pure: Command-line parsing (see cmdline.h). */
#include "efi/cmdline.h"
#include "core/cpu/mitigation.h"
#include "core/lib/fmt.h"
#include "core/boot/handoff.h"

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static int prefix(const char *a, const char *p)
{
	while (*p && *a == *p)
		a++, p++;
	return !*p;
}

/* QEMU accepts -icount shift values up to 10. */
#define ICOUNT_SHIFT_MAX 10
/* The bench program takes at most this many from --bench-n. */
#define BENCH_N_MAX 100000
/* --mem-limit in MiB: 0 (none) up to 64 TiB. */
#define MEM_LIMIT_MAX_MIB (64ULL << 20)
/* --ap-timeout-ms: up to a minute. */
#define AP_TIMEOUT_MAX_MS 60000
/* --slice-us: up to a second; --cpu-limit and --run-limit: up to a day. */
#define SLICE_MAX_US 1000000
#define LIMIT_MAX_S  86400

/* A decimal number in [min, max] after the option's '=': 0, or -1. */
static int number(const char *a, const char *opt, uint64_t min, uint64_t max, uint64_t *out)
{
	uint64_t n = 0;
	const char *v = a;
	while (*opt)
		v++, opt++; /* the caller checked the prefix */
	const char *start = v;
	for (; *v >= '0' && *v <= '9' && n <= max; v++)
		n = n * 10 + (uint64_t)(*v - '0');
	if (*v || v == start || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

static const char *const env_default[] = { "PATH=/bin:/usr/bin", "HOME=/", "TERM=linux" };

/* --env=NAME=VALUE: replace NAME's string, or add it. 0, or -1 when full. */
static int env_set(struct cmdline *out, const char *kv)
{
	unsigned name_len = 0;
	while (kv[name_len] != '=')
		name_len++;
	for (unsigned i = 0; i < out->envc; i++) {
		const char *e = out->env[i];
		unsigned j = 0;
		while (j < name_len && e[j] == kv[j])
			j++;
		if (j == name_len && e[j] == '=') {
			out->env[i] = kv;
			return 0;
		}
	}
	if (out->envc == CMDLINE_ENV_MAX)
		return -1;
	out->env[out->envc++] = kv;
	return 0;
}

/* argv[i] is "--": the program after it takes the words up to the next
 * "--" as its arguments. Returns the index of that "--" (or argc). */
static int program_take(int argc, const char *const *argv, int i, struct cmdline *out)
{
	int name = i + 1, end = name;
	while (end < argc && !streq(argv[end], "--"))
		end++;
	if (name == end) {
		fmt_snprintf(out->error, sizeof(out->error), "'--' must be followed by a program");
		return -1;
	}
	if (out->count == PAYLOADS_MAX) {
		fmt_snprintf(out->error, sizeof(out->error), "too many payloads (at most %d)",
			     PAYLOADS_MAX);
		return -1;
	}
	out->names[out->count] = argv[name];
	out->args[out->count] = argv + name + 1;
	out->nargs[out->count] = (uint32_t)(end - name - 1);
	out->count++;
	return end;
}

int cmdline_parse(int argc, const char *const *argv, struct cmdline *out)
{
	*out = (struct cmdline){ .tsc_shift = -1, .mem_limit = USER_MEM_LIMIT_DEFAULT,
				 .ap_timeout_ms = AP_TIMEOUT_DEFAULT_MS, .slice_us = SLICE_DEFAULT_US,
				 .cpu_limit_s = CPU_LIMIT_DEFAULT_S, .run_limit_s = RUN_LIMIT_DEFAULT_S };
	for (unsigned i = 0; i < sizeof(env_default) / sizeof(env_default[0]); i++)
		out->env[out->envc++] = env_default[i];
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (streq(a, "--")) {
			/* Programs with arguments: the rest of the line. */
			while (i < argc)
				if ((i = program_take(argc, argv, i, out)) < 0)
					return -1;
			break;
		}
		if (!a[0])
			continue;
		if (streq(a, "--qemu-exit")) {
			out->flags |= HANDOFF_QEMU_EXIT;
		} else if (prefix(a, "--icount-shift=")) {
			const char *v = a + sizeof("--icount-shift=") - 1;
			if (v[0] < '0' || v[0] > '9' || (v[1] && (v[1] < '0' || v[1] > '9' || v[2])) ||
			    (v[1] ? (v[0] - '0') * 10 + (v[1] - '0') : v[0] - '0') > ICOUNT_SHIFT_MAX) {
				fmt_snprintf(out->error, sizeof(out->error),
					     "bad value in '%s' (0 to %d)", a, ICOUNT_SHIFT_MAX);
				return -1;
			}
			out->tsc_shift = v[1] ? (v[0] - '0') * 10 + (v[1] - '0') : v[0] - '0';
		} else if (prefix(a, "--bench-n=")) {
			if (number(a, "--bench-n=", 1, BENCH_N_MAX, &out->bench_n)) {
				fmt_snprintf(out->error, sizeof(out->error),
					     "bad value in '%s' (1 to %d)", a, BENCH_N_MAX);
				return -1;
			}
		} else if (prefix(a, "--mem-limit=")) {
			uint64_t n;
			if (number(a, "--mem-limit=", 0, MEM_LIMIT_MAX_MIB, &n)) {
				fmt_snprintf(out->error, sizeof(out->error),
					     "bad value in '%s' (MiB, 0 for no limit)", a);
				return -1;
			}
			out->mem_limit = n << 20;
		} else if (prefix(a, "--ap-timeout-ms=")) {
			uint64_t n;
			if (number(a, "--ap-timeout-ms=", 1, AP_TIMEOUT_MAX_MS, &n)) {
				fmt_snprintf(out->error, sizeof(out->error),
					     "bad value in '%s' (1 to %d)", a, AP_TIMEOUT_MAX_MS);
				return -1;
			}
			out->ap_timeout_ms = (uint32_t)n;
		} else if (streq(a, "--slow-ap")) {
			out->flags |= HANDOFF_SLOW_AP;
		} else if (prefix(a, "--slice-us=")) {
			uint64_t n;
			if (number(a, "--slice-us=", 0, SLICE_MAX_US, &n)) {
				fmt_snprintf(out->error, sizeof(out->error),
					     "bad value in '%s' (microseconds, 0 to %d; 0: no time slices)",
					     a, SLICE_MAX_US);
				return -1;
			}
			out->slice_us = (uint32_t)n;
		} else if (prefix(a, "--cpu-limit=") || prefix(a, "--run-limit=")) {
			uint64_t n;
			int cpu = prefix(a, "--cpu-limit=");
			if (number(a, cpu ? "--cpu-limit=" : "--run-limit=", 0, LIMIT_MAX_S, &n)) {
				fmt_snprintf(out->error, sizeof(out->error),
					     "bad value in '%s' (seconds, 0 to %d; 0: no limit)", a,
					     LIMIT_MAX_S);
				return -1;
			}
			if (cpu)
				out->cpu_limit_s = (uint32_t)n;
			else
				out->run_limit_s = (uint32_t)n;
		} else if (prefix(a, "--mitigate=") || prefix(a, "--no-mitigate=")) {
			int on = prefix(a, "--mitigate=");
			const char *v = a + (on ? sizeof("--mitigate=") : sizeof("--no-mitigate=")) - 1;
			const char *bad;
			unsigned bad_len;
			uint32_t m;
			if (mitigation_parse_list(v, &m, &bad, &bad_len)) {
				fmt_snprintf(out->error, sizeof(out->error),
					     "unknown mitigation '%.*s' in '%s' (%s)", (int)bad_len, bad, a,
					     MITIGATION_LIST_HELP);
				return -1;
			}
			/* In order: the later option wins, so "--no-mitigate=all
			 * --mitigate=pti" is isolation alone. */
			if (on) {
				out->mitigate_on |= m;
				out->mitigate_off &= ~m;
			} else {
				out->mitigate_off |= m;
				out->mitigate_on &= ~m;
			}
		} else if (streq(a, "--together")) {
			out->flags |= HANDOFF_TOGETHER;
		} else if (streq(a, "--trace-irq")) {
			out->flags |= HANDOFF_TRACE_IRQ;
		} else if (streq(a, "--halt")) {
			out->flags = (out->flags & ~HANDOFF_POWER_OFF) | HANDOFF_HALT;
		} else if (streq(a, "--power-off")) {
			out->flags = (out->flags & ~HANDOFF_HALT) | HANDOFF_POWER_OFF;
		} else if (streq(a, "--selftest")) {
			out->flags |= HANDOFF_SELFTEST;
		} else if (streq(a, "--debug-wait")) {
			out->debug_wait = 1;
		} else if (prefix(a, "--root=") || prefix(a, "--stdin=")) {
			int root = prefix(a, "--root=");
			const char *v = a + (root ? sizeof("--root=") : sizeof("--stdin=")) - 1;
			if (!*v) {
				fmt_snprintf(out->error, sizeof(out->error), "'%s' needs a %s", a,
					     root ? "directory" : "file");
				return -1;
			}
			if (root)
				out->root = v;
			else
				out->stdin_file = v;
		} else if (prefix(a, "--env=")) {
			const char *kv = a + sizeof("--env=") - 1, *eq = kv;
			while (*eq && *eq != '=')
				eq++;
			if (eq == kv || !*eq) {
				fmt_snprintf(out->error, sizeof(out->error),
					     "bad '%s' (--env=NAME=VALUE)", a);
				return -1;
			}
			if (env_set(out, kv)) {
				fmt_snprintf(out->error, sizeof(out->error),
					     "too many environment strings (at most %d)", CMDLINE_ENV_MAX);
				return -1;
			}
		} else if (streq(a, "--env-clear")) {
			out->envc = 0;
		} else if (streq(a, "--help") || streq(a, "-h")) {
			out->help = 1;
		} else if (a[0] == '-') {
			fmt_snprintf(out->error, sizeof(out->error), "unknown option '%s'", a);
			return -1;
		} else if (out->count == PAYLOADS_MAX) {
			fmt_snprintf(out->error, sizeof(out->error),
				     "too many payloads (at most %d)", PAYLOADS_MAX);
			return -1;
		} else {
			out->names[out->count] = a;
			out->args[out->count] = 0;
			out->nargs[out->count++] = 0;
		}
	}
	return 0;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

int cmdline_list_split(char *text, uint64_t len, const char **names, int max)
{
	int n = 0;
	text[len] = 0;
	for (uint64_t i = 0; i < len;) {
		uint64_t start = i;
		while (i < len && text[i] != '\n')
			i++;
		uint64_t end = i;
		text[i++] = 0; /* the '\n', or the NUL already at len */
		while (start < end && is_blank(text[start]))
			start++;
		while (end > start && is_blank(text[end - 1]))
			text[--end] = 0;
		if (start == end || text[start] == '#')
			continue;
		if (n == max)
			return -1;
		names[n++] = text + start;
	}
	return n;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

int cmdline_words_split(char *line, const char **words, int max, const char **why)
{
	int n = 0;
	char *r = line, *w = line; /* read and write: a word never grows */
	for (;;) {
		while (is_space(*r))
			r++;
		if (!*r)
			return n;
		if (n == max) {
			*why = "too many words on one line";
			return -1;
		}
		words[n++] = w;
		int quoted = 0;
		for (; *r && (quoted || !is_space(*r)); r++) {
			if (*r == '"') {
				quoted = !quoted;
			} else if (quoted && *r == '\\' && (r[1] == '"' || r[1] == '\\')) {
				*w++ = *++r;
			} else {
				*w++ = *r;
			}
		}
		if (quoted) {
			*why = "a quote is not closed";
			return -1;
		}
		/* The NUL may land on the blank that ended the word, never past r. */
		int more = *r != 0;
		*w++ = 0;
		if (!more)
			return n;
		r++;
	}
}
