/*
 * The report lines are an interface (tools parse them): exact strings,
 * key order included. Truncation is checked on exact-size heap buffers so
 * ASan flags any write past the size given.
 */
#include <stdlib.h>
#include <string.h>
#include "core/cpu/hw.h"
#include "core/lib/report_fmt.h"
#include "unit.h"

static const struct syscall_report write_call = {
	.cpu = 0, .seq = 3, .rip = 0x400123, .nr = 1, .name = "write", .nargs = 3,
	.args = { 0x1, 0x400200, 0xd, 0xdead, 0xbeef, 0xf00d }, .ret = 13, .cycles = 812,
	.pid = 1, .tsc = 123456,
};

UNIT_TEST(report_syscall_exact)
{
	char buf[256];
	static const char want[] = "SYSCALL cpu=0 seq=3 rip=0x400123 nr=1 name=write "
				   "a0=0x1 a1=0x400200 a2=0xd ret=13 cycles=812 pid=1 tsc=123456";
	CHECK_EQ_I64(report_format_syscall(buf, sizeof(buf), &write_call), strlen(want));
	CHECK_STR(buf, want);
}

UNIT_TEST(report_syscall_no_args)
{
	char buf[256];
	struct syscall_report r = { .cpu = 7, .seq = 0, .rip = 0x400000, .nr = 39,
				    .name = "getpid", .nargs = 0, .args = { 1, 2, 3 },
				    .ret = 1, .cycles = 0 };
	report_format_syscall(buf, sizeof(buf), &r);
	CHECK_STR(buf, "SYSCALL cpu=7 seq=0 rip=0x400000 nr=39 name=getpid ret=1 cycles=0 pid=0 tsc=0");
}

UNIT_TEST(report_syscall_int80)
{
	/* via=int80 stays right after cycles; pid and tsc come after it. */
	char buf[256];
	struct syscall_report r = { .cpu = 1, .seq = 2, .rip = 0x400002, .nr = 39,
				    .name = "getpid", .ret = 1001, .cycles = 7, .int80 = 1,
				    .pid = 1001, .tsc = 99 };
	report_format_syscall(buf, sizeof(buf), &r);
	CHECK_STR(buf, "SYSCALL cpu=1 seq=2 rip=0x400002 nr=39 name=getpid ret=1001 cycles=7 "
		       "via=int80 pid=1001 tsc=99");
}

UNIT_TEST(report_syscall_widest_fits)
{
	/* Every number at its widest still leaves the strace form room in
	 * a console line (core/entry/syscall.c relies on it). */
	char buf[640];
	struct syscall_report r = { .cpu = UINT32_MAX, .seq = UINT64_MAX, .rip = UINT64_MAX,
				    .nr = INT64_MIN, .name = "sched_get_priority_max", .nargs = 6,
				    .args = { UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX,
					      UINT64_MAX, UINT64_MAX },
				    .ret = INT64_MIN, .cycles = UINT64_MAX, .int80 = 1,
				    .pid = UINT32_MAX, .tsc = UINT64_MAX };
	CHECK(report_format_syscall(buf, sizeof(buf), &r) <= 380);
}

UNIT_TEST(report_syscall_negative)
{
	/* Unknown call: nr printed signed (rax was -1), errno negated. */
	char buf[256];
	struct syscall_report r = { .cpu = 1, .seq = UINT64_MAX, .rip = 0x7fffffffe000,
				    .nr = -1, .name = "unknown", .nargs = 0, .ret = -38,
				    .cycles = 5 };
	report_format_syscall(buf, sizeof(buf), &r);
	CHECK_STR(buf, "SYSCALL cpu=1 seq=18446744073709551615 rip=0x7fffffffe000 nr=-1 "
		       "name=unknown ret=-38 cycles=5 pid=0 tsc=0");
}

UNIT_TEST(report_syscall_at_most_six_args)
{
	/* nargs past 6 must not read beyond args[] (ret would show up). */
	char buf[256];
	struct syscall_report r = write_call;
	r.nargs = 9;
	report_format_syscall(buf, sizeof(buf), &r);
	CHECK_STR(buf, "SYSCALL cpu=0 seq=3 rip=0x400123 nr=1 name=write a0=0x1 a1=0x400200 "
		       "a2=0xd a3=0xdead a4=0xbeef a5=0xf00d ret=13 cycles=812 pid=1 tsc=123456");
}

static int format_syscall(char *buf, size_t size, const void *r)
{
	return report_format_syscall(buf, size, r);
}

static void check_truncation(const struct syscall_report *r, int line)
{
	unit_check_truncation(format_syscall, r, __FILE__, line);
}

UNIT_TEST(report_syscall_truncation)
{
	check_truncation(&write_call, __LINE__);
	struct syscall_report r = write_call;
	r.nargs = 6;
	check_truncation(&r, __LINE__);
	r.nargs = 0;
	check_truncation(&r, __LINE__);
}

UNIT_TEST(report_fault_user_gp)
{
	char buf[256];
	struct fault_report r = { .cpu = 1, .vector = VEC_GP, .error = 0, .rip = 0x400010,
				  .rsp = 0x7fffffffef00, .user = 1 };
	static const char want[] = "FAULT cpu=1 vector=13 name=#GP err=0x0 rip=0x400010 "
				   "rsp=0x7fffffffef00 mode=user action=terminated";
	CHECK_EQ_I64(report_format_fault(buf, sizeof(buf), &r), strlen(want));
	CHECK_STR(buf, want);
}

UNIT_TEST(report_fault_kernel_pf)
{
	char buf[256];
	struct fault_report r = { .cpu = 0, .vector = VEC_PF, .error = 0x2,
				  .rip = 0xffffffff80001234, .rsp = 0xffff800000010f80, .user = 0 };
	report_format_fault(buf, sizeof(buf), &r);
	CHECK_STR(buf, "FAULT cpu=0 vector=14 name=#PF err=0x2 rip=0xffffffff80001234 "
		       "rsp=0xffff800000010f80 mode=kernel action=panic");
	/* A small buffer: cut, terminated, full length returned. */
	char small[8];
	CHECK_EQ_I64(report_format_fault(small, sizeof(small), &r), strlen(buf));
	CHECK_STR(small, "FAULT c");
}

UNIT_TEST(report_vector_names)
{
	static const char *const want[32] = {
		"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
		"#DF", "reserved", "#TS", "#NP", "#SS", "#GP", "#PF", "reserved",
		"#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "reserved", "reserved",
		"reserved", "reserved", "reserved", "reserved", "#HV", "#VC", "#SX", "reserved",
	};
	for (uint64_t v = 0; v < 32; v++)
		CHECK_STR(report_vector_name(v), want[v]);
	/* Past the exception range, including huge values (no table overrun). */
	CHECK_STR(report_vector_name(32), "reserved");
	CHECK_STR(report_vector_name(0x100), "reserved");
	CHECK_STR(report_vector_name(UINT64_MAX), "reserved");
}

UNIT_TEST(report_pf_error_bits)
{
	char buf[64];
	report_format_pf_error(buf, sizeof(buf), 0);
	CHECK_STR(buf, "present=0 write=0 user=0 fetch=0");
	report_format_pf_error(buf, sizeof(buf), PF_ERR_P);
	CHECK_STR(buf, "present=1 write=0 user=0 fetch=0");
	report_format_pf_error(buf, sizeof(buf), PF_ERR_W);
	CHECK_STR(buf, "present=0 write=1 user=0 fetch=0");
	report_format_pf_error(buf, sizeof(buf), PF_ERR_U);
	CHECK_STR(buf, "present=0 write=0 user=1 fetch=0");
	report_format_pf_error(buf, sizeof(buf), PF_ERR_I);
	CHECK_STR(buf, "present=0 write=0 user=0 fetch=1");
	report_format_pf_error(buf, sizeof(buf), PF_ERR_RSVD); /* not reported */
	CHECK_STR(buf, "present=0 write=0 user=0 fetch=0");
	/* A user write to a present read-only page, with high junk bits set. */
	CHECK_EQ_I64(report_format_pf_error(buf, sizeof(buf), 0xFFFF0007), 32);
	CHECK_STR(buf, "present=1 write=1 user=1 fetch=0");
}

UNIT_TEST(report_text_exact)
{
	char buf[256];
	static const char want[] = "TEXT cpu=2 pid=7 fd=1 \"hello, world\\n\"";
	CHECK_EQ_I64(report_format_text(buf, sizeof(buf), 2, 7, 1, "hello, world\n", 13),
		     strlen(want));
	CHECK_STR(buf, want);
	report_format_text(buf, sizeof(buf), 0, 1, 2, "", 0);
	CHECK_STR(buf, "TEXT cpu=0 pid=1 fd=2 \"\"");
}

UNIT_TEST(report_text_forgery_stays_inside)
{
	/* A payload's attempt at a kernel line: the newline and the CR that
	 * would start one are escaped, so the whole thing is one TEXT line. */
	char buf[256];
	static const char forged[] = "x\nDONE status=pass\r\nFAULT cpu=0 \"q\" \\";
	report_format_text(buf, sizeof(buf), 0, 1, 1, forged, sizeof(forged) - 1);
	CHECK_STR(buf, "TEXT cpu=0 pid=1 fd=1 \"x\\nDONE status=pass\\r\\nFAULT cpu=0 \\\"q\\\" \\\\\"");
	CHECK(strchr(buf, '\n') == NULL && strchr(buf, '\r') == NULL);
}

/* The inverse of the escaping, as tools/ implement it. */
static size_t text_decode(const char *q, uint8_t *out)
{
	size_t n = 0;
	for (; *q && *q != '"'; q++) {
		if (*q != '\\') {
			out[n++] = (uint8_t)*q;
			continue;
		}
		q++;
		if (*q == 'n')
			out[n++] = '\n';
		else if (*q == 'r')
			out[n++] = '\r';
		else if (*q == 't')
			out[n++] = '\t';
		else if (*q == 'x') {
			char h[3] = { q[1], q[2], 0 };
			out[n++] = (uint8_t)strtoul(h, NULL, 16);
			q += 2;
		} else
			out[n++] = (uint8_t)*q;
	}
	return n;
}

UNIT_TEST(report_text_every_byte_round_trips)
{
	/* All 256 byte values, in two halves of REPORT_TEXT_MAX bytes: every
	 * one printable or escaped, none a control character, and decoding
	 * gives back exactly the bytes written. */
	char in[256];
	for (int i = 0; i < 256; i++)
		in[i] = (char)i;
	for (int half = 0; half < 2; half++) {
		char buf[16 + 4 * REPORT_TEXT_MAX + 32];
		const char *s = in + half * REPORT_TEXT_MAX;
		int n = report_format_text(buf, sizeof(buf), 0, 1, 1, s, REPORT_TEXT_MAX);
		CHECK(n < (int)sizeof(buf));
		for (int i = 0; i < n; i++)
			CHECK(buf[i] >= 0x20 && buf[i] <= 0x7e);
		const char *q = strchr(buf, '"');
		uint8_t out[REPORT_TEXT_MAX];
		CHECK(q && text_decode(q + 1, out) == REPORT_TEXT_MAX);
		CHECK(memcmp(out, s, REPORT_TEXT_MAX) == 0);
		CHECK_EQ_U64(buf[n - 1], '"');
	}
}

UNIT_TEST(report_text_truncation)
{
	/* Cut anywhere: a NUL-terminated prefix, the full length returned. */
	char full[128];
	static const char s[] = "a\x01\"\\b\n";
	int n = report_format_text(full, sizeof(full), 1, 2, 1, s, sizeof(s) - 1);
	for (size_t size = 0; size <= (size_t)n + 1; size++) {
		char *buf = malloc(size ? size : 1);
		CHECK_EQ_I64(report_format_text(buf, size, 1, 2, 1, s, sizeof(s) - 1), n);
		if (size) {
			size_t keep = size - 1 < (size_t)n ? size - 1 : (size_t)n;
			CHECK(memcmp(buf, full, keep) == 0 && buf[keep] == 0);
		}
		free(buf);
	}
}
