/* The kernel after ExitBootServices: take the CPU over, run the payloads. */
#include "core/boot/boot_report.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/cpu_features.h"
#include "core/cpu/cpu_setup.h"
#include "core/boot/handoff.h"
#include "core/cpu/hw.h"
#include "core/cpu/idt.h"
#include "core/boot/panic.h"
#include "core/console/fbcon.h"
#include "core/dev/serial.h"
#include "core/cpu/smp.h"
#include "core/task/task.h"


struct handoff *boot_handoff;

static void serial_sink_write(const char *s, size_t n, enum console_class cls)
{
	(void)cls;
	serial_write(s, n);
}

static const struct console_sink serial_sink = { serial_sink_write };

/*
 * Contract: entered from core_start on the bootstrap CPU's kernel stack,
 * after ExitBootServices, interrupts off. Never returns: ends in DONE and
 * power-off.
 */
void core_main(struct handoff *h) __attribute__((noreturn));
void core_main(struct handoff *h)
{
	boot_handoff = h;
	int serial = serial_init(h->serial_port ? h->serial_port : COM1_PORT);
	if (serial)
		console_add_sink(&serial_sink);
	fbcon_init(&h->fb);
	if (h->magic != HANDOFF_MAGIC)
		panic("bad handoff magic 0x%x", h->magic);
	if (h->exit_bs_status)
		panic("ExitBootServices failed (EFI status 0x%llx)",
		      (unsigned long long)h->exit_bs_status);

	struct cpu_features feat;
	cpu_features_detect(&feat);
	cpu_boot_features = feat;
	cpu_pte_nx = feat.nx ? PTE_NX : 0;
	idt_init();

	const struct handoff_cpu *hc = &h->cpus[0];
	struct percpu *cpu = (struct percpu *)(uintptr_t)hc->percpu;
	cpu_setup(cpu, hc, 0, &feat);
	console_line(CON_INFO, "KERNEL ring3: own GDT, IDT, TSS, page tables and SYSCALL MSRs installed");
	boot_report(h, &feat);
	console_line(CON_INFO, "BOOT cpu=0 serial=%s port=0x%x source=%s", serial ? "on" : "none",
		     h->serial_port, h->serial_from_spcr ? "spcr" : "com1");

	smp_start(h, &feat);
	power_done(smp_run(h));
}
