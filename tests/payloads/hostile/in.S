/* expect: fault 13 err=0x0
 * IN from ring 3: IOPL 0 and the TSS has no I/O bitmap, so every port is closed. */
#include "case.h"
	CASE_START
	inb	$0x60, %al
	EXIT 1
