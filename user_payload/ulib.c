/* Payload runtime (see ulib.h). */
#include "user_payload/ulib.h"
#include "core/lib/fmt.h"

size_t ustrlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

void uputs(const char *s)
{
	usys3(SYS_write, FD_STDOUT, s, ustrlen(s));
}

void uprintf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	usys3(SYS_write, FD_STDOUT, buf, n);
}
