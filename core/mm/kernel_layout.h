/*
 * The kernel's half of every address space: PML4 entries 256-511, built
 * once by the loader and shared by every address space (each task's root
 * copies these entries; the tables below them are the same pages). The
 * lower half, below 2^47, belongs to ring 3 alone.
 * Pure: no CPU or EFI headers.
 */
#ifndef CORE_MM_KERNEL_LAYOUT_H
#define CORE_MM_KERNEL_LAYOUT_H

#include "core/cpu/hw.h"

/* All RAM, at physical + this: read-write, never executable. */
#define KERNEL_DIRECT_MAP     HW_U64(0xFFFF800000000000)
#define KERNEL_DIRECT_MAP_MAX HW_U64(0x0000400000000000) /* 64 TiB of physical address space */
/* Device memory, uncached: the local APIC, then the framebuffer. */
#define KERNEL_MMIO_BASE      HW_U64(0xFFFFC00000000000)
/* Per-CPU stacks: CPU c owns KERNEL_STACKS_PER_CPU bytes from
 * KERNEL_STACKS_BASE + c * KERNEL_STACKS_PER_CPU, one slot per stack; each
 * stack sits at the top of its slot and the rest of the slot stays
 * unmapped, so an overflow faults instead of running into memory. */
#define KERNEL_STACKS_BASE    HW_U64(0xFFFFFE0000000000)
#define KERNEL_STACKS_PER_CPU HW_U64(0x100000)  /* 1 MiB */
#define KERNEL_STACK_SLOT     HW_U64(0x20000)   /* 128 KiB: stack + unmapped guard */
/* The kernel image, linked here: the top 2 GiB, as -mcmodel=kernel needs. */
#define KERNEL_IMAGE_BASE     HW_U64(0xFFFFFFFF80000000)

/* The kernel's stack and the IST stacks, per CPU. */
#define KERNEL_STACK_SIZE HW_U64(0x10000) /* 64 KiB */
#define IST_STACK_SIZE    HW_U64(0x4000)  /* 16 KiB each */

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Top of stack slot `which` (0: the kernel stack, 1..: IST stacks) of a CPU. */
static inline uint64_t kernel_stack_top(uint32_t cpu, uint32_t which)
{
	return KERNEL_STACKS_BASE + cpu * KERNEL_STACKS_PER_CPU + (which + 1) * KERNEL_STACK_SLOT;
}

/* The direct-map address of physical memory. */
static inline void *phys_to_virt(uint64_t pa)
{
	return (void *)(uintptr_t)(pa + KERNEL_DIRECT_MAP);
}

/* The physical address behind a direct-map address. */
static inline uint64_t virt_to_phys(const void *va)
{
	return (uint64_t)(uintptr_t)va - KERNEL_DIRECT_MAP;
}

_Static_assert(KERNEL_STACK_SIZE + PAGE_SIZE <= KERNEL_STACK_SLOT, "guard page below the stack");
_Static_assert(KERNEL_DIRECT_MAP + KERNEL_DIRECT_MAP_MAX <= KERNEL_MMIO_BASE, "direct map fits");
#endif

#endif
