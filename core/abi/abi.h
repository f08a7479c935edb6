/*
 * The ring-3 ABI: Linux x86_64 syscall numbers, errno values and structs.
 * Shared verbatim by the kernel and the payloads (docs/abi.md).
 * Pure header.
 */
#ifndef CORE_ABI_H
#define CORE_ABI_H

#include "core/abi/syscall_nr.h"
#include "core/abi/errno.h"
#include "core/abi/fs.h"
#include "core/abi/proc.h"
#include "core/abi/signal.h"

/* ring3's own calls, above Linux's numbers (docs/abi.md). */
#define SYS_ring3_kinfo    500 /* (struct ring3_kinfo *): where things are */
#define SYS_ring3_report   501 /* (mode): RING3_REPORT_* */
#define SYS_ring3_selftest 502 /* (what): RING3_SELFTEST_*, only with --selftest */
#define SYS_ring3_bench    503 /* (const struct ring3_bench *): print a BENCH line */
/* Table size: numbers at or above this are -ENOSYS. */
#define SYS_TABLE_SIZE   512

/* Clocks (clock_gettime and friends). */
#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7
#define CLOCK_REALTIME_ALARM     8  /* REALTIME that wakes a suspended system */
#define CLOCK_BOOTTIME_ALARM     9  /* BOOTTIME that wakes a suspended system */
#define CLOCK_SGI_CYCLE          10 /* retired; Linux refuses it */
#define CLOCK_TAI                11 /* REALTIME here: no leap-second offset is known */
#define TIMER_ABSTIME            1 /* clock_nanosleep: the time is a deadline */

/* arch_prctl codes. */
#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004
#define ARCH_GET_CPUID 0x1011 /* is CPUID allowed (no argument) */
#define ARCH_SET_CPUID 0x1012 /* allow or trap CPUID */
#define ARCH_GET_XCOMP_SUPP 0x1021 /* the XSAVE features the kernel supports */
#define ARCH_GET_XCOMP_PERM 0x1022 /* the XSAVE features this process may use */
#define ARCH_REQ_XCOMP_PERM 0x1023 /* ask for an XSAVE feature (AMX) */
#define ARCH_MAP_VDSO_X32   0x2001 /* map the x32 vDSO at an address */
#define ARCH_MAP_VDSO_32    0x2002 /* map the 32-bit vDSO at an address */
#define ARCH_MAP_VDSO_64    0x2003 /* map the 64-bit vDSO at an address */

/* mmap/mprotect. */
#define PROT_NONE     0x0
#define PROT_READ     0x1
#define PROT_WRITE    0x2
#define PROT_EXEC     0x4
#define PROT_SEM      0x8        /* usable for atomics (no effect on x86) */
#define PROT_GROWSDOWN 0x01000000 /* mprotect: extend down to a grows-down mapping's start */
#define PROT_GROWSUP  0x02000000 /* mprotect: extend up (not on x86) */
#define MAP_FILE      0x00       /* no sharing type: historical, refused */
#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_SHARED_VALIDATE 0x03 /* MAP_SHARED that refuses unknown flags */
#define MAP_TYPE      0x0f     /* the sharing type's bits */
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20
#define MAP_32BIT     0x40       /* below 2 GiB */
#define MAP_GROWSDOWN 0x100      /* a stack that grows into the page below */
#define MAP_DENYWRITE 0x800      /* ignored */
#define MAP_EXECUTABLE 0x1000    /* ignored */
#define MAP_LOCKED    0x2000     /* as after mlock */
#define MAP_NORESERVE 0x4000     /* no swap reserved */
#define MAP_POPULATE  0x8000     /* fault the pages in now */
#define MAP_NONBLOCK  0x10000    /* with MAP_POPULATE: no read-ahead */
#define MAP_STACK     0x20000    /* a thread stack (a hint) */
#define MAP_HUGETLB   0x40000    /* from the huge page pool */
#define MAP_SYNC      0x80000    /* DAX: synchronous page faults */
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_HUGE_SHIFT 26        /* MAP_HUGETLB: log2 of the page size from this bit */

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
#define RING3_BAD_RETURN_SS 1 /* which: SS = the kernel's data selector (RPL 0) */
#define RING3_BAD_RETURN_CS 2 /* which: CS = the kernel's code selector with RPL 3 */

/* File descriptors write() accepts. */
#define FD_STDOUT 1 /* serial (and screen) */
#define FD_STDERR 2 /* same as stdout */
#define FD_DISCARD 3 /* copies the data in and drops it (benchmarks) */

/* struct utsname, as Linux lays it out. */
#define UTSNAME_FIELD_LEN 65
#ifndef __ASSEMBLER__
struct utsname {
	char sysname[UTSNAME_FIELD_LEN];
	char nodename[UTSNAME_FIELD_LEN];
	char release[UTSNAME_FIELD_LEN];
	char version[UTSNAME_FIELD_LEN];
	char machine[UTSNAME_FIELD_LEN];
	char domainname[UTSNAME_FIELD_LEN];
};

/* struct timespec, struct timeval and struct timezone, as Linux x86_64
 * lays them out (named apart from a C library's). */
struct abi_timespec {
	long long tv_sec;
	long long tv_nsec;
};
struct abi_timeval {
	long long tv_sec;
	long long tv_usec;
};
struct abi_iovec {
	unsigned long long iov_base;
	unsigned long long iov_len;
};
struct abi_timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

/* ring3_kinfo: addresses a payload may aim at to prove they are protected. */
struct ring3_kinfo {
	unsigned long long kernel_text;  /* the SYSCALL entry */
	unsigned long long kernel_data;  /* this CPU's per-CPU block */
	unsigned long long kernel_stack; /* TSS.RSP0 */
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
