/* 16550 UART, polled output (contract in serial.h). */
#include "core/dev/serial.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/cpu/time.h"
#include "core/lib/fmt.h"

/*
 * How long one byte may wait for the transmitter before the line is
 * called stalled. A real UART at 115200 baud empties its 16-byte FIFO in
 * 1.4 ms; what stalls is the far side: a terminal or a host's reader that
 * stops reading for a while (QEMU then keeps THRE clear until its pipe
 * drains). Giving up sooner would lose the report's last lines, its
 * verdict among them, to a pause of the reader.
 */
#define SERIAL_STALL_US 2000000

static uint16_t serial_port; /* 0 when absent */
static int stalled;          /* gave up waiting: dropping until the line drains */
static int report_waited;    /* a SERIAL_REPORT line already waited in this stall */
static uint64_t dropped;     /* bytes lost in the current stall */
static int wire_at_line_start = 1;

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

static int serial_ready(void)
{
	return cpu_inb(serial_port + UART_LSR) & UART_LSR_THRE;
}

/* 1 once the transmitter takes a byte, 0 after SERIAL_STALL_US without. */
static int serial_wait(void)
{
	if (serial_ready())
		return 1;
	uint64_t until = time_now_us() + SERIAL_STALL_US;
	while (!serial_ready()) {
		if (time_now_us() >= until)
			return 0;
		cpu_pause();
	}
	return 1;
}

/* Send one byte as it goes on the wire; 0 if the line stalled. */
static int serial_send(char c)
{
	if (!serial_wait())
		return 0;
	cpu_outb(serial_port + UART_THR, (uint8_t)c);
	wire_at_line_start = c == '\n';
	return 1;
}

/* Send s, "\n" as "\r\n"; how many of its n bytes went out (n, unless
 * the line stalled). */
static size_t serial_send_str(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((s[i] == '\n' && !serial_send('\r')) || !serial_send(s[i]))
			return i;
	return n;
}

/* Leave a stall at a line start: finish the torn line on the wire, then
 * say what was lost, so a reader sees the gap instead of guessing. */
static void serial_resume(void)
{
	char note[96];
	int n = fmt_snprintf(note, sizeof(note), "%sSERIAL stalled: %llu bytes dropped\n",
			     wire_at_line_start ? "" : "\n", (unsigned long long)dropped);
	stalled = 0;
	report_waited = 0;
	dropped = 0;
	if (serial_send_str(note, (size_t)n) < (size_t)n)
		stalled = 1;
}

void serial_write(const char *s, size_t n, enum serial_urgency urgency)
{
	if (!serial_port || !n)
		return;
	/* A stalled line is probed once per line, or waited for: by the
	 * verdict each time, by a panic's report once (a dead line must not
	 * cost 2 s for each of its lines); in between, bytes are dropped
	 * without waiting, so a dead transmitter costs one stall, not one
	 * per byte. */
	int wait = urgency == SERIAL_VERDICT || (urgency == SERIAL_REPORT && !report_waited);
	if (stalled && wait && urgency == SERIAL_REPORT)
		report_waited = 1;
	if (stalled && (wait ? serial_wait() : serial_ready()))
		serial_resume();
	if (stalled) {
		dropped += n;
		return;
	}
	size_t sent = serial_send_str(s, n);
	if (sent < n) {
		stalled = 1;
		report_waited = urgency == SERIAL_REPORT; /* it just waited its 2 s */
		dropped += n - sent;
	}
}
