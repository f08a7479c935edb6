/* Line-oriented kernel console (contract in console.h). */
#include "core/console/console.h"
#include "core/lib/fmt.h"
#include "core/cpu/percpu.h"
#include "core/lib/spinlock.h"

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

/* Format one line (newline appended) into line; returns its length. */
static size_t line_format(char *line, size_t size, const char *fmt, va_list ap)
{
	int n = fmt_vsnprintf(line, size - 1, fmt, ap);
	if (n > (int)size - 2)
		n = (int)size - 2;
	line[n++] = '\n';
	return (size_t)n;
}

/* Write a formatted line; the console lock is held. */
static void line_emit(const char *line, size_t n, enum console_class cls)
{
	if (mid_line)
		emit("\n", 1, cls);
	emit(line, n, cls);
}

void console_line(enum console_class cls, const char *fmt, ...)
{
	char line[CONSOLE_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	size_t n = line_format(line, sizeof(line), fmt, ap);
	va_end(ap);
	spin_lock(&console_lock);
	line_emit(line, n, cls);
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
	line_emit(line, n, cls);
	spin_unlock(&console_lock);
	return 1;
}

/* Per-CPU line buffers for user text; each written only by its CPU. */
static struct {
	char buf[CONSOLE_LINE_MAX];
	size_t len;
} __attribute__((aligned(64))) text[CPUS_MAX];
static volatile uint32_t cpus_online = 1;

void console_set_cpus(uint32_t n)
{
	cpus_online = n;
}

uint32_t console_cpus_online(void)
{
	return cpus_online;
}

void console_user_flush(uint32_t cpu)
{
	if (cpu >= CPUS_MAX || !text[cpu].len)
		return;
	char tag[16];
	int t = fmt_snprintf(tag, sizeof(tag), "[cpu=%u] ", cpu);
	spin_lock(&console_lock);
	if (mid_line)
		emit("\n", 1, CON_USER);
	emit(tag, (size_t)t, CON_USER);
	emit(text[cpu].buf, text[cpu].len, CON_USER);
	if (text[cpu].buf[text[cpu].len - 1] != '\n')
		emit("\n", 1, CON_USER);
	spin_unlock(&console_lock);
	text[cpu].len = 0;
}

void console_user_text(uint32_t cpu, const char *s, size_t n)
{
	if (cpus_online < 2 || cpu >= CPUS_MAX) {
		spin_lock(&console_lock);
		emit(s, n, CON_USER);
		spin_unlock(&console_lock);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		text[cpu].buf[text[cpu].len++] = s[i];
		if (s[i] == '\n' || text[cpu].len == sizeof(text[cpu].buf))
			console_user_flush(cpu);
	}
}
