/*
 * Linux's x86-64 syscall names and argument counts, by number (the
 * report's name= and a0.. fields, the strace form). Pure.
 */
#ifndef CORE_ABI_SYSCALL_NAMES_H
#define CORE_ABI_SYSCALL_NAMES_H

#include <stdint.h>

/* The name Linux (and strace) gives nr, e.g. "openat"; 0 for numbers
 * Linux 6.1 does not assign (the gap 335..423, SYS_LINUX_COUNT and up,
 * ring3's own calls). */
const char *syscall_name(uint64_t nr);

/* How many arguments nr takes, as strace counts them; -1 where
 * syscall_name is 0. */
int syscall_nargs(uint64_t nr);

#endif
