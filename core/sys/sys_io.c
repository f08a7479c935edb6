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

static inline __attribute__((always_inline)) int64_t write_to(uint64_t fd, uint64_t buf,
								 uint64_t len);

int64_t sys_write(const struct trap_frame *f)
{
	return write_to(f->rdi, f->rsi, f->rdx);
}

#define IOV_MAX 1024 /* as Linux's UIO_MAXIOV */

/* writev: each buffer in turn, as write would; the bytes written, or the
 * error if nothing was. */
int64_t sys_writev(const struct trap_frame *f)
{
	uint64_t fd = f->rdi, iov = f->rsi, n = f->rdx, done = 0;
	if (n > IOV_MAX)
		return -EINVAL;
	if (fd != FD_STDOUT && fd != FD_STDERR && fd != FD_DISCARD)
		return -EBADF;
	for (uint64_t i = 0; i < n; i++) {
		struct abi_iovec v;
		int64_t err = copy_from_user(&v, iov + i * sizeof(v), sizeof(v));
		if (err)
			return done ? (int64_t)done : err;
		int64_t r = write_to(fd, v.iov_base, v.iov_len);
		if (r < 0)
			return done ? (int64_t)done : r;
		done += (uint64_t)r;
	}
	return (int64_t)done;
}

/* The console is not a terminal (no TCGETS, no window size): programs
 * then buffer their output fully, as they would into a pipe. */
int64_t sys_ioctl(const struct trap_frame *f)
{
	uint64_t fd = f->rdi;
	return fd <= FD_STDERR ? -ENOTTY : -EBADF;
}

/* write and writev's common body: inlined into both, so write costs no
 * extra call. */
static inline __attribute__((always_inline)) int64_t write_to(uint64_t fd, uint64_t buf,
								 uint64_t len)
{
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
