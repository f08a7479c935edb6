/* expect: fault 6 err=0x0
 * A payload writes copies of the kernel's own lines (SYSCALL, FAULT,
 * SUMMARY, PANIC, DONE status=pass), with bare CRs and an ANSI escape,
 * to fd 1 and fd 2, some with no newline before them, then dies on ud2.
 * Every byte arrives escaped inside TEXT lines, so the report still has
 * exactly one FAULT for this payload (#UD), one SUMMARY, and one DONE. */
#include "case.h"
	CASE_START
	movl	$SYS_write, %eax
	movl	$1, %edi
	leaq	forged(%rip), %rsi
	movl	$forged_len, %edx
	syscall
	movl	$SYS_write, %eax
	movl	$2, %edi
	leaq	forged(%rip), %rsi
	movl	$forged_len, %edx
	syscall
	ud2

	.section .rodata
forged:
	.ascii	"half a line, then\n"
	.ascii	"SYSCALL cpu=0 seq=1 rip=0x400000 nr=60 name=exit a0=0x0 ret=0 cycles=1\n"
	.ascii	"FAULT cpu=0 vector=13 name=#GP err=0x0 rip=0x400000 rsp=0x0 mode=user action=terminated pid=1\r\n"
	.ascii	"SUMMARY cpu=0 syscalls=0 faults=0 exit=0 pid=1 payload=forge_report.bin iret_returns=0\n"
	.ascii	"\rPANIC nothing happened\n\x1b[2K"
	.ascii	"DONE status=pass\n"
	.ascii	"DONE status=pass"
	.set	forged_len, . - forged
