/* Ending the run: pass, fail, and the kernel's own faults. */
#ifndef CORE_PANIC_H
#define CORE_PANIC_H

#include "core/boot/handoff.h"

/* Print "DONE status=..." and power the machine off. Kernel mode. */
void power_done(int pass) __attribute__((noreturn));

/* A kernel bug or an unrecoverable state: report and end with DONE status=fail. */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
