/*
 * The report's line formats (pure): what `make test` and tools/ parse.
 * Key order and spellings are part of the interface (docs/abi.md).
 */
#ifndef CORE_REPORT_FMT_H
#define CORE_REPORT_FMT_H

#include <stddef.h>
#include <stdint.h>

struct syscall_report {
	uint32_t cpu;
	uint64_t seq;
	uint64_t rip;      /* user return address */
	int64_t nr;
	const char *name;  /* "unknown" when not in the table */
	unsigned nargs;    /* a0.. printed: as many as the call takes */
	uint64_t args[6];
	int64_t ret;
	uint64_t cycles;
	int int80;         /* entered through int $0x80 */
	uint32_t pid;
	uint64_t tsc;      /* the TSC as the dispatch began: the call's place in time */
};

/* "SYSCALL cpu=0 seq=3 rip=0x400123 nr=1 name=write a0=0x1 ... ret=13 cycles=812
 * [via=int80] pid=1 tsc=123456" */
int report_format_syscall(char *buf, size_t size, const struct syscall_report *r);

struct fault_report {
	uint32_t cpu;
	uint64_t vector, error, rip, rsp;
	int user;          /* from ring 3: terminated; else panic */
};

/* "FAULT cpu=0 vector=13 name=#GP err=0x0 rip=0x... rsp=0x... mode=user action=terminated" */
int report_format_fault(char *buf, size_t size, const struct fault_report *r);

/* "#GP", "#PF", ...; "reserved" for reserved vectors. */
const char *report_vector_name(uint64_t vector);

/* Page-fault error code as "P|W|U|I"-style text, e.g. "present=1 write=0 user=1 fetch=0". */
int report_format_pf_error(char *buf, size_t size, uint64_t error);

/*
 * User text as one framed line (docs/abi.md, "User text"):
 *   TEXT cpu=0 pid=1 fd=1 "hello, world\n"
 * The bytes are quoted with C escapes: printable ASCII but '"' and '\\'
 * as is; \n \r \t \" \\; every other byte as \xHH. So a TEXT line never
 * holds a line break or a control character, and no user byte sequence
 * can make a line that starts like a kernel line. n should be at most
 * REPORT_TEXT_MAX: the line is cut at size otherwise.
 */
#define REPORT_TEXT_MAX 128 /* user bytes per TEXT line */
int report_format_text(char *buf, size_t size, uint32_t cpu, uint32_t pid, uint32_t fd,
		       const char *s, size_t n);

#endif
