/* expect: exit 7
 * exit_group ends the task like exit, with its code. */
#include "case.h"
	CASE_START
	movl	$SYS_exit_group, %eax
	movl	$7, %edi
	syscall
	ud2
