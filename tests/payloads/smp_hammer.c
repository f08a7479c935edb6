/*
 * Run on every CPU at once: 100000 syscalls each, every result checked.
 * Each CPU points its GS base at a block of its own (tagged with its CPU
 * number) and checks, every 1000 calls, that %gs:0 still reads that block
 * and that getcpu still names its CPU: a kernel that mixed up per-CPU
 * state (GS bases, stacks, the user-RSP stash) between CPUs would fail
 * here. Per-call lines are off (ring3_report) so the CPUs really do
 * collide in the kernel instead of queueing on the serial port.
 */
#include "user_payload/ulib.h"

#define CALLS 100000

struct gs_block {
	struct gs_block *self;
	uint64_t cpu;
};

static struct gs_block block;

int main(void)
{
	struct ring3_kinfo k;
	if (usys1(SYS_ring3_kinfo, &k))
		return 10;
	int64_t pid = usys0(SYS_getpid);
	block.self = &block;
	block.cpu = k.cpu;
	if (usys2(SYS_arch_prctl, ARCH_SET_GS, &block))
		return 11;
	usys1(SYS_ring3_report, RING3_REPORT_QUIET);
	int bad = 0;
	for (int i = 0; i < CALLS; i++) {
		int64_t r;
		switch (i % 4) {
		case 0: r = usys0(SYS_getpid); bad += r != pid; break;
		case 1: r = usys0(SYS_gettid); bad += r != pid; break;
		case 2: {
			uint32_t cpu = 999;
			r = usys3(SYS_getcpu, &cpu, 0, 0);
			bad += r != 0 || cpu != k.cpu;
			break;
		}
		default: r = usys3(SYS_write, FD_DISCARD, &block, sizeof(block)); bad += r != sizeof(block);
		}
		if (i % 1000 == 0) {
			uint64_t self, cpu;
			__asm__ volatile("movq %%gs:0, %0; movq %%gs:8, %1" : "=r"(self), "=r"(cpu));
			bad += self != (uint64_t)&block || cpu != k.cpu;
		}
	}
	usys1(SYS_ring3_report, RING3_REPORT_CALLS);
	uprintf("hammer: cpu=%u apic_id=%u %d calls, %d wrong\n", k.cpu, k.apic_id, CALLS, bad);
	return bad != 0;
}
