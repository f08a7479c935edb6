/* Command-line parsing (pure; see cmdline.h). */
#include "cmdline.h"
#include "../core/fmt.h"
#include "../core/handoff.h"

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int cmdline_parse(int argc, const char *const *argv, struct cmdline *out)
{
	*out = (struct cmdline){ 0 };
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!a[0])
			continue;
		if (streq(a, "--qemu-exit")) {
			out->flags |= HANDOFF_QEMU_EXIT;
		} else if (streq(a, "--selftest")) {
			out->flags |= HANDOFF_SELFTEST;
		} else if (streq(a, "--debug-wait")) {
			out->debug_wait = 1;
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
			out->names[out->count++] = a;
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
