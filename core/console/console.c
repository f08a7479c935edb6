/* Line-oriented kernel console (contract in console.h). */
#include "core/console/console.h"
#include "core/lib/fmt.h"
#include "core/lib/report_fmt.h"
#include "core/lib/spinlock.h"
#include "core/cpu/this_cpu.h"


static const struct console_sink *sinks[CONSOLE_SINKS_MAX];
static unsigned sink_count;
static struct spinlock console_spin;
/* After panic: the lock may be held by a CPU that has been stopped. Only
 * the CPU ending the run may write without it. */
#define CONSOLE_NOBODY 0xFFFFFFFFu
static volatile uint32_t console_panic_cpu = CONSOLE_NOBODY;
static volatile int console_busted;

/* How long a panicking CPU waits for the console lock before writing
 * without it (spins of PAUSE; milliseconds, not seconds). */
#define CONSOLE_PANIC_SPINS 1000000

void console_panic_mode(uint32_t cpu)
{
	console_panic_cpu = cpu;
}

int console_in_panic(void)
{
	return console_panic_cpu != CONSOLE_NOBODY;
}

static void emit(const char *s, size_t n, enum console_class cls);

/* Take the console lock: 1 if taken (unlock after), 0 if a panicking
 * CPU gave up waiting for a holder that will never let go, -1 if another
 * CPU is ending the run: this line is dropped, so that a CPU slow to
 * answer the stop never writes into the middle of the panic's lines. */
static int console_lock(void)
{
	uint32_t panicking = console_panic_cpu;
	if (panicking != CONSOLE_NOBODY && panicking != this_cpu_id_early())
		return -1;
	if (panicking == CONSOLE_NOBODY) {
		spin_lock(&console_spin);
		return 1;
	}
	for (uint32_t i = 0; !console_busted && i < CONSOLE_PANIC_SPINS; i++) {
		if (spin_trylock(&console_spin))
			return 1;
		__asm__ volatile("pause");
	}
	if (!console_busted) {
		console_busted = 1;
		emit("\n", 1, CON_FAULT); /* the stopped holder may be mid-line */
	}
	return 0;
}

static void console_unlock(int taken)
{
	if (taken > 0)
		spin_unlock(&console_spin);
}

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
	int taken = console_lock();
	if (taken >= 0)
		emit(line, n, cls);
	console_unlock(taken);
}

int console_line_try(enum console_class cls, const char *fmt, ...)
{
	char line[CONSOLE_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	size_t n = line_format(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (!spin_trylock(&console_spin))
		return 0;
	emit(line, n, cls);
	spin_unlock(&console_spin);
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

/* The longest TEXT line: "TEXT cpu=%u pid=%u fd=%u \"" with 10-digit
 * numbers (50), every byte escaped as \xHH, the closing quote and '\n'. */
_Static_assert(50 + 4 * REPORT_TEXT_MAX + 2 <= CONSOLE_LINE_MAX, "a TEXT line is never cut");

void console_text_flush(struct console_text *t, uint32_t cpu, uint32_t pid)
{
	if (!t->len)
		return;
	char line[CONSOLE_LINE_MAX];
	int n = report_format_text(line, sizeof(line) - 1, cpu, pid, t->fd, t->buf, t->len);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	int taken = console_lock();
	if (taken >= 0)
		emit(line, (size_t)n, CON_USER);
	console_unlock(taken);
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
