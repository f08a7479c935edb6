/*
 * Run as several copies together on one CPU (--together): each writes
 * every line in five pieces, yielding to the others after each, so
 * every line is interrupted by the other tasks' writes four times. The kernel
 * must still print each task's lines whole, each a TEXT line tagged with
 * its own pid: "pieces: pid P line N of M\n".
 */
#include "user_payload/ulib.h"

#define LINES 20

static void piece(const char *s)
{
	usys3(SYS_write, 1, (uint64_t)s, ustrlen(s));
	usys0(SYS_sched_yield);
}

/* v in decimal at the end of buf (20 bytes and a NUL); its first digit. */
static char *decimal(char *buf, uint64_t v)
{
	char *p = buf + 20;
	*p = 0;
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	return p;
}

int main(void)
{
	char pid[21], line[21];
	char *p = decimal(pid, (uint64_t)usys0(SYS_getpid));
	for (uint64_t i = 0; i < LINES; i++) {
		piece("pieces: pid ");
		piece(p);
		piece(" line ");
		piece(decimal(line, i));
		piece(" of 20\n");
	}
	return 0;
}
