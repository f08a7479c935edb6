/* pure: FUTEX_WAKE_OP's operation and comparison (contract in futex_op.h). */
#include "core/lib/futex_op.h"
#include "core/abi/errno.h"
#include "core/abi/proc.h"

/* A 12-bit field as the signed number it encodes. */
static int32_t sign12(uint32_t v)
{
	return (int32_t)(v << 20) >> 20;
}

int64_t futex_op_apply(uint32_t encoded, uint32_t old, uint32_t *out)
{
	uint32_t op = (encoded >> 28) & 7;
	int32_t oparg = sign12(encoded >> 12);
	/* A shift count outside 0..31 is taken modulo 32, as Linux does
	 * (it only logs a warning). */
	if (encoded & ((uint32_t)FUTEX_OP_OPARG_SHIFT << 28))
		oparg = (int32_t)(1u << (oparg & 31));
	uint32_t arg = (uint32_t)oparg;
	switch (op) {
	case FUTEX_OP_SET: *out = arg; return 0;
	case FUTEX_OP_ADD: *out = old + arg; return 0;
	case FUTEX_OP_OR: *out = old | arg; return 0;
	case FUTEX_OP_ANDN: *out = old & ~arg; return 0;
	case FUTEX_OP_XOR: *out = old ^ arg; return 0;
	default: return -ENOSYS;
	}
}

int64_t futex_op_compare(uint32_t encoded, uint32_t old)
{
	int32_t a = (int32_t)old, b = sign12(encoded);
	switch ((encoded >> 24) & 15) {
	case FUTEX_OP_CMP_EQ: return a == b;
	case FUTEX_OP_CMP_NE: return a != b;
	case FUTEX_OP_CMP_LT: return a < b;
	case FUTEX_OP_CMP_LE: return a <= b;
	case FUTEX_OP_CMP_GT: return a > b;
	case FUTEX_OP_CMP_GE: return a >= b;
	default: return -ENOSYS;
	}
}
