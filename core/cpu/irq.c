/* Device interrupts (contract in irq.h). */
#include "core/cpu/irq.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/lapic.h"
#include "core/cpu/this_cpu.h"
#include "core/task/sched.h"
#include "core/task/task.h"

int irq_trace;

static const char *irq_name(uint64_t vector)
{
	switch (vector) {
	case IRQ_VEC_TIMER: return "timer";
	case IRQ_VEC_ERROR: return "apic-error";
	case IRQ_VEC_SPURIOUS: return "spurious";
	}
	return "unexpected";
}

void irq_dispatch(struct trap_frame *f)
{
	struct percpu *cpu = this_cpu();
	int user = (f->cs & 3) != 0;
	struct task *t = user ? cpu->task : 0;
	cpu->irqs++;
	if (t)
		t->irqs++;
	if (irq_trace)
		console_line(CON_INFO, "IRQ cpu=%u vector=%llu name=%s from=%s pid=%u rip=0x%llx tsc=%llu",
			     cpu->cpu_id, (unsigned long long)f->vector, irq_name(f->vector),
			     user ? "user" : "idle", t ? t->pid : 0, (unsigned long long)f->rip,
			     (unsigned long long)cpu_rdtsc());
	switch (f->vector) {
	case IRQ_VEC_TIMER:
		lapic_eoi();
		sched_tick(f);
		return;
	case IRQ_VEC_SPURIOUS:
		return; /* no EOI for a spurious interrupt (SDM 11.9) */
	case IRQ_VEC_ERROR: {
		uint32_t esr = lapic_error_status();
		lapic_eoi();
		console_line(CON_FAULT, "APIC cpu=%u error esr=0x%x", cpu->cpu_id, esr);
		return;
	}
	}
	/* Nothing else is programmed; if it came through the APIC it needs
	 * its EOI, or lower-priority vectors stay blocked. */
	lapic_eoi();
	console_line(CON_FAULT, "IRQ cpu=%u vector=%llu name=unexpected action=ignored", cpu->cpu_id,
		     (unsigned long long)f->vector);
}
