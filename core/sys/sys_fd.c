/* Descriptors themselves: close, dup, dup2, dup3, fcntl (core/fs/fdtable.c). */
#include "core/sys/syscall.h"
#include "core/task/task.h"

int64_t sys_close(const struct trap_frame *f)
{
	return fdtable_close(task_current()->files, f->rdi);
}

int64_t sys_dup(const struct trap_frame *f)
{
	return fdtable_dup_min(task_current()->files, f->rdi, 0, 0);
}

int64_t sys_dup2(const struct trap_frame *f)
{
	return fdtable_dup_to(task_current()->files, f->rdi, f->rsi, 0);
}

/* dup3: dup2 that refuses the same fd twice and takes only O_CLOEXEC. */
int64_t sys_dup3(const struct trap_frame *f)
{
	if (f->rdi == f->rsi || (f->rdx & ~(uint64_t)O_CLOEXEC))
		return -EINVAL;
	return fdtable_dup_to(task_current()->files, f->rdi, f->rsi, (f->rdx & O_CLOEXEC) != 0);
}

/* The status flags F_SETFL may change, as on Linux. */
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

/* fcntl: duplication, FD_CLOEXEC, the status flags. Locks are refused
 * (-EINVAL): nothing else could hold one. */
int64_t sys_fcntl(const struct trap_frame *f)
{
	struct fdtable *t = task_current()->files;
	uint64_t fd = f->rdi, arg = f->rdx;
	struct file *file = fdtable_get(t, fd);
	if (!file)
		return -EBADF;
	switch (f->rsi) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		return fdtable_dup_min(t, fd, arg, f->rsi == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return fdtable_cloexec(t, fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		fdtable_set_cloexec(t, fd, (arg & FD_CLOEXEC) != 0);
		return 0;
	case F_GETFL:
		return file->flags;
	case F_SETFL:
		file->flags = (file->flags & ~(uint32_t)SETFL_MASK) | ((uint32_t)arg & SETFL_MASK);
		return 0;
	default:
		return -EINVAL;
	}
}
