/* write(2): fds 1 and 2 go to the console as TEXT lines; fd 3 copies and discards. */
#include "core/sys/syscall.h"
#include "core/console/console.h"
#include "core/cpu/this_cpu.h"
#include "core/task/task.h"
#include "core/entry/uaccess.h"
#include "core/entry/user_range.h"

#define WRITE_CHUNK 256 /* bytes copied per step onto the kernel stack */

/* Off the discarding path, which the write benchmarks measure. */
static __attribute__((noinline)) void sys_write_text(uint64_t fd, const char *s, uint64_t n)
{
	struct task *t = task_current();
	console_text(&t->out, this_cpu_id(), t->pid, (uint32_t)fd, s, n);
}

int64_t sys_write(const struct trap_frame *f)
{
	uint64_t fd = f->rdi, buf = f->rsi, len = f->rdx;
	if (fd != FD_STDOUT && fd != FD_STDERR && fd != FD_DISCARD)
		return -EBADF;
	if (!user_range_ok(buf, len))
		return -EFAULT;
	char chunk[WRITE_CHUNK];
	uint64_t done = 0;
	while (done < len) {
		uint64_t n = len - done < WRITE_CHUNK ? len - done : WRITE_CHUNK;
		if (copy_from_user(chunk, buf + done, n))
			return done ? (int64_t)done : -EFAULT;
		if (fd != FD_DISCARD)
			sys_write_text(fd, chunk, n);
		done += n;
	}
	return (int64_t)done;
}
