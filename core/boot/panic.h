/*
 * Ending the run: pass, fail, and the kernel's own faults.
 *
 * A run prints exactly one DONE line, whatever happens: the first CPU to
 * end the run prints it, any later one only halts. A panic belongs to the
 * first CPU that claims it; it stops every other CPU (an NMI each, which
 * they answer by halting) before printing, and from then on the console
 * never waits for a lock a stopped CPU may hold. A fault inside the panic
 * prints one short line and ends the run; a fault after that only halts.
 */
#ifndef CORE_PANIC_H
#define CORE_PANIC_H

#include "core/boot/handoff.h"
#include "core/entry/trap_frame.h"

/* Print "DONE status=..." (once per run) and power the machine off.
 * Kernel mode. */
void power_done(int pass) __attribute__((noreturn));

/* Claim the panic and stop the other CPUs, before the report of what
 * went wrong. If another CPU already panics, halt here instead. Kernel
 * mode, interrupts off. */
void panic_begin(void);

/* A kernel bug or an unrecoverable state: report and end with DONE
 * status=fail. Calls panic_begin if the caller has not. */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* 1 on the CPU that owns a panic in progress. */
int panic_here(void);

/* The trap handler's call for a fault taken while this CPU panics. */
void panic_fault(const struct trap_frame *f) __attribute__((noreturn));

#endif
