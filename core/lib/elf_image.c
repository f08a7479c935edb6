/* pure, loader: Checking and describing a static executable (contract in elf_image.h). */
#include "core/lib/elf_image.h"
#include "core/abi/abi.h"
#include "core/abi/layout.h"
#include "core/cpu/hw.h"
#include "core/lib/elf.h"
#include "core/lib/string.h"
#include "core/mm/paging.h"

int elf_image_is_elf(const uint8_t *file, uint64_t size)
{
	return size >= 4 && file[0] == 0x7f && file[1] == 'E' && file[2] == 'L' && file[3] == 'F';
}

static uint64_t page_down(uint64_t a)
{
	return a & ~(PAGE_SIZE - 1);
}

/* The program headers, each read by copy: the file may be unaligned. */
static void phdr_at(const uint8_t *file, const struct elf64_ehdr *eh, unsigned i,
		    struct elf64_phdr *ph)
{
	memcpy(ph, file + eh->e_phoff + (uint64_t)i * sizeof(*ph), sizeof(*ph));
}

static uint32_t prot_of(uint32_t flags)
{
	return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) |
	       (flags & PF_X ? PROT_EXEC : 0);
}

/* One PT_LOAD, checked and added; NULL or why not. */
static const char *load_add(struct elf_image *img, const struct elf64_phdr *ph, uint64_t size)
{
	if (img->count == ELF_SEGMENTS_MAX)
		return "more loadable segments than this loader takes (16)";
	if (ph->p_filesz > ph->p_memsz)
		return "a segment's file size is larger than its memory size";
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		return "truncated: a segment reaches past the end of the file";
	if (ph->p_align & (ph->p_align - 1))
		return "a segment's alignment is not a power of two";
	if ((ph->p_vaddr - ph->p_offset) % PAGE_SIZE)
		return "a segment's address and file offset disagree within a page";
	uint64_t va = ph->p_vaddr + img->bias, end;
	if (va < ph->p_vaddr || __builtin_add_overflow(va, ph->p_memsz, &end) || end > USER_SPACE_END)
		return "a segment reaches outside user space";
	if (va < USER_MMAP_MIN_ADDR)
		return "a segment lies below 64 KiB, where nothing may be mapped";
	/* Page-granular, as they will be mapped: no two may share a page. */
	uint64_t lo = page_down(va), hi = page_down(end + PAGE_SIZE - 1);
	for (uint32_t i = 0; i < img->count; i++) {
		const struct elf_segment *s = &img->seg[i];
		uint64_t slo = page_down(s->vaddr), shi = page_down(s->vaddr + s->memsz + PAGE_SIZE - 1);
		if (lo < shi && slo < hi)
			return "segments overlap";
	}
	img->seg[img->count++] = (struct elf_segment){
		.vaddr = va, .memsz = ph->p_memsz, .offset = ph->p_offset, .filesz = ph->p_filesz,
		.prot = prot_of(ph->p_flags),
	};
	if (img->count == 1 || lo < img->lo)
		img->lo = lo;
	if (hi > img->hi)
		img->hi = hi;
	return 0;
}

const char *elf_image_parse(const uint8_t *file, uint64_t size, uint64_t dyn_base,
			    struct elf_image *img)
{
	struct elf64_ehdr eh;
	memset(img, 0, sizeof(*img));
	if (!elf_image_is_elf(file, size))
		return "not an ELF file";
	if (size < sizeof(eh))
		return "truncated: shorter than an ELF header";
	memcpy(&eh, file, sizeof(eh));
	if (eh.e_ident[EI_CLASS] != ELFCLASS64)
		return "not a 64-bit ELF file";
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return "not a little-endian ELF file";
	if (eh.e_machine != EM_X86_64)
		return "not an x86-64 program";
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
		return "not an executable (an object file or a core dump?)";
	if (eh.e_phentsize != sizeof(struct elf64_phdr))
		return "program headers of an unknown size";
	if (eh.e_phoff > size || (size - eh.e_phoff) / sizeof(struct elf64_phdr) < eh.e_phnum)
		return "truncated: the program headers reach past the end of the file";
	img->type = eh.e_type;
	img->bias = eh.e_type == ET_DYN ? dyn_base : 0;
	img->phnum = eh.e_phnum;
	img->phent = eh.e_phentsize;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		struct elf64_phdr ph;
		phdr_at(file, &eh, i, &ph);
		if (ph.p_type == PT_INTERP)
			return "dynamically linked: build it with -static";
	}
	uint64_t phdr_vaddr = 0;
	int phdr_found = 0;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		struct elf64_phdr ph;
		phdr_at(file, &eh, i, &ph);
		const char *why = 0;
		switch (ph.p_type) {
		case PT_LOAD:
			why = load_add(img, &ph, size);
			/* The headers are mapped if a segment holds their bytes. */
			if (!why && !phdr_found && eh.e_phoff >= ph.p_offset &&
			    eh.e_phoff - ph.p_offset < ph.p_filesz) {
				phdr_vaddr = ph.p_vaddr + (eh.e_phoff - ph.p_offset);
				phdr_found = 1;
			}
			break;
		case PT_PHDR:
			phdr_vaddr = ph.p_vaddr;
			phdr_found = 1;
			break;
		case PT_GNU_STACK:
			img->stack_exec = !!(ph.p_flags & PF_X);
			break;
		case PT_TLS:
			if (ph.p_filesz > ph.p_memsz)
				return "the TLS template's file size is larger than its memory size";
			img->has_tls = 1;
			img->tls_vaddr = ph.p_vaddr + img->bias;
			img->tls_filesz = ph.p_filesz;
			img->tls_memsz = ph.p_memsz;
			img->tls_align = ph.p_align;
			break;
		}
		if (why)
			return why;
	}
	if (!img->count)
		return "no loadable segment";
	img->phdr = phdr_found ? phdr_vaddr + img->bias : 0;
	img->entry = eh.e_entry + img->bias;
	for (uint32_t i = 0; i < img->count; i++) {
		const struct elf_segment *s = &img->seg[i];
		if ((s->prot & PROT_EXEC) && img->entry >= s->vaddr && img->entry - s->vaddr < s->memsz)
			return 0;
	}
	return "the entry point is in no executable segment";
}

/* Pages committed for a mapping of len bytes, tables included:
 * uspace_map's charge, nothing for a PROT_NONE reservation. */
static uint64_t charged_pages(uint64_t len, int committed)
{
	uint64_t pages = committed ? len / PAGE_SIZE : 0;
	return pages + pt_tables_bound(pages);
}

uint64_t elf_image_footprint(const struct elf_image *img)
{
	/* Segments lie below USER_SPACE_END and never share a page, so the
	 * sum stays far below 2^64: no overflow. */
	uint64_t pages = 2 + charged_pages(ELF_STACK_SIZE, 1);
	for (uint32_t i = 0; i < img->count; i++) {
		const struct elf_segment *g = &img->seg[i];
		uint64_t lo = page_down(g->vaddr), hi = page_down(g->vaddr + g->memsz + PAGE_SIZE - 1);
		/* A no-access segment with file bytes holds them: committed. */
		pages += charged_pages(hi - lo, g->prot != PROT_NONE || g->filesz);
	}
	return pages * PAGE_SIZE;
}
