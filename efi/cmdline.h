/*
 * The app's command line (pure):
 *   ring3.efi [--qemu-exit] [--selftest] [--icount-shift=N] [--mem-limit=MiB] [--debug-wait]
 *             [--ap-timeout-ms=N] [--slow-ap] [--slice-us=N] [--cpu-limit=S]
 *             [--run-limit=S] [--together] [--trace-irq] [--root=DIR] [--stdin=FILE]
 *             [--mitigate=LIST] [--no-mitigate=LIST]
 *             [--env=NAME=VALUE] [--env-clear] [--help]
 *             [payload | @list ...] [-- program [arg ...]] ...
 * With no payload named, the built-in demo runs. After "--", the next
 * word is a program and the words up to the next "--" its arguments.
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
/* Environment strings a program gets, the defaults included. */
#define CMDLINE_ENV_MAX 32
/* Where the file tree is looked for when --root is not given: beside
 * ring3.efi, so \EFI\ring3\root on the ESP. */
#define ROOT_DEFAULT "root"

struct cmdline {
	uint32_t flags;     /* HANDOFF_* flags */
	int32_t tsc_shift;  /* --icount-shift=N (0..10), else -1 */
	uint64_t bench_n;   /* --bench-n=N (1..100000), else 0 */
	uint64_t mem_limit; /* --mem-limit=MiB in bytes (0: none); default USER_MEM_LIMIT_DEFAULT */
	uint32_t ap_timeout_ms; /* --ap-timeout-ms=N (1..60000), default AP_TIMEOUT_DEFAULT_MS */
	uint32_t slice_us;      /* --slice-us=N (0..1000000), default SLICE_DEFAULT_US */
	uint32_t cpu_limit_s;   /* --cpu-limit=S (0..86400), default CPU_LIMIT_DEFAULT_S */
	uint32_t run_limit_s;   /* --run-limit=S (0..86400), default RUN_LIMIT_DEFAULT_S */
	uint32_t mitigate_on;   /* --mitigate=LIST: MIT_BIT()s forced on */
	uint32_t mitigate_off;  /* --no-mitigate=LIST: forced off (the later option wins) */
	int help;
	int debug_wait;     /* spin before ExitBootServices until a debugger lets go */
	unsigned count;     /* payload names */
	const char *names[PAYLOADS_MAX];
	const char *const *args[PAYLOADS_MAX]; /* each one's arguments after its name ... */
	uint32_t nargs[PAYLOADS_MAX];          /* ... and how many */
	const char *root;       /* --root=DIR: the file tree; 0: ROOT_DEFAULT, if there */
	const char *stdin_file; /* --stdin=FILE: fd 0 of every program; 0: empty */
	unsigned envc;          /* the environment, "NAME=VALUE" each */
	const char *env[CMDLINE_ENV_MAX];
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

/*
 * Split one line of a list into words in place: blanks separate words;
 * "..." makes one word of what it holds, blanks included, where \" and
 * \\ stand for " and \; a backslash outside quotes is an ordinary
 * character (so DOS paths need no escaping). Stores up to max words and
 * returns the count, or -1 with *why set (too many words, an unfinished
 * quote).
 */
int cmdline_words_split(char *line, const char **words, int max, const char **why);

#define CMDLINE_USAGE \
	"usage: ring3.efi [--qemu-exit] [--selftest] [--icount-shift=N] [--mem-limit=MiB]\n" \
	"                 [--debug-wait] [--ap-timeout-ms=N] [--slow-ap] [--slice-us=N]\n" \
	"                 [--cpu-limit=S] [--run-limit=S] [--together] [--trace-irq]\n" \
	"                 [--root=DIR] [--stdin=FILE] [--env=NAME=VALUE] [--env-clear]\n" \
	"                 [--mitigate=LIST] [--no-mitigate=LIST]\n" \
	"                 [payload | @list ...] [-- program [arg ...]] ...\n" \
	"  payload       a static x86-64 Linux ELF program, or a flat ring-3 binary\n" \
	"                loaded at 0x400000 (default: built-in demo); a relative\n" \
	"                name is looked up next to ring3.efi\n" \
	"  @list         a text file of programs, one per line with its arguments\n" \
	"                (\"...\" quotes; # comments)\n" \
	"  -- program arg ...  a program with arguments (up to the next --)\n" \
	"  --root=DIR    the programs' file tree at / (default: root beside ring3.efi)\n" \
	"  --stdin=FILE  the programs' fd 0 (default: empty)\n" \
	"  --env=NAME=VALUE  set a variable (defaults: PATH=/bin:/usr/bin HOME=/ TERM=linux)\n" \
	"  --env-clear   start from an empty environment\n" \
	"  --selftest    allow payloads to make the kernel fault on purpose\n" \
	"  --halt        at the end, keep the report on screen (default on real PCs)\n" \
	"  --power-off   at the end, power off (default under a hypervisor)\n" \
	"  --icount-shift=N  QEMU -icount shift: report benchmarks in instructions\n" \
	"  --bench-n=N   round trips per path for the bench program (default 100000)\n" \
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
	"  --trace-irq   one IRQ line per interrupt\n" \
	"  --mitigate=LIST, --no-mitigate=LIST  speculation mitigations on or off,\n" \
	"                whatever the CPU says (" MITIGATION_LIST_HELP "); the later wins\n"

/* The names --mitigate takes (core/cpu/mitigation.c). */
#define MITIGATION_LIST_HELP "pti,verw,ibpb,retpoline,rsb,clear-regs or all"

#endif
