/* Line-oriented kernel console (contract in console.h). */
#include "core/console/console.h"
#include "core/lib/fmt.h"
#include "core/lib/report_fmt.h"
#include "core/lib/spinlock.h"


static const struct console_sink *sinks[CONSOLE_SINKS_MAX];
static unsigned sink_count;
static struct spinlock console_lock;

void console_add_sink(const struct console_sink *sink)
{
	if (sink_count < CONSOLE_SINKS_MAX)
		sinks[sink_count++] = sink;
}

static void emit(const char *s, size_t n, enum console_class cls)
{
	for (unsigned i = 0; i < sink_count; i++)
		sinks[i]->write(s, n, cls);
}

/* Format one line (newline appended) into line; returns its length. */
static size_t line_format(char *line, size_t size, const char *fmt, va_list ap)
{
	int n = fmt_vsnprintf(line, size - 1, fmt, ap);
	if (n > (int)size - 2)
		n = (int)size - 2;
	line[n++] = '\n';
	return (size_t)n;
}

void console_line(enum console_class cls, const char *fmt, ...)
{
	char line[CONSOLE_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	size_t n = line_format(line, sizeof(line), fmt, ap);
	va_end(ap);
	spin_lock(&console_lock);
	emit(line, n, cls);
	spin_unlock(&console_lock);
}

int console_line_try(enum console_class cls, const char *fmt, ...)
{
	char line[CONSOLE_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	size_t n = line_format(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (!spin_trylock(&console_lock))
		return 0;
	emit(line, n, cls);
	spin_unlock(&console_lock);
	return 1;
}

static volatile uint32_t cpus_online = 1;

void console_set_cpus(uint32_t n)
{
	cpus_online = n;
}

uint32_t console_cpus_online(void)
{
	return cpus_online;
}

void console_text_flush(struct console_text *t, uint32_t cpu, uint32_t pid)
{
	if (!t->len)
		return;
	char line[CONSOLE_LINE_MAX];
	int n = report_format_text(line, sizeof(line) - 1, cpu, pid, t->fd, t->buf, t->len);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	spin_lock(&console_lock);
	emit(line, (size_t)n, CON_USER);
	spin_unlock(&console_lock);
	t->len = 0;
}

void console_text(struct console_text *t, uint32_t cpu, uint32_t pid, uint32_t fd,
		  const char *s, size_t n)
{
	if (t->len && t->fd != fd)
		console_text_flush(t, cpu, pid);
	t->fd = fd;
	for (size_t i = 0; i < n; i++) {
		t->buf[t->len++] = s[i];
		if (s[i] == '\n' || t->len == sizeof(t->buf))
			console_text_flush(t, cpu, pid);
	}
}
