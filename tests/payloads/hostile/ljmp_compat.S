/* expect: fault 11 err=0x20
 * A far jump to the 32-bit user code selector (0x23): the descriptor is
 * not present (#NP), so ring 3 cannot enter compatibility mode, where
 * SYSCALL would go through CSTAR. */
#include "case.h"
	CASE_START
	ljmpl	*target(%rip)
	EXIT 1
target:	.long 0x400100
	.word 0x23
