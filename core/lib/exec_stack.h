/*
 * The initial stack of a Linux program, as execve leaves it (x86-64
 * psABI 3.4.1, and Linux's fs/binfmt_elf.c for the auxiliary vector):
 * from RSP up, argc, argv[] and NULL, envp[] and NULL, the auxiliary
 * vector ending in AT_NULL, then the strings and the 16 AT_RANDOM bytes
 * near the top. RSP is 16-byte aligned. Pure: the kernel builds it in a
 * kernel buffer that is then copied to the top of the task's stack.
 */
#ifndef CORE_EXEC_STACK_H
#define CORE_EXEC_STACK_H

#include <stdint.h>

/* Auxiliary vector types (include/uapi/linux/auxvec.h). */
#define AT_NULL     0
#define AT_PHDR     3
#define AT_PHENT    4
#define AT_PHNUM    5
#define AT_PAGESZ   6
#define AT_BASE     7
#define AT_FLAGS    8
#define AT_ENTRY    9
#define AT_UID      11
#define AT_EUID     12
#define AT_GID      13
#define AT_EGID     14
#define AT_PLATFORM 15
#define AT_HWCAP    16
#define AT_CLKTCK   17
#define AT_SECURE   23
#define AT_RANDOM   25
#define AT_HWCAP2   26
#define AT_EXECFN   31
#define AT_MINSIGSTKSZ 51

struct exec_args {
	uint32_t argc, envc;
	const char *const *argv, *const *envp;
	const char *execfn;      /* AT_EXECFN: the program's path */
	const char *platform;    /* AT_PLATFORM: "x86_64" */
	uint8_t random[16];      /* AT_RANDOM's bytes */
	uint64_t phdr, phent, phnum, entry, base; /* from the ELF image */
	uint64_t hwcap, hwcap2, clktck;
	uint64_t minsigstksz;    /* AT_MINSIGSTKSZ: one signal frame's bytes on this CPU */
	uint32_t uid, euid, gid, egid;
};

/*
 * Lay the stack out in buf, which stands for the size bytes of user
 * memory just below top (top 16-byte aligned). Returns the user RSP (an
 * address inside [top - size, top)), or 0 when it does not fit.
 */
uint64_t exec_stack_build(uint8_t *buf, uint64_t size, uint64_t top, const struct exec_args *a);

#endif
