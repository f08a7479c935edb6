/*
 * elf_image_parse on synthetic executables: a good one, then one defect
 * at a time, each refused with its own reason. Files are exact-size heap
 * copies, so ASan catches any read past the end.
 */
#include <stdlib.h>
#include <string.h>
#include "core/abi/abi.h"
#include "core/abi/layout.h"
#include "core/lib/elf.h"
#include "core/lib/elf_image.h"
#include "core/mm/paging.h"
#include "unit.h"

struct efile {
	uint8_t b[0x3000];
	uint64_t len;
	struct elf64_ehdr *eh;
};

static struct elf64_phdr *ph(struct efile *f, unsigned i)
{
	return (struct elf64_phdr *)(f->b + sizeof(struct elf64_ehdr) + i * sizeof(struct elf64_phdr));
}

/* A static executable as ld lays one out: text RX at 0x401000 (entry),
 * data RW with a .bss tail at 0x402000, headers in the first page,
 * PT_GNU_STACK non-executable, PT_TLS. */
static void efile_good(struct efile *f)
{
	memset(f, 0, sizeof(*f));
	f->eh = (struct elf64_ehdr *)f->b;
	memcpy(f->eh->e_ident, "\177ELF", 4);
	f->eh->e_ident[EI_CLASS] = ELFCLASS64;
	f->eh->e_ident[EI_DATA] = ELFDATA2LSB;
	f->eh->e_ident[6] = EV_CURRENT;
	f->eh->e_type = ET_EXEC;
	f->eh->e_machine = EM_X86_64;
	f->eh->e_version = EV_CURRENT;
	f->eh->e_entry = 0x401000;
	f->eh->e_phoff = sizeof(struct elf64_ehdr);
	f->eh->e_ehsize = sizeof(struct elf64_ehdr);
	f->eh->e_phentsize = sizeof(struct elf64_phdr);
	f->eh->e_phnum = 5;
	*ph(f, 0) = (struct elf64_phdr){ PT_LOAD, PF_R, 0, 0x400000, 0x400000, 0x200, 0x200, 0x1000 };
	*ph(f, 1) = (struct elf64_phdr){ PT_LOAD, PF_R | PF_X, 0x1000, 0x401000, 0x401000, 0x100, 0x100, 0x1000 };
	*ph(f, 2) = (struct elf64_phdr){ PT_LOAD, PF_R | PF_W, 0x2000, 0x402000, 0x402000, 0x80, 0x5000, 0x1000 };
	*ph(f, 3) = (struct elf64_phdr){ PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 0, 16 };
	*ph(f, 4) = (struct elf64_phdr){ PT_TLS, PF_R, 0x2000, 0x402000, 0x402000, 0x10, 0x20, 8 };
	f->len = 0x2080;
}

static const char *parse(const struct efile *f, struct elf_image *img)
{
	uint8_t *copy = malloc(f->len ? f->len : 1);
	memcpy(copy, f->b, f->len);
	const char *why = elf_image_parse(copy, f->len, ELF_DYN_BASE, img);
	free(copy);
	return why;
}

static struct elf_image img;

UNIT_TEST(elf_good_static_exec)
{
	struct efile f;
	efile_good(&f);
	CHECK(parse(&f, &img) == NULL);
	CHECK_EQ_U64(img.entry, 0x401000);
	CHECK_EQ_U64(img.bias, 0);
	CHECK_EQ_U64(img.count, 3);
	CHECK_EQ_U64(img.seg[1].prot, PROT_READ | PROT_EXEC);
	CHECK_EQ_U64(img.seg[2].prot, PROT_READ | PROT_WRITE);
	CHECK_EQ_U64(img.seg[2].filesz, 0x80);
	CHECK_EQ_U64(img.seg[2].memsz, 0x5000);
	CHECK_EQ_U64(img.phdr, 0x400040); /* inside the first segment */
	CHECK_EQ_U64(img.phnum, 5);
	CHECK_EQ_U64(img.lo, 0x400000);
	CHECK_EQ_U64(img.hi, 0x407000);
	CHECK(!img.stack_exec);
	CHECK(img.has_tls && img.tls_memsz == 0x20 && img.tls_filesz == 0x10);
}

UNIT_TEST(elf_footprint_counts_pages_and_stack)
{
	struct efile f;
	efile_good(&f);
	CHECK(parse(&f, &img) == NULL);
	/* One page each for headers and text, five for data and .bss, each
	 * with the tables mapping it can add; the stack likewise; two roots. */
	uint64_t stack = ELF_STACK_SIZE / 0x1000;
	CHECK_EQ_U64(elf_image_footprint(&img),
		     (2 + 1 + pt_tables_bound(1) + 1 + pt_tables_bound(1) + 5 + pt_tables_bound(5) +
		      stack + pt_tables_bound(stack)) * 0x1000);
	/* A huge p_memsz that stays in user space parses, and its footprint
	 * says so: the loader refuses it against the memory limit. */
	ph(&f, 2)->p_memsz = 1ULL << 40;
	CHECK(parse(&f, &img) == NULL);
	CHECK(elf_image_footprint(&img) > (1ULL << 40) + (1ULL << 40) / 512);
	/* A PROT_NONE segment commits nothing, unless it holds file bytes. */
	ph(&f, 2)->p_memsz = 0x5000;
	ph(&f, 2)->p_flags = 0;
	CHECK(parse(&f, &img) == NULL);
	CHECK_EQ_U64(elf_image_footprint(&img),
		     (2 + 1 + pt_tables_bound(1) + 1 + pt_tables_bound(1) + 5 + pt_tables_bound(5) +
		      stack + pt_tables_bound(stack)) * 0x1000);
	ph(&f, 2)->p_filesz = 0;
	CHECK(parse(&f, &img) == NULL);
	CHECK_EQ_U64(elf_image_footprint(&img),
		     (2 + 1 + pt_tables_bound(1) + 1 + pt_tables_bound(1) + stack +
		      pt_tables_bound(stack)) * 0x1000);
}

UNIT_TEST(elf_static_pie_at_base)
{
	struct efile f;
	efile_good(&f);
	f.eh->e_type = ET_DYN;
	f.eh->e_entry = 0x1000;
	for (unsigned i = 0; i < 3; i++) {
		ph(&f, i)->p_vaddr -= 0x400000;
		ph(&f, i)->p_paddr -= 0x400000;
	}
	ph(&f, 4)->p_vaddr -= 0x400000;
	CHECK(parse(&f, &img) == NULL);
	CHECK_EQ_U64(img.bias, ELF_DYN_BASE);
	CHECK_EQ_U64(img.entry, ELF_DYN_BASE + 0x1000);
	CHECK_EQ_U64(img.seg[0].vaddr, ELF_DYN_BASE);
	CHECK_EQ_U64(img.phdr, ELF_DYN_BASE + 0x40);
	CHECK_EQ_U64(img.tls_vaddr, ELF_DYN_BASE + 0x2000);
}

UNIT_TEST(elf_flat_binary_is_not_elf)
{
	static const uint8_t flat[] = { 0xb8, 0x3c, 0, 0, 0, 0x0f, 0x05 };
	CHECK(!elf_image_is_elf(flat, sizeof(flat)));
	CHECK(elf_image_is_elf((const uint8_t *)"\177ELF", 4));
	CHECK(!elf_image_is_elf((const uint8_t *)"\177EL", 3));
}

/* Each defect: refused, and the reason mentions what is wrong. */
static void refused(struct efile *f, const char *want, int line)
{
	const char *why = parse(f, &img);
	unit_check(why != NULL, __FILE__, line, "refused");
	if (why)
		unit_check(strstr(why, want) != NULL, __FILE__, line, want);
}
#define REFUSED(f, want) refused(f, want, __LINE__)

UNIT_TEST(elf_refusals)
{
	struct efile f;
	efile_good(&f);
	f.len = 40;
	REFUSED(&f, "truncated");
	efile_good(&f);
	f.eh->e_ident[EI_CLASS] = 1;
	REFUSED(&f, "64-bit");
	efile_good(&f);
	f.eh->e_ident[EI_DATA] = 2;
	REFUSED(&f, "little-endian");
	efile_good(&f);
	f.eh->e_machine = 3; /* i386 */
	REFUSED(&f, "x86-64");
	efile_good(&f);
	f.eh->e_type = 1; /* ET_REL */
	REFUSED(&f, "not an executable");
	efile_good(&f);
	f.eh->e_phnum = 200;
	REFUSED(&f, "program headers reach past");
	efile_good(&f);
	ph(&f, 3)->p_type = PT_INTERP;
	REFUSED(&f, "dynamically linked: build it with -static");
	efile_good(&f);
	ph(&f, 2)->p_filesz = 0x6000;
	REFUSED(&f, "file size is larger than its memory size");
	efile_good(&f);
	ph(&f, 2)->p_filesz = 0x1000; /* past the file's 0x2080 bytes */
	REFUSED(&f, "past the end of the file");
	efile_good(&f);
	ph(&f, 2)->p_vaddr = 0x401800; /* shares the text's page */
	ph(&f, 2)->p_offset = 0x800;
	REFUSED(&f, "overlap");
	efile_good(&f);
	ph(&f, 2)->p_vaddr = 0x7ffffffff000;
	REFUSED(&f, "outside user space");
	efile_good(&f);
	ph(&f, 2)->p_memsz = ~0ULL - 0x1000; /* a huge p_memsz: wraps */
	REFUSED(&f, "outside user space");
	efile_good(&f);
	ph(&f, 0)->p_vaddr = 0x1000;
	REFUSED(&f, "below 64 KiB");
	efile_good(&f);
	ph(&f, 1)->p_vaddr = 0x401200; /* offset 0x1000: not congruent */
	f.eh->e_entry = 0x401200;
	REFUSED(&f, "disagree within a page");
	efile_good(&f);
	ph(&f, 1)->p_align = 0x1800;
	REFUSED(&f, "power of two");
	efile_good(&f);
	for (unsigned i = 0; i < 3; i++)
		ph(&f, i)->p_type = 0; /* PT_NULL */
	REFUSED(&f, "no loadable segment");
	efile_good(&f);
	f.eh->e_entry = 0x402000; /* the data segment */
	REFUSED(&f, "entry point");
	efile_good(&f);
	f.eh->e_phentsize = 32;
	REFUSED(&f, "unknown size");
	efile_good(&f);
	ph(&f, 4)->p_filesz = 0x40;
	REFUSED(&f, "TLS");
}

UNIT_TEST(elf_too_many_segments_and_exec_stack)
{
	struct efile f;
	efile_good(&f);
	/* 17 small PT_LOADs, one page apart. */
	f.eh->e_phnum = 17;
	for (unsigned i = 0; i < 17; i++)
		*ph(&f, i) = (struct elf64_phdr){ PT_LOAD, PF_R | PF_X, 0x1000, 0x500000 + i * 0x2000 + 0x1000,
						   0, 0x10, 0x10, 0x1000 };
	f.eh->e_entry = 0x501000;
	REFUSED(&f, "more loadable segments");
	efile_good(&f);
	ph(&f, 3)->p_flags = PF_R | PF_W | PF_X;
	CHECK(parse(&f, &img) == NULL);
	CHECK(img.stack_exec);
}
