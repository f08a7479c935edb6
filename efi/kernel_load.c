/*
 * The kernel ELF (core/, embedded by kernel_blob.S) into pages of its
 * own: each PT_LOAD segment at its offset from the lowest one, the rest
 * of each segment (.bss) zeroed. The page rights come from p_flags.
 */
#include <efi.h>
#include <efilib.h>
#include "efi/efi_app.h"
#include "efi/kmem.h"
#include "core/cpu/hw.h"
#include "core/lib/elf.h"
#include "core/mm/kernel_layout.h"

extern const uint8_t kernel_elf_start[], kernel_elf_end[];

#define KERNEL_SEGMENTS_MAX (sizeof(((struct kernel_image *)0)->segments) / \
			     sizeof(((struct kernel_image *)0)->segments[0]))

EFI_STATUS kernel_load(struct kernel_image *k, CHAR16 *why, UINTN why_len)
{
	const uint8_t *file = kernel_elf_start;
	uint64_t size = (uint64_t)(kernel_elf_end - kernel_elf_start);
	const struct elf64_ehdr *eh = (const void *)file;
	*k = (struct kernel_image){ 0 };
	if (size < sizeof(*eh) || *(const uint32_t *)eh->e_ident != ELF_MAGIC ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_type != ET_EXEC || eh->e_machine != EM_X86_64 ||
	    eh->e_phentsize != sizeof(struct elf64_phdr) ||
	    eh->e_phoff > size || (size - eh->e_phoff) / sizeof(struct elf64_phdr) < eh->e_phnum) {
		SPrint(why, why_len, L"embedded kernel: not an x86-64 ELF executable");
		return EFI_LOAD_ERROR;
	}
	const struct elf64_phdr *ph = (const void *)(file + eh->e_phoff);
	uint64_t lo = ~0ULL, hi = 0;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		uint64_t end = ph[i].p_vaddr + ph[i].p_memsz;
		if (k->segment_count == KERNEL_SEGMENTS_MAX || (ph[i].p_vaddr & (PAGE_SIZE - 1)) ||
		    ph[i].p_vaddr < KERNEL_IMAGE_BASE || end < ph[i].p_vaddr ||
		    ph[i].p_filesz > ph[i].p_memsz || ph[i].p_offset > size ||
		    size - ph[i].p_offset < ph[i].p_filesz) {
			SPrint(why, why_len, L"embedded kernel: bad segment %d", i);
			return EFI_LOAD_ERROR;
		}
		k->segments[k->segment_count++] = (struct kernel_segment){
			.vaddr = ph[i].p_vaddr,
			.size = (ph[i].p_memsz + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1),
			.flags = ((ph[i].p_flags & PF_W) ? PTE_W : 0) |
				 ((ph[i].p_flags & PF_X) ? 0 : PTE_NX),
		};
		lo = ph[i].p_vaddr < lo ? ph[i].p_vaddr : lo;
		hi = end > hi ? end : hi;
	}
	if (!k->segment_count) {
		SPrint(why, why_len, L"embedded kernel: no PT_LOAD segment");
		return EFI_LOAD_ERROR;
	}
	k->pages = (hi - lo + PAGE_SIZE - 1) / PAGE_SIZE;
	EFI_STATUS st = kmem_alloc(k->pages * PAGE_SIZE, &k->phys);
	if (EFI_ERROR(st)) {
		SPrint(why, why_len, L"no memory for the kernel image (%r)", st);
		return st;
	}
	uefi_call_wrapper(BS->SetMem, 3, (void *)(uintptr_t)k->phys, k->pages * PAGE_SIZE, 0);
	unsigned s = 0;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		k->segments[s].phys = k->phys + (ph[i].p_vaddr - lo);
		uefi_call_wrapper(BS->CopyMem, 3, (void *)(uintptr_t)k->segments[s].phys,
				  (void *)(file + ph[i].p_offset), ph[i].p_filesz);
		s++;
	}
	k->entry = eh->e_entry;
	return EFI_SUCCESS;
}
