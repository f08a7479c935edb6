/*
 * The ring-3 ABI: Linux x86_64 syscall numbers, errno values and structs.
 * Shared verbatim by the kernel and the payloads (docs/abi.md).
 * Pure header.
 */
#ifndef CORE_ABI_H
#define CORE_ABI_H

/* Syscall numbers (Linux x86_64). */
#define SYS_write        1
#define SYS_sched_yield  24
#define SYS_getpid       39
#define SYS_exit         60
#define SYS_uname        63
#define SYS_arch_prctl   158
#define SYS_gettid       186
#define SYS_exit_group   231
#define SYS_getcpu       309
/* Table size: numbers at or above this are -ENOSYS. */
#define SYS_TABLE_SIZE   336

/* errno values (returned negated). */
#define EPERM   1
#define EBADF   9
#define EFAULT  14
#define EINVAL  22
#define ENOSYS  38

/* arch_prctl codes. */
#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/* File descriptors write() accepts. */
#define FD_STDOUT 1 /* serial (and screen) */
#define FD_STDERR 2 /* same as stdout */

/* struct utsname, as Linux lays it out. */
#define UTSNAME_FIELD_LEN 65
#ifndef __ASSEMBLER__
struct utsname {
	char sysname[UTSNAME_FIELD_LEN];
	char nodename[UTSNAME_FIELD_LEN];
	char release[UTSNAME_FIELD_LEN];
	char version[UTSNAME_FIELD_LEN];
	char machine[UTSNAME_FIELD_LEN];
	char domainname[UTSNAME_FIELD_LEN];
};
#endif

#endif
