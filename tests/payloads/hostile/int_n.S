/* expect: fault 13 err=VEC*8+2
 * expect-tcg: fault 13 err=VEC*16+2
 * INT n for an exception vector from ring 3: every gate 0-31 but #BP's
 * has DPL 0, so the CPU raises #GP with the vector in the error code
 * instead of entering the handler. (QEMU's TCG puts vector*16 + 2 in the error code,
 * the gate's byte offset, where hardware puts vector*8 + 2.) Built once
 * per vector (int_00 .. int_31). */
#include "case.h"
	CASE_START
	int	$VEC
	EXIT 1
