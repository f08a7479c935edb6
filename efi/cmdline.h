/*
 * The app's command line (pure):
 *   ring3.efi [--qemu-exit] [--selftest] [--icount-shift=N] [--mem-limit=MiB] [--debug-wait]
 *             [--ap-timeout-ms=N] [--slow-ap] [--slice-us=N] [--cpu-limit=S]
 *             [--run-limit=S] [--together] [--trace-irq] [--help] [payload.bin | @list ...]
 * With no payload named, the built-in demo runs.
 */
#ifndef EFI_CMDLINE_H
#define EFI_CMDLINE_H

#include <stdint.h>
#include "core/abi/layout.h"

/* How long the kernel waits for each AP to answer its start-up IPIs. */
#define AP_TIMEOUT_DEFAULT_MS 1000
/* A task's time slice, its CPU time, and the whole run's wall-clock time. */
#define SLICE_DEFAULT_US    10000
#define CPU_LIMIT_DEFAULT_S 10
#define RUN_LIMIT_DEFAULT_S 600

struct cmdline {
	uint32_t flags;     /* HANDOFF_* flags */
	int32_t tsc_shift;  /* --icount-shift=N (0..10), else -1 */
	uint64_t bench_n;   /* --bench-n=N (1..100000), else 0 */
	uint64_t mem_limit; /* --mem-limit=MiB in bytes (0: none); default USER_MEM_LIMIT_DEFAULT */
	uint32_t ap_timeout_ms; /* --ap-timeout-ms=N (1..60000), default AP_TIMEOUT_DEFAULT_MS */
	uint32_t slice_us;      /* --slice-us=N (0..1000000), default SLICE_DEFAULT_US */
	uint32_t cpu_limit_s;   /* --cpu-limit=S (0..86400), default CPU_LIMIT_DEFAULT_S */
	uint32_t run_limit_s;   /* --run-limit=S (0..86400), default RUN_LIMIT_DEFAULT_S */
	int help;
	int debug_wait;     /* spin before ExitBootServices until a debugger lets go */
	unsigned count;     /* payload names */
	const char *names[PAYLOADS_MAX];
	char error[160];    /* set when parsing failed */
};

/* Parse argv[0..argc) (program name already removed). 0 or -1 with error set. */
int cmdline_parse(int argc, const char *const *argv, struct cmdline *out);

/*
 * Split a payload list in place: one name per line, surrounding blanks
 * and '\r' trimmed, empty lines and lines starting with '#' skipped.
 * text[len] must be writable. Stores up to max names; returns the count,
 * or -1 if there are more.
 */
int cmdline_list_split(char *text, uint64_t len, const char **names, int max);

#define CMDLINE_USAGE \
	"usage: ring3.efi [--qemu-exit] [--selftest] [--icount-shift=N] [--mem-limit=MiB]\n" \
	"                 [--debug-wait] [--ap-timeout-ms=N] [--slow-ap] [--slice-us=N]\n" \
	"                 [--cpu-limit=S] [--run-limit=S] [--together] [--trace-irq]\n" \
	"                 [payload.bin | @list ...]\n" \
	"  payload.bin   flat ring-3 binary, loaded at 0x400000 (default: built-in demo);\n" \
	"                a relative name is looked up next to ring3.efi\n" \
	"  @list         a text file naming payloads, one per line (# comments)\n" \
	"  --selftest    allow payloads to make the kernel fault on purpose\n" \
	"  --halt        at the end, keep the report on screen (default on real PCs)\n" \
	"  --power-off   at the end, power off (default under a hypervisor)\n" \
	"  --icount-shift=N  QEMU -icount shift: report benchmarks in instructions\n" \
	"  --bench-n=N   round trips per path for bench.bin (default 100000)\n" \
	"  --mem-limit=MiB  memory each payload may hold, page tables included\n" \
	"                (default 128, 0 for no limit but RAM)\n" \
	"  --qemu-exit   also signal the result on QEMU's isa-debug-exit port\n" \
	"  --debug-wait  wait before ExitBootServices until a debugger clears efi_debug_wait\n" \
	"  --ap-timeout-ms=N  how long each CPU has to answer its start-up (default 1000)\n" \
	"  --slow-ap     test: the first AP is too slow to start and must be stopped\n" \
	"  --together    run the payloads at once on each CPU, not one after another\n" \
	"  --slice-us=N  time slice (default 10000; 0: no preemption tick)\n" \
	"  --cpu-limit=S CPU seconds a payload may use before it is ended (default 10, 0: none)\n" \
	"  --run-limit=S wall-clock seconds for the whole run (default 600, 0: none)\n" \
	"  --trace-irq   one IRQ line per interrupt\n"

#endif
