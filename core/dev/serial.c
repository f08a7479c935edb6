/* 16550 UART, polled output (contract in serial.h). */
#include "core/dev/serial.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"

/* Polls of LSR before a stuck transmitter is given up on (~0.1 s at 1 us a read). */
#define SERIAL_SPIN_LIMIT 100000

static uint16_t serial_port; /* 0 when absent or given up on */

int serial_init(uint16_t port)
{
	/* A missing UART floats the bus: every register reads 0xFF. The
	 * scratch register must echo two different patterns. */
	if (cpu_inb(port + UART_LSR) == 0xFF)
		return 0;
	cpu_outb(port + UART_SCR, 0x5A);
	if (cpu_inb(port + UART_SCR) != 0x5A)
		return 0;
	cpu_outb(port + UART_SCR, 0xA5);
	if (cpu_inb(port + UART_SCR) != 0xA5)
		return 0;

	uint16_t divisor = 1; /* 115200 baud */
	cpu_outb(port + UART_IER, 0);
	cpu_outb(port + UART_LCR, UART_LCR_DLAB);
	cpu_outb(port + UART_DLL, divisor & 0xFF);
	cpu_outb(port + UART_DLM, divisor >> 8);
	cpu_outb(port + UART_LCR, UART_LCR_8N1);
	cpu_outb(port + UART_FCR, UART_FCR_ENABLE_CLEAR);
	cpu_outb(port + UART_MCR, UART_MCR_DTR_RTS_OUT2);
	serial_port = port;
	return 1;
}

static void serial_putc(char c)
{
	uint32_t spins = 0;
	while (!(cpu_inb(serial_port + UART_LSR) & UART_LSR_THRE)) {
		if (++spins == SERIAL_SPIN_LIMIT) {
			serial_port = 0;
			return;
		}
		cpu_pause();
	}
	cpu_outb(serial_port + UART_THR, (uint8_t)c);
}

void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n && serial_port; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		if (serial_port)
			serial_putc(s[i]);
	}
}
