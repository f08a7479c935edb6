/*
 * Ending the run: pass, fail, and the kernel's own faults.
 *
 * One CPU ends the run, by panic or normally: the first to claim it. It
 * stops every other CPU (an NMI each, which they answer by halting; a
 * CPU that claims too late halts too) before it prints, and prints the
 * one DONE line of the run. After a panic the console never waits long
 * for a lock a stopped CPU may hold. A fault while ending the run (in
 * the panic report or in power_done) prints one short line and goes on
 * to DONE; a second such fault only halts.
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

/* 1 on the CPU that is ending the run (panic or power_done). */
int panic_here(void);

/* The trap handler's call for a fault taken while this CPU ends the run. */
void panic_fault(const struct trap_frame *f) __attribute__((noreturn));

#endif
