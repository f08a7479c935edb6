/*
 * Thin wrappers around privileged and special instructions. Kernel-side
 * only (never included by pure code or host tests).
 */
#ifndef CORE_CPU_H
#define CORE_CPU_H

#include <stdint.h>

static inline uint64_t cpu_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpu_wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

static inline void cpu_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port));
}

static inline uint8_t cpu_inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t cpu_rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpu_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}

#define CPU_READ_CR(n)                                                   \
	static inline uint64_t cpu_read_cr##n(void)                      \
	{                                                                \
		uint64_t v;                                              \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));        \
		return v;                                                \
	}                                                                \
	static inline void cpu_write_cr##n(uint64_t v)                   \
	{                                                                \
		__asm__ volatile("mov %0, %%cr" #n ::"r"(v) : "memory"); \
	}
CPU_READ_CR(0)
CPU_READ_CR(2)
CPU_READ_CR(3)
CPU_READ_CR(4)
#undef CPU_READ_CR

#define CPU_DEBUG_REG(n)                                                 \
	static inline uint64_t cpu_read_dr##n(void)                      \
	{                                                                \
		uint64_t v;                                              \
		__asm__ volatile("mov %%db" #n ", %0" : "=r"(v));        \
		return v;                                                \
	}                                                                \
	static inline void cpu_write_dr##n(uint64_t v)                   \
	{                                                                \
		__asm__ volatile("mov %0, %%db" #n ::"r"(v));            \
	}
CPU_DEBUG_REG(0)
CPU_DEBUG_REG(1)
CPU_DEBUG_REG(2)
CPU_DEBUG_REG(3)
CPU_DEBUG_REG(6)
CPU_DEBUG_REG(7)
#undef CPU_DEBUG_REG

/* Load LDTR; 0 is the null LDT (any LDT selector then faults). */
static inline void cpu_lldt(uint16_t sel)
{
	__asm__ volatile("lldt %0" ::"r"(sel));
}

static inline uint16_t cpu_sldt(void)
{
	uint16_t sel;
	__asm__ volatile("sldt %0" : "=r"(sel));
	return sel;
}

/* Extended control register n (XCR0: the XSAVE components). Needs
 * CR4.OSXSAVE. */
static inline uint64_t cpu_xgetbv(uint32_t n)
{
	uint32_t lo, hi;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(n));
	return (uint64_t)hi << 32 | lo;
}

static inline void cpu_xsetbv(uint32_t n, uint64_t v)
{
	__asm__ volatile("xsetbv" ::"c"(n), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

struct cpu_dtr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static inline struct cpu_dtr cpu_sgdt(void)
{
	struct cpu_dtr d;
	__asm__ volatile("sgdt %0" : "=m"(d));
	return d;
}

static inline struct cpu_dtr cpu_sidt(void)
{
	struct cpu_dtr d;
	__asm__ volatile("sidt %0" : "=m"(d));
	return d;
}

static inline uint16_t cpu_str(void)
{
	uint16_t tr;
	__asm__ volatile("str %0" : "=r"(tr));
	return tr;
}

static inline void cpu_pause(void)
{
	__asm__ volatile("pause");
}

static inline __attribute__((noreturn)) void cpu_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

#endif
