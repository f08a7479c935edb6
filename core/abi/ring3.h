/*
 * ring3's own calls (docs/abi.md, "ring3's own calls"): numbers above
 * Linux's, their modes and structs. Pure header with nothing of libc's
 * names in it, so a Linux program built against its libc includes it
 * alone to talk to ring3 (on Linux the numbers are -ENOSYS).
 */
#ifndef CORE_ABI_RING3_H
#define CORE_ABI_RING3_H

/* ring3's own calls, above Linux's numbers (docs/abi.md). */
#define SYS_ring3_kinfo    500 /* (struct ring3_kinfo *): where things are */
#define SYS_ring3_report   501 /* (mode): RING3_REPORT_* */
#define SYS_ring3_selftest 502 /* (what): RING3_SELFTEST_*, only with --selftest */
#define SYS_ring3_bench    503 /* (const struct ring3_bench *): print a BENCH line */
/* ring3_report modes. */
#define RING3_REPORT_CALLS 0 /* one SYSCALL line per round trip (default) */
#define RING3_REPORT_QUIET 1 /* count only; the SUMMARY line has the total */
#define RING3_REPORT_QUIET_IRET 2 /* as QUIET, and return through IRETQ (benchmarks) */

/* ring3_selftest: deliberate kernel faults, to show how they are caught. */
#define RING3_SELFTEST_STACK_OVERFLOW 1 /* recurse into the kernel stack guard: #DF on IST */
#define RING3_SELFTEST_NULL_DEREF     2 /* kernel NULL read: #PF, panic */
#define RING3_SELFTEST_SMAP           3 /* kernel reads a user page without STAC */
#define RING3_SELFTEST_SMEP           4 /* kernel jumps into a user page */
#define RING3_SELFTEST_BAD_RETURN     5 /* (which): return through IRETQ with a bad selector */
#define RING3_SELFTEST_PANIC_FAULT    6 /* a panic whose message faults while printed */
#define RING3_SELFTEST_IMAGE_ALIAS    7 /* (which): write kernel text, rodata or the IDT */
#define RING3_IMAGE_ALIAS_TEXT   0 /* text, through the direct map */
#define RING3_IMAGE_ALIAS_RODATA 1 /* rodata, through the direct map */
#define RING3_IMAGE_ALIAS_IDT    2 /* the IDT, through the direct map */
#define RING3_IMAGE_IDT          3 /* the IDT, at its link address */
#define RING3_BAD_RETURN_SS 1 /* which: SS = the kernel's data selector (RPL 0) */
#define RING3_BAD_RETURN_CS 2 /* which: CS = the kernel's code selector with RPL 3 */

#ifndef __ASSEMBLER__
/* ring3_kinfo: addresses a payload may aim at to prove they are protected. */
struct ring3_kinfo {
	unsigned long long kernel_text;  /* the SYSCALL entry */
	unsigned long long kernel_data;  /* this CPU's per-CPU block */
	unsigned long long kernel_stack; /* this CPU's kernel stack top (TSS.RSP0 without isolation) */
	unsigned long long region_end;   /* end of the user region */
	unsigned long long stack_base;   /* lowest user stack byte (guard page below) */
	unsigned long long stack_top;
	unsigned int cpu;
	unsigned int features;           /* RING3_FEAT_* on in this kernel */
	unsigned long long bench_n;      /* ring3.efi --bench-n=N, else 0 */
	unsigned int apic_id;            /* this CPU's local APIC ID (CPUID's view) */
	unsigned int cpus;               /* CPUs running payloads in this boot */
	unsigned long long mem_limit;    /* bytes this task may hold (--mem-limit), 0: RAM */
	unsigned long long lower_kernel_pages; /* present pages below 2^47 ring 3 cannot reach */
	unsigned int pmu_version;        /* CPUID 0xA's architectural perfmon version (Intel), else 0 */
	unsigned int pmu_fixed;          /* fixed counters counting and readable with RDPMC: 2 or 0 */
	unsigned int pmu_width;          /* their width in bits (0 with pmu_fixed 0) */
	unsigned int pmu_reserved;       /* 0 */
};
/* ring3_bench: one path's statistics, in TSC ticks, timing cost removed. */
#define RING3_BENCH_NAME_MAX 24
#define RING3_BENCH_BUCKETS 32
struct ring3_bench {
	char path[RING3_BENCH_NAME_MAX]; /* e.g. "syscall", NUL-terminated */
	unsigned long long n, min, median, p99, max;
	unsigned long long overhead;      /* the timing pair's own cost, subtracted */
	unsigned long long hist_lo, hist_width; /* histogram: bucket i starts at lo + i*width */
	unsigned int hist[RING3_BENCH_BUCKETS]; /* the last bucket also takes everything above */
};
#define RING3_FEAT_NX   1
#define RING3_FEAT_SMEP 2
#define RING3_FEAT_SMAP 4
#define RING3_FEAT_UMIP 8
#define RING3_FEAT_RDTSCP 16
#define RING3_FEAT_PMU  32 /* pmu_fixed is 2: RDPMC works in ring 3 (docs/abi.md) */
/* RDPMC's ECX for the counters RING3_FEAT_PMU promises (bit 30: fixed counter). */
#define RING3_RDPMC_INSTRUCTIONS 0x40000000 /* fixed counter 0: instructions retired */
#define RING3_RDPMC_CYCLES       0x40000001 /* fixed counter 1: core cycles, not halted */
#endif

#endif
