/* pure: The report's line formats (see report_fmt.h). */
#include "core/lib/report_fmt.h"
#include <stdarg.h>
#include "core/lib/fmt.h"
#include "core/cpu/hw.h"

/* Append to buf at *len (which may already exceed size: output is then
 * only counted), snprintf-style. */
static void append(char *buf, size_t size, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t at = *len < size ? *len : size;
	int n = fmt_vsnprintf(buf + at, size - at, fmt, ap);
	va_end(ap);
	*len += (size_t)n;
}

int report_format_syscall(char *buf, size_t size, const struct syscall_report *r)
{
	size_t len = 0;
	if (size)
		buf[0] = 0;
	append(buf, size, &len, "SYSCALL cpu=%u seq=%llu rip=0x%llx nr=%lld name=%s",
	       r->cpu, (unsigned long long)r->seq, (unsigned long long)r->rip,
	       (long long)r->nr, r->name);
	for (unsigned i = 0; i < r->nargs && i < 6; i++)
		append(buf, size, &len, " a%u=0x%llx", i, (unsigned long long)r->args[i]);
	append(buf, size, &len, " ret=%lld cycles=%llu%s pid=%u tsc=%llu", (long long)r->ret,
	       (unsigned long long)r->cycles, r->int80 ? " via=int80" : "", r->pid,
	       (unsigned long long)r->tsc);
	return (int)len;
}

int report_format_fault(char *buf, size_t size, const struct fault_report *r)
{
	return fmt_snprintf(buf, size,
			    "FAULT cpu=%u vector=%llu name=%s err=0x%llx rip=0x%llx rsp=0x%llx mode=%s action=%s",
			    r->cpu, (unsigned long long)r->vector, report_vector_name(r->vector),
			    (unsigned long long)r->error, (unsigned long long)r->rip,
			    (unsigned long long)r->rsp, r->user ? "user" : "kernel",
			    r->user ? "terminated" : "panic");
}

const char *report_vector_name(uint64_t vector)
{
	static const char *const names[NUM_EXCEPTION_VECTORS] = {
		[VEC_DE] = "#DE", [VEC_DB] = "#DB", [VEC_NMI] = "NMI", [VEC_BP] = "#BP",
		[VEC_OF] = "#OF", [VEC_BR] = "#BR", [VEC_UD] = "#UD", [VEC_NM] = "#NM",
		[VEC_DF] = "#DF", [VEC_TS] = "#TS", [VEC_NP] = "#NP", [VEC_SS] = "#SS",
		[VEC_GP] = "#GP", [VEC_PF] = "#PF", [VEC_MF] = "#MF", [VEC_AC] = "#AC",
		[VEC_MC] = "#MC", [VEC_XM] = "#XM", [VEC_VE] = "#VE", [VEC_CP] = "#CP",
		[VEC_HV] = "#HV", [VEC_VC] = "#VC", [VEC_SX] = "#SX",
	};
	if (vector < NUM_EXCEPTION_VECTORS && names[vector])
		return names[vector];
	return "reserved";
}

/* Append one byte at *len (counted, stored only while it fits with its NUL). */
static void put(char *buf, size_t size, size_t *len, char c)
{
	if (*len + 1 < size) {
		buf[*len] = c;
		buf[*len + 1] = 0;
	}
	(*len)++;
}

int report_format_text(char *buf, size_t size, uint32_t cpu, uint32_t pid, uint32_t fd,
		       const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t len = 0;
	if (size)
		buf[0] = 0;
	append(buf, size, &len, "TEXT cpu=%u pid=%u fd=%u \"", cpu, pid, fd);
	for (size_t i = 0; i < n; i++) {
		uint8_t c = (uint8_t)s[i];
		if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
			put(buf, size, &len, (char)c);
			continue;
		}
		put(buf, size, &len, '\\');
		if (c == '\n')
			put(buf, size, &len, 'n');
		else if (c == '\r')
			put(buf, size, &len, 'r');
		else if (c == '\t')
			put(buf, size, &len, 't');
		else if (c == '"' || c == '\\')
			put(buf, size, &len, (char)c);
		else {
			put(buf, size, &len, 'x');
			put(buf, size, &len, hex[c >> 4]);
			put(buf, size, &len, hex[c & 15]);
		}
	}
	put(buf, size, &len, '"');
	return (int)len;
}

int report_format_pf_error(char *buf, size_t size, uint64_t error)
{
	return fmt_snprintf(buf, size, "present=%d write=%d user=%d fetch=%d",
			    !!(error & PF_ERR_P), !!(error & PF_ERR_W), !!(error & PF_ERR_U),
			    !!(error & PF_ERR_I));
}
