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
/* Largest payload file accepted (refused before ExitBootServices). */
#define PAYLOAD_MAX_SIZE   HW_U64(0x1000000)  /* 16 MiB */
/* Largest region any payload can get: the file maximum plus slack. */
#define USER_REGION_MAX    (PAYLOAD_MAX_SIZE + USER_REGION_SLACK)
/* Kernel memory may not sit below this, so the user window stays free. */
#define USER_WINDOW_END    (USER_BASE + USER_REGION_MAX)

/* The user stack: its top is 16-byte aligned, a guard page lies below it. */
#define USER_STACK_TOP     HW_U64(0x00007FFFFFFF0000)
#define USER_STACK_SIZE    HW_U64(0x10000)    /* 64 KiB */
#define USER_STACK_BASE    (USER_STACK_TOP - USER_STACK_SIZE)

/* mmap without MAP_FIXED places mappings upward from here. */
#define USER_MMAP_BASE     HW_U64(0x00007F0000000000)
/* Anonymous pages mmap can hand out per task (the pool is per CPU). */
#define USER_MMAP_PAGES    64
#define USER_MMAPS_MAX     16

/* Everything the kernel accepts as a user pointer lies below this. */
#define USER_SPACE_END     CANONICAL_LOW_END

/* Initial ring-3 RFLAGS: IF clear, the kernel takes no device interrupts. */
#define USER_RFLAGS_INIT   RFLAGS_FIXED

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
