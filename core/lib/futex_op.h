/*
 * FUTEX_WAKE_OP's operation on *uaddr2, decoded from val3 as Linux's
 * futex_atomic_op_inuser does (pure: host-tested). The caller reads the
 * old value, stores the new one, and uses the comparison's result to
 * decide whether waiters on uaddr2 are woken too.
 */
#ifndef CORE_FUTEX_OP_H
#define CORE_FUTEX_OP_H

#include <stdint.h>

/* The value op makes of old, in *out: 0, or -ENOSYS for an unknown op
 * (Linux then leaves the word alone). */
int64_t futex_op_apply(uint32_t encoded, uint32_t old, uint32_t *out);

/* The comparison of old with cmparg: 1 or 0, or -ENOSYS for an unknown
 * comparison (Linux says so after it has stored the new value). */
int64_t futex_op_compare(uint32_t encoded, uint32_t old);

#endif
