/* 16550 UART, polled. After ExitBootServices. */
#ifndef CORE_SERIAL_H
#define CORE_SERIAL_H

#include <stddef.h>
#include <stdint.h>

/* Probe the UART at port and program it (115200 8N1). Returns 1 if one
 * answered; otherwise serial_write does nothing. */
int serial_init(uint16_t port);
/* Write n bytes, "\n" as "\r\n". Never waits forever: a UART that stops
 * draining is given up on. */
void serial_write(const char *s, size_t n);

#endif
