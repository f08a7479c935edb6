/* ELF64 file structures (System V gABI, x86-64 psABI), as far as loading
 * a static executable needs them. Pure header. */
#ifndef CORE_LIB_ELF_H
#define CORE_LIB_ELF_H

#include <stdint.h>

#define ELF_MAGIC      0x464C457F /* "\x7fELF", little-endian */
#define ELFCLASS64     2          /* e_ident[EI_CLASS]: 64-bit objects */
#define ELFDATA2LSB    1          /* e_ident[EI_DATA]: little-endian */
#define EI_CLASS       4
#define EI_DATA        5
#define EV_CURRENT     1          /* e_version */
#define ET_EXEC        2          /* e_type: executable at fixed addresses */
#define ET_DYN         3          /* e_type: position independent (a static PIE here) */
#define EM_X86_64      62         /* e_machine: AMD x86-64 */
#define PT_LOAD        1          /* p_type: a loadable segment */
#define PT_INTERP      3          /* p_type: the dynamic linker to run */
#define PT_PHDR        6          /* p_type: the program headers themselves */
#define PT_TLS         7          /* p_type: the thread-local storage template */
#define PT_GNU_STACK   0x6474e551 /* p_type: the stack's rights (PF_X: executable) */
#define PF_X           1          /* p_flags: executable */
#define PF_W           2          /* p_flags: writable */
#define PF_R           4          /* p_flags: readable */

struct elf64_ehdr {
	uint8_t e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 header");
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 program header");

#endif
