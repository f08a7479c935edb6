/*
 * FUTEX_WAKE_OP's decoding, with val3 built by the host's own FUTEX_OP
 * macro (linux/futex.h), so the field layout is checked against Linux's.
 */
#include <linux/futex.h>
#include "core/abi/errno.h"
#include "core/lib/futex_op.h"
#include "unit.h"

/* An op whose argument is a shift count; unsigned, as bit 31 is set. */
#define SHIFTED(op) ((unsigned)(op) | FUTEX_OP_OPARG_SHIFT)

static uint32_t applied(uint32_t encoded, uint32_t old)
{
	uint32_t out = 0xdeadbeef;
	CHECK_EQ_I64(futex_op_apply(encoded, old, &out), 0);
	return out;
}

UNIT_TEST(futex_op_each_operation)
{
	CHECK_EQ_U64(applied(FUTEX_OP(FUTEX_OP_SET, 100, FUTEX_OP_CMP_EQ, 0), 5), 100);
	CHECK_EQ_U64(applied(FUTEX_OP(FUTEX_OP_ADD, 2, FUTEX_OP_CMP_EQ, 0), 5), 7);
	CHECK_EQ_U64(applied(FUTEX_OP(FUTEX_OP_OR, 8, FUTEX_OP_CMP_EQ, 0), 7), 15);
	CHECK_EQ_U64(applied(FUTEX_OP(FUTEX_OP_ANDN, 4, FUTEX_OP_CMP_EQ, 0), 100), 96);
	CHECK_EQ_U64(applied(FUTEX_OP(FUTEX_OP_XOR, 0xff, FUTEX_OP_CMP_EQ, 0), 96), 159);
	/* oparg is 12 bits, signed: 0xfff is -1. */
	CHECK_EQ_U64(applied(FUTEX_OP(FUTEX_OP_ADD, 0xfff, FUTEX_OP_CMP_EQ, 0), 5), 4);
	CHECK_EQ_U64(applied(FUTEX_OP(FUTEX_OP_SET, 0x800, FUTEX_OP_CMP_EQ, 0), 0), 0xfffff800u);
	/* The wrap of 32-bit arithmetic, as the CPU's XADD does it. */
	CHECK_EQ_U64(applied(FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_EQ, 0), 0xffffffffu), 0);
}

UNIT_TEST(futex_op_shifted_argument)
{
	uint32_t shift_or = FUTEX_OP(SHIFTED(FUTEX_OP_OR), 3, FUTEX_OP_CMP_EQ, 0);
	CHECK_EQ_U64(applied(shift_or, 7), 15);
	CHECK_EQ_U64(applied(FUTEX_OP(SHIFTED(FUTEX_OP_SET), 31, FUTEX_OP_CMP_EQ, 0), 0),
		     0x80000000u);
	/* A count outside 0..31 is taken modulo 32 (33 and -1 here). */
	CHECK_EQ_U64(applied(FUTEX_OP(SHIFTED(FUTEX_OP_SET), 33, FUTEX_OP_CMP_EQ, 0), 0), 2);
	CHECK_EQ_U64(applied(FUTEX_OP(SHIFTED(FUTEX_OP_SET), 0xfff, FUTEX_OP_CMP_EQ, 0), 0),
		     0x80000000u);
}

UNIT_TEST(futex_op_unknown_operation_changes_nothing)
{
	uint32_t out = 42;
	for (uint32_t op = 5; op < 8; op++) {
		CHECK_EQ_I64(futex_op_apply(op << 28, 1, &out), -ENOSYS);
		CHECK_EQ_U64(out, 42);
	}
}

UNIT_TEST(futex_op_comparisons)
{
	CHECK_EQ_I64(futex_op_compare(FUTEX_OP(0, 0, FUTEX_OP_CMP_EQ, 5), 5), 1);
	CHECK_EQ_I64(futex_op_compare(FUTEX_OP(0, 0, FUTEX_OP_CMP_EQ, 5), 6), 0);
	CHECK_EQ_I64(futex_op_compare(FUTEX_OP(0, 0, FUTEX_OP_CMP_NE, 5), 6), 1);
	CHECK_EQ_I64(futex_op_compare(FUTEX_OP(0, 0, FUTEX_OP_CMP_LT, 5), 4), 1);
	CHECK_EQ_I64(futex_op_compare(FUTEX_OP(0, 0, FUTEX_OP_CMP_LE, 5), 5), 1);
	CHECK_EQ_I64(futex_op_compare(FUTEX_OP(0, 0, FUTEX_OP_CMP_GT, 5), 5), 0);
	CHECK_EQ_I64(futex_op_compare(FUTEX_OP(0, 0, FUTEX_OP_CMP_GE, 5), 5), 1);
	/* Signed: the old value 0xffffffff is -1, and cmparg 0xfff is -1. */
	CHECK_EQ_I64(futex_op_compare(FUTEX_OP(0, 0, FUTEX_OP_CMP_LT, 0), 0xffffffffu), 1);
	CHECK_EQ_I64(futex_op_compare(FUTEX_OP(0, 0, FUTEX_OP_CMP_EQ, 0xfff), 0xffffffffu), 1);
	for (uint32_t cmp = 6; cmp < 16; cmp++)
		CHECK_EQ_I64(futex_op_compare(cmp << 24, 0), -ENOSYS);
}
