/* 16550 UART, polled. After ExitBootServices. */
#ifndef CORE_SERIAL_H
#define CORE_SERIAL_H

#include <stddef.h>
#include <stdint.h>

/* Probe the UART at port and program it (115200 8N1). Returns 1 if one
 * answered; otherwise serial_write does nothing. */
int serial_init(uint16_t port);
/*
 * Write n bytes (whole lines), "\n" as "\r\n". Never waits forever: when
 * the transmitter stays full for 2 s the line is stalled, and later lines
 * are dropped without waiting until it drains; the first line after
 * that is "SERIAL stalled: N bytes dropped". A line that must_arrive (the
 * verdict, a panic's report) waits up to 2 s for a stalled line to drain.
 * Called under the console lock.
 */
void serial_write(const char *s, size_t n, int must_arrive);

#endif
