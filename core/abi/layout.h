/*
 * The user address-space layout and the payload contract (docs/abi.md).
 * Pure: no CPU or EFI headers.
 */
#ifndef CORE_LAYOUT_H
#define CORE_LAYOUT_H

#include "core/cpu/hw.h"

/* The payload's first byte is mapped here and is its entry point. */
#define USER_BASE          HW_U64(0x400000)
/* Minimum user region, and the slack added after the file for .bss/heap. */
#define USER_REGION_MIN    HW_U64(0x100000)   /* 1 MiB */
#define USER_REGION_SLACK  HW_U64(0x40000)    /* 256 KiB */
/* The user stack: its top is 16-byte aligned, a guard page lies below it. */
#define USER_STACK_TOP     HW_U64(0x00007FFFFFFF0000)
#define USER_STACK_SIZE    HW_U64(0x10000)    /* 64 KiB */
#define USER_STACK_BASE    (USER_STACK_TOP - USER_STACK_SIZE)

/* A Linux program's stack (a flat payload's is USER_STACK_SIZE). */
#define ELF_STACK_SIZE     HW_U64(0x100000)   /* 1 MiB */

/* mmap without an address places mappings top-down below here (as
 * Linux does below its mmap base), and above USER_MMAP_LOW. */
#define USER_MMAP_TOP      HW_U64(0x00007F0000000000)
#define USER_MMAP_LOW      HW_U64(0x0000000100000000)
/* Nothing is ever mapped below this (Linux's default mmap_min_addr), so a
 * kernel NULL dereference can never reach user data. */
#define USER_MMAP_MIN_ADDR HW_U64(0x10000)

/* User space ends here: every user mapping and every pointer the kernel
 * accepts from ring 3 lies below. The last page under 2^47 is never
 * mapped, so no instruction can run into the non-canonical address
 * 2^47 (an IRETQ or SYSRET there faults in ring 0 on Intel). */
#define USER_SPACE_END     (CANONICAL_LOW_END - PAGE_SIZE)

/* Default --mem-limit: pages a task may hold, tables included. */
#define USER_MEM_LIMIT_DEFAULT HW_U64(0x8000000) /* 128 MiB */

/* Initial ring-3 RFLAGS (0x202): interrupts on, so the timer can take
 * the CPU back from a task; nothing else but the fixed bit. */
#define USER_RFLAGS_INIT   (RFLAGS_FIXED | RFLAGS_IF)

/* Most payloads in one boot. */
#define PAYLOADS_MAX       256

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Size of the user region for a payload file of file_size bytes. */
static inline uint64_t layout_user_region_size(uint64_t file_size)
{
	uint64_t rounded = (file_size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	uint64_t want = rounded + USER_REGION_SLACK;
	return want > USER_REGION_MIN ? want : USER_REGION_MIN;
}
#endif

#endif
