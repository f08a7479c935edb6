/*
 * The ring-3 ABI: Linux x86_64 syscall numbers, errno values and structs,
 * and ring3's own calls. Shared verbatim by the kernel and the payloads
 * (docs/abi.md).
 * Pure header.
 */
#ifndef CORE_ABI_H
#define CORE_ABI_H

#include "core/abi/syscall_nr.h"
#include "core/abi/errno.h"
#include "core/abi/fs.h"
#include "core/abi/proc.h"
#include "core/abi/signal.h"
#include "core/abi/ring3.h"

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
#define MAP_ABOVE4G   0x80       /* a hint: at or above 4 GiB */
#define MAP_UNINITIALIZED 0x4000000 /* no-MMU kernels only; ignored */
#define MAP_HUGE_2MB  (21U << MAP_HUGE_SHIFT)
#define MAP_HUGE_1GB  (30U << MAP_HUGE_SHIFT)
/* The flags MAP_SHARED_VALIDATE accepts for a file (Linux's
 * LEGACY_MAP_MASK; MAP_SYNC only for DAX files, of which the tree has
 * none): any other bit is -EOPNOTSUPP. */
#define MAP_VALIDATE_KNOWN (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | \
	MAP_DENYWRITE | MAP_EXECUTABLE | MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED | \
	MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | MAP_32BIT | \
	MAP_ABOVE4G | MAP_HUGE_2MB | MAP_HUGE_1GB)

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

#endif

#endif
