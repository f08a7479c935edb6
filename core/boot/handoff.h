/*
 * The boot protocol: the one structure that crosses from the loader
 * (efi/) to the kernel (core/). docs/boot.md describes it in full.
 *
 * The loader fills it before ExitBootServices, adds the final memory map
 * after, and jumps to the kernel's entry with:
 *   RDI = this structure's direct-map address; RSP = cpus[0].kstack_top;
 *   CR3 = low_cr3; interrupts off; the firmware's GDT and IDT still loaded.
 * Addresses are physical unless a field says "virtual". No EFI types.
 */
#ifndef CORE_BOOT_HANDOFF_H
#define CORE_BOOT_HANDOFF_H

#include <stdint.h>
#include "core/abi/layout.h"
#include "core/cpu/percpu.h"
#include "core/mm/paging.h"

#define HANDOFF_MAGIC   0x336E6972 /* "rin3" */
#define HANDOFF_VERSION 6          /* 6: speculation mitigations forced on or off */
#define PAYLOAD_NAME_MAX 64
/* Bytes of one program's argument and environment strings, NULs included:
 * with their pointers and the auxiliary vector they fit the window the
 * kernel builds the initial stack in (core/task/task.c). */
#define EXEC_STRINGS_MAX 0xC000

#define AP_TRAMPOLINE_MAX 0x9FFFF /* the AP start page lies below this (and 1 MiB) */

/* How the firmware left the bootstrap CPU's local APIC (IA32_APIC_BASE.EXTD). */
#define HANDOFF_APIC_XAPIC  0 /* memory-mapped registers: the mode this kernel drives */
#define HANDOFF_APIC_X2APIC 1 /* MSR registers only: the kernel drives them so, and starts every CPU */

/* Flags from the command line. */
#define HANDOFF_QEMU_EXIT 0x1 /* also poke QEMU's isa-debug-exit port at the end */
#define HANDOFF_SELFTEST  0x2 /* allow ring3_selftest (deliberate kernel faults) */
#define HANDOFF_HALT      0x4 /* at the end, halt with the report on screen */
#define HANDOFF_POWER_OFF 0x8 /* at the end, power off (default under a hypervisor) */
#define HANDOFF_SLOW_AP   0x10 /* test: the first AP waits in its trampoline until the BSP moves on */
#define HANDOFF_TOGETHER  0x20 /* --together: a CPU runs all its payloads at once */
#define HANDOFF_TRACE_IRQ 0x40 /* --trace-irq: one IRQ line per interrupt */

struct handoff_payload {
	char name[PAYLOAD_NAME_MAX]; /* the file's own name, without directories */
	uint64_t data; /* the file's bytes (loader memory) */
	uint64_t size;
	uint64_t argv; /* argc NUL-terminated strings back to back: argv[0] is */
	uint32_t argc; /* the name as given, then the arguments */
	uint32_t argv_size; /* bytes, NULs included */
};

/* Per-CPU memory, set aside before ExitBootServices. */
struct handoff_cpu {
	uint32_t apic_id;           /* from the MADT, all 32 bits; cpus[0] is the bootstrap CPU */
	uint32_t pad;
	uint64_t percpu;            /* struct percpu, one page */
	uint64_t kstack_top;        /* virtual: kernel stack (RSP0), unmapped below */
	uint64_t ist_top[IST_USED]; /* virtual: IST stacks, each unmapped below */
};

/* One range of the final memory map, in the loader's words. */
#define HANDOFF_MEM_FREE         1 /* free from the start (conventional memory) */
#define HANDOFF_MEM_BOOT         2 /* boot-services memory: free once the kernel runs */
#define HANDOFF_MEM_LOADER       3 /* the loader's: kernel image, stacks, tables, payloads */
#define HANDOFF_MEM_RUNTIME_CODE 4 /* firmware runtime services code */
#define HANDOFF_MEM_RUNTIME_DATA 5 /* firmware runtime services data */
#define HANDOFF_MEM_ACPI         6 /* ACPI tables and NVS */
#define HANDOFF_MEM_MMIO         7 /* memory-mapped I/O the firmware reported */
#define HANDOFF_MEM_RESERVED     8 /* anything else: never touched */

struct handoff_mem {
	uint64_t base, pages;
	uint32_t type;    /* HANDOFF_MEM_* */
	uint32_t runtime; /* 1: the firmware needs it at runtime (EFI_MEMORY_RUNTIME) */
};

/* The GOP framebuffer as the firmware left it (format: FB_FORMAT_*). */
#define FB_FORMAT_NONE 0 /* no GOP, or BltOnly: no linear framebuffer */
#define FB_FORMAT_RGBX 1 /* byte order R, G, B, reserved */
#define FB_FORMAT_BGRX 2 /* byte order B, G, R, reserved */
#define FB_FORMAT_MASK 3 /* channel positions given by bit masks */

struct handoff_fb {
	uint64_t base, size;
	uint64_t virt; /* virtual: where the kernel's tables map it, uncached */
	uint32_t width, height, stride; /* stride: pixels per scan line */
	uint32_t format;
};

struct handoff {
	uint32_t magic;
	uint32_t version;       /* HANDOFF_VERSION */
	uint32_t size;          /* sizeof(struct handoff) as the loader built it */
	uint32_t flags;
	uint32_t cpu_count;     /* CPUs with memory set aside (cpus[]) */
	uint32_t payload_count;
	struct handoff_payload payloads[PAYLOADS_MAX];
	struct handoff_cpu cpus[CPUS_MAX];
	/* Page tables. kernel_cr3 maps only the kernel half (docs/design.md):
	 * every address space copies its upper entries. low_cr3 is the same
	 * plus identity mappings of what must run at its physical address
	 * (the loader's jump to the kernel, the AP trampoline, the firmware's
	 * runtime regions); it lies below 4 GiB, for a 32-bit CR3 load. */
	uint64_t kernel_cr3;
	uint64_t low_cr3;
	struct pt_pool pt_pool;    /* page-table pages the loader did not use */
	uint64_t kernel_phys, kernel_pages; /* the kernel image's memory */
	uint64_t mem_map;          /* struct handoff_mem[mem_count], the final map */
	uint32_t mem_count;
	uint32_t pad1;
	uint64_t efi_reset_system; /* the firmware's ResetSystem, mapped in low_cr3 */
	uint64_t mem_limit;        /* --mem-limit: bytes a task may hold, 0 = no limit */
	uint64_t lapic_base;       /* local APIC MMIO (from the MADT); 0: no MADT */
	uint64_t lapic_virt;       /* virtual: where the kernel's tables map it */
	uint16_t serial_port;      /* the SPCR's UART, else COM1 (probed either way) */
	uint8_t serial_from_spcr;  /* 1 when serial_port came from the SPCR */
	uint8_t pad2[5];
	uint64_t trampoline;       /* one page below 1 MiB for starting APs */
	/* The MADT's CPUs, and why cpu_count may be fewer. A CPU listed
	 * twice (both entry types, or one repeated) is one CPU. */
	uint32_t madt_cpus;        /* distinct CPUs the MADT lists as usable */
	uint32_t madt_skipped;     /* entries disabled, or past the 256 CPUs the loader reads */
	uint32_t madt_duplicates;  /* entries repeating an APIC ID listed before */
	uint32_t apic_mode;        /* HANDOFF_APIC_* */
	uint32_t cpus_unaddressable; /* not started: APIC ID above 0xFE, in xAPIC mode */
	uint32_t pad4;
	uint32_t cpus_over_max;    /* not started: more than CPUS_MAX */
	uint32_t ap_timeout_ms;    /* each AP's time to acknowledge, then to come online */
	struct handoff_fb fb;
	uint64_t efi_main_tsc;    /* TSC when efi_main started */
	uint64_t exit_bs_status;  /* nonzero: ExitBootServices failed (EFI status) */
	int32_t tsc_shift;        /* --icount-shift=N: TSC = 2^N per instruction; -1 */
	uint32_t pad3;
	uint64_t bench_n;         /* --bench-n=N for the bench payload; 0 = default */
	/* Tasks and time (docs/design.md, "Tasks"). */
	uint32_t slice_us;        /* --slice-us: time slice; 0 = no preemption tick */
	uint32_t cpu_limit_s;     /* --cpu-limit: CPU seconds a task may use; 0 = no limit */
	uint32_t run_limit_s;     /* --run-limit: wall-clock seconds for the run; 0 = no limit */
	uint32_t rtc_valid;       /* 1: the firmware's GetTime answered */
	int64_t rtc_unix;         /* GetTime's date and time as Unix seconds (UTC) ... */
	uint64_t rtc_tsc;         /* ... and the TSC when it was read */
	/* What Linux programs see (docs/abi.md, "Linux programs"). */
	uint64_t env;             /* envc "NAME=VALUE" strings back to back */
	uint32_t envc;
	uint32_t env_size;        /* bytes, NULs included */
	uint64_t fstree;          /* struct fstree (core/fs/fstree.h): the tree at "/" */
	uint64_t stdin_data;      /* --stdin: fd 0's bytes; stdin_size 0: empty */
	uint64_t stdin_size;
	/* --mitigate / --no-mitigate: MIT_BIT()s (core/cpu/mitigation.h) the
	 * user forced on or off; the rest the kernel decides from CPUID. */
	uint32_t mitigate_on;
	uint32_t mitigate_off;
};

/* The handoff, for the whole kernel: set by core_main before anything
 * else runs, never changed after. */
extern struct handoff *boot_handoff;

#endif
