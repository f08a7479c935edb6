/* Exceptions and the kernel's verdicts on ring 3. */
#ifndef CORE_TRAP_H
#define CORE_TRAP_H

#include <stdint.h>
#include "core/entry/trap_frame.h"

/* Report a FAULT line (as vector, with an optional reason) and register
 * dump for the running task, then end it. From a syscall or trap taken
 * in ring 3. */
void trap_kill_user(const struct trap_frame *f, uint64_t vector, const char *reason)
	__attribute__((noreturn));

#endif
