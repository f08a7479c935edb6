/*
 * syscall_name / syscall_nargs: Linux's names and strace's argument
 * counts by number, and nothing for the numbers Linux leaves unassigned.
 */
#include <stdint.h>
#include "core/abi/abi.h"
#include "core/abi/syscall_names.h"
#include "unit.h"

UNIT_TEST(syscall_names_known)
{
	CHECK_STR(syscall_name(SYS_read), "read");
	CHECK_STR(syscall_name(SYS_openat), "openat");
	CHECK_STR(syscall_name(SYS_clone), "clone");
	CHECK_STR(syscall_name(SYS_newfstatat), "newfstatat");
	CHECK_STR(syscall_name(SYS_pread64), "pread64");
	CHECK_STR(syscall_name(SYS_pidfd_send_signal), "pidfd_send_signal"); /* 424: after the gap */
	CHECK_STR(syscall_name(SYS_set_mempolicy_home_node), "set_mempolicy_home_node");
	CHECK_EQ_I64(syscall_nargs(SYS_read), 3);
	CHECK_EQ_I64(syscall_nargs(SYS_getpid), 0);
	CHECK_EQ_I64(syscall_nargs(SYS_mmap), 6);
	CHECK_EQ_I64(syscall_nargs(SYS_clone), 5);
	CHECK_EQ_I64(syscall_nargs(SYS_exit_group), 1);
	CHECK_EQ_I64(syscall_nargs(SYS_rseq), 4);
	CHECK_EQ_I64(syscall_nargs(SYS_statx), 5);
}

UNIT_TEST(syscall_names_unassigned)
{
	/* 335..423 are unassigned on x86-64 (the 32-bit time64 calls). */
	CHECK(syscall_name(334) != 0);
	CHECK(syscall_name(335) == 0);
	CHECK(syscall_name(423) == 0);
	CHECK_EQ_I64(syscall_nargs(400), -1);
	CHECK(syscall_name(SYS_LINUX_COUNT) == 0);
	CHECK(syscall_name(SYS_ring3_kinfo) == 0); /* ring3's own: not Linux's */
	CHECK(syscall_name(UINT64_MAX) == 0);      /* rax = -1 */
	CHECK_EQ_I64(syscall_nargs(UINT64_MAX), -1);
	CHECK(syscall_name(1ULL << 63) == 0);
}

UNIT_TEST(syscall_names_every_number)
{
	/* Linux 6.1 assigns 362 of 0..450, each at most six arguments. */
	unsigned named = 0;
	for (uint64_t nr = 0; nr < SYS_LINUX_COUNT; nr++) {
		if (!syscall_name(nr))
			continue;
		named++;
		if (!CHECK(syscall_nargs(nr) >= 0 && syscall_nargs(nr) <= 6))
			break;
	}
	CHECK_EQ_U64(named, 362);
}
