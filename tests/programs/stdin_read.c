/*
 * stdin_read: all of fd 0 through read() (no stdio on the input side),
 * with request sizes cycling through odd values so no read lines up with
 * a page, a pipe buffer or a cluster. Prints the byte count, the line
 * count, FNV-1a 64 of the bytes and the first and last lines (escaped,
 * cut at 120 bytes). How the data arrives in pieces is not printed, so
 * for the same input stdout and the exit status (0) must match the host
 * run, whether fd 0 is a file, a pipe or empty.
 */
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <unistd.h>

#define SHOW 120

struct line {
	unsigned char text[SHOW];
	size_t len;		/* the whole line's length, may exceed SHOW */
};

static unsigned char buf[65536];

static void add(struct line *l, unsigned char c)
{
	if (l->len < SHOW)
		l->text[l->len] = c;
	l->len++;
}

static void show(const char *label, const struct line *l)
{
	size_t i, n = l->len < SHOW ? l->len : SHOW;

	printf("%s (%zu bytes): \"", label, l->len);
	for (i = 0; i < n; i++) {
		unsigned char c = l->text[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			putchar(c);
		else
			printf("\\x%02x", c);
	}
	printf("\"%s\n", l->len > SHOW ? "..." : "");
}

int main(void)
{
	static const size_t sizes[] = { 1, 7, 13, 333, 4093, 65521 };
	struct line first = { .len = 0 }, cur = { .len = 0 }, last = { .len = 0 };
	uint64_t h = 0xcbf29ce484222325ULL;
	unsigned long long total = 0, lines = 0;
	int in_first = 1, calls = 0;
	ssize_t n, i;

	for (;;) {
		n = read(0, buf, sizes[calls++ % 6]);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("stdin_read: read");
			printf("read failed\n");
			return 2;
		}
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			unsigned char c = buf[i];

			h ^= c;
			h *= 0x100000001b3ULL;
			if (c == '\n') {
				lines++;
				last = cur;
				cur.len = 0;
				in_first = 0;
				continue;
			}
			add(&cur, c);
			if (in_first)
				add(&first, c);
		}
		total += n;
	}
	/* A final line without its newline still counts as the last line. */
	if (cur.len)
		last = cur;

	printf("bytes %llu\n", total);
	printf("lines %llu%s\n", lines, cur.len ? " plus one unterminated" : "");
	printf("fnv1a64 %016llx\n", (unsigned long long)h);
	if (total) {
		show("first line", &first);
		show("last line", &last);
	}
	return 0;
}
