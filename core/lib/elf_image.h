/*
 * Checking a static x86-64 Linux executable and describing what to map
 * (pure: host-tested, and shared by the loader, which refuses a bad file
 * before ExitBootServices, and the kernel, which maps it).
 *
 * Accepted: ELF64, little-endian, x86-64, ET_EXEC, or ET_DYN without an
 * interpreter (static PIE), loaded at the base the caller gives. Refused,
 * each with its own reason: a file too short for what its headers
 * claim, another class, byte order or machine, another type, an
 * interpreter ("dynamically linked"), no PT_LOAD, more PT_LOADs than
 * ELF_SEGMENTS_MAX, p_filesz > p_memsz, a p_memsz that wraps or leaves
 * user space, segments below USER_MMAP_MIN_ADDR, overlapping segments,
 * p_vaddr and p_offset not congruent modulo the page, a p_align that is
 * not a power of two, an entry point outside every executable segment.
 */
#ifndef CORE_ELF_IMAGE_H
#define CORE_ELF_IMAGE_H

#include <stdint.h>

#define ELF_SEGMENTS_MAX 16
#define ELF_DYN_BASE 0x555555554000ULL /* where a static PIE goes, as Linux without ASLR */

struct elf_segment {
	uint64_t vaddr, memsz;   /* where, in the address space (load bias added) */
	uint64_t offset, filesz; /* what, from the file; the rest up to memsz is zero */
	uint32_t prot;           /* PROT_READ | PROT_WRITE | PROT_EXEC, from p_flags */
};

struct elf_image {
	uint64_t entry;          /* load bias added */
	uint64_t bias;           /* 0 for ET_EXEC, the base for ET_DYN */
	uint64_t phdr;           /* where the program headers are mapped (AT_PHDR), or 0 */
	uint16_t phnum, phent;   /* AT_PHNUM, AT_PHENT */
	uint16_t type;           /* ET_EXEC or ET_DYN */
	uint32_t count;          /* PT_LOAD segments in seg[] */
	struct elf_segment seg[ELF_SEGMENTS_MAX];
	uint64_t lo, hi;         /* page-rounded extent of all segments */
	int stack_exec;          /* PT_GNU_STACK asks for an executable stack */
	int has_tls;             /* PT_TLS: */
	uint64_t tls_vaddr, tls_filesz, tls_memsz, tls_align;
};

/* 1 when the file starts with the ELF magic (a flat binary does not). */
int elf_image_is_elf(const uint8_t *file, uint64_t size);

/* Check file (size bytes) and describe it in out, loaded at dyn_base if
 * it is ET_DYN. NULL, or why it is refused (a constant string). */
const char *elf_image_parse(const uint8_t *file, uint64_t size, uint64_t dyn_base,
			    struct elf_image *out);

/* The most bytes a task can be charged before its first instruction:
 * the pages of its segments (PROT_NONE ones cost none) and of its stack,
 * the most page tables mapping each can add, and the address space's
 * root pages (two: with page-table isolation, a user root too). The
 * loader compares it with the memory limit so a program that cannot fit
 * is refused before ExitBootServices, not when the kernel maps it. */
uint64_t elf_image_footprint(const struct elf_image *img);

#endif
