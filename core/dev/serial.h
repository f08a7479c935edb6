/* 16550 UART, polled. After ExitBootServices. */
#ifndef CORE_SERIAL_H
#define CORE_SERIAL_H

#include <stddef.h>
#include <stdint.h>

/* Probe the UART at port and program it (115200 8N1). Returns 1 if one
 * answered; otherwise serial_write does nothing. */
int serial_init(uint16_t port);
/* How hard a line tries on a stalled serial line. */
enum serial_urgency {
	SERIAL_DROPPABLE, /* dropped without waiting */
	SERIAL_REPORT,    /* waits up to 2 s, once per stall (a panic's report) */
	SERIAL_VERDICT,   /* waits up to 2 s every time (DONE) */
};

/*
 * Write n bytes (whole lines), "\n" as "\r\n". Never waits forever: when
 * the transmitter stays full for 2 s the line is stalled, and later lines
 * are dropped (by urgency) until it drains; the first line after that
 * is "SERIAL stalled: N bytes dropped". Called under the console lock.
 */
void serial_write(const char *s, size_t n, enum serial_urgency urgency);

#endif
