/*
 * arch_prctl: the user's FS and GS bases. While the kernel runs, the
 * user's GS base sits in KERNEL_GS_BASE (SWAPGS exchanged it), so that is
 * the MSR read and written for ARCH_*_GS. The kernel itself never uses FS
 * and reaches its own data through GS only after its SWAPGS.
 */
#include "core/sys/syscall.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/entry/uaccess.h"
#include "core/entry/user_range.h"

int64_t sys_arch_prctl(const struct trap_frame *f)
{
	uint64_t code = f->rdi, addr = f->rsi, v;
	switch (code) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		/* A non-canonical base would make WRMSR #GP in the kernel; a
		 * kernel address is refused like Linux refuses it. */
		if (addr >= USER_SPACE_END)
			return -EPERM;
		cpu_wrmsr(code == ARCH_SET_FS ? MSR_FS_BASE : MSR_KERNEL_GS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
	case ARCH_GET_GS:
		v = cpu_rdmsr(code == ARCH_GET_FS ? MSR_FS_BASE : MSR_KERNEL_GS_BASE);
		return copy_to_user(addr, &v, sizeof(v));
	}
	return -EINVAL;
}
