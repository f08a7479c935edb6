/*
 * The one structure that crosses from efi/ to core/. efi/ fills it before
 * ExitBootServices; core/ reads it after. No EFI types: addresses are
 * physical and, in the kernel's page tables, identity mapped.
 */
#ifndef CORE_HANDOFF_H
#define CORE_HANDOFF_H

#include <stdint.h>
#include "core/abi/layout.h"
#include "core/mm/paging.h"
#include "core/cpu/percpu.h"

#define HANDOFF_MAGIC 0x336E6972 /* "rin3" */
#define PAYLOAD_NAME_MAX 64

/* Kernel memory set aside per CPU, and for page tables. */
#define KERNEL_STACK_SIZE 0x10000 /* 64 KiB, guard page below */
#define IST_STACK_SIZE    0x4000  /* 16 KiB each, guard page below */
#define PT_POOL_PAGES     256     /* page-table pages shared by all CPUs ... */
#define PT_POOL_PAGES_PER_CPU 64  /* ... plus this many per CPU */
#define AP_TRAMPOLINE_MAX 0x9FFFF /* the AP start page lies below this (and 1 MiB) */

/* Flags from the command line. */
#define HANDOFF_QEMU_EXIT 0x1 /* also poke QEMU's isa-debug-exit port at the end */
#define HANDOFF_SELFTEST  0x2 /* allow ring3_selftest (deliberate kernel faults) */
#define HANDOFF_HALT      0x4 /* at the end, halt with the report on screen */
#define HANDOFF_POWER_OFF 0x8 /* at the end, power off (default under a hypervisor) */

struct handoff_payload {
	char name[PAYLOAD_NAME_MAX];
	uint64_t data; /* kernel copy of the file */
	uint64_t size;
};

/* Per-CPU memory, set aside before ExitBootServices. */
struct handoff_cpu {
	uint32_t apic_id;           /* from the MADT; cpus[0] is the bootstrap CPU */
	uint32_t pad;
	uint64_t percpu;            /* struct percpu, one page */
	uint64_t kstack_top;        /* kernel stack (RSP0), guard page below */
	uint64_t ist_top[IST_USED]; /* IST stacks, each with a guard page below */
	uint64_t cr3;               /* this CPU's address space */
	uint64_t user_phys;         /* backing of its user region ... */
	uint64_t user_stack_phys;   /* ... and of its user stack */
	uint64_t mmap_phys;         /* USER_MMAP_PAGES pages for mmap */
};

/* The GOP framebuffer as the firmware left it (format: FB_FORMAT_*). */
#define FB_FORMAT_NONE 0 /* no GOP, or BltOnly: no linear framebuffer */
#define FB_FORMAT_RGBX 1 /* byte order R, G, B, reserved */
#define FB_FORMAT_BGRX 2 /* byte order B, G, R, reserved */
#define FB_FORMAT_MASK 3 /* channel positions given by bit masks */

struct handoff_fb {
	uint64_t base, size;
	uint32_t width, height, stride; /* stride: pixels per scan line */
	uint32_t format;
};

struct handoff {
	uint32_t magic;
	uint32_t flags;
	uint32_t cpu_count;     /* CPUs with memory set aside (cpus[]) */
	uint32_t payload_count;
	struct handoff_payload payloads[PAYLOADS_MAX];
	struct handoff_cpu cpus[CPUS_MAX];
	uint64_t user_region_max; /* bytes behind each user region */
	struct pt_pool pt_pool;   /* what is left of the page-table pool */
	uint64_t image_base, image_size;
	uint64_t runtime_services; /* the firmware's runtime services table */
	uint64_t lapic_base;       /* local APIC MMIO (from the MADT); 0: no MADT */
	uint16_t serial_port;      /* the SPCR's UART, else COM1 (probed either way) */
	uint8_t serial_from_spcr;  /* 1 when serial_port came from the SPCR */
	uint8_t pad2[5];
	uint64_t trampoline;       /* one page below 1 MiB for starting APs */
	uint32_t madt_cpus;        /* CPUs the MADT lists (cpu_count may be fewer) */
	uint32_t madt_skipped;     /* listed but disabled */
	struct handoff_fb fb;
	uint64_t efi_main_tsc;    /* TSC when efi_main started */
	uint64_t exit_bs_status;  /* nonzero: ExitBootServices failed (EFI status) */
	int32_t tsc_shift;        /* --icount-shift=N: TSC = 2^N per instruction; -1 */
	uint64_t bench_n;         /* --bench-n=N for the bench payload; 0 = default */
	/* Powers the machine off through the firmware's runtime services.
	 * Returns only if the firmware did not. */
	void (*power_off)(void);
};

/* The handoff, for the whole kernel: set by core_main before anything
 * else runs, never changed after (the page-table pool inside excepted). */
extern struct handoff *boot_handoff;

/* The kernel's entry, on the stack top it is given, interrupts off. */
void core_start(struct handoff *h, uint64_t stack_top) __attribute__((noreturn));

#endif
