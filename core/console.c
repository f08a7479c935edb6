/* Line-oriented kernel console (contract in console.h). */
#include "console.h"
#include "fmt.h"
#include "spinlock.h"

#define CONSOLE_LINE_MAX 512

static const struct console_sink *sinks[CONSOLE_SINKS_MAX];
static unsigned sink_count;
static struct spinlock console_lock;
static int mid_line; /* the last byte written was not '\n' */

void console_add_sink(const struct console_sink *sink)
{
	if (sink_count < CONSOLE_SINKS_MAX)
		sinks[sink_count++] = sink;
}

static void emit(const char *s, size_t n, enum console_class cls)
{
	for (unsigned i = 0; i < sink_count; i++)
		sinks[i]->write(s, n, cls);
	if (n)
		mid_line = s[n - 1] != '\n';
}

void console_line(enum console_class cls, const char *fmt, ...)
{
	char line[CONSOLE_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';

	spin_lock(&console_lock);
	if (mid_line)
		emit("\n", 1, cls);
	emit(line, (size_t)n, cls);
	spin_unlock(&console_lock);
}

void console_user_text(const char *s, size_t n)
{
	spin_lock(&console_lock);
	emit(s, n, CON_USER);
	spin_unlock(&console_lock);
}
