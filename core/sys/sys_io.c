/*
 * Reading and writing through descriptors: read, write, readv, writev,
 * pread64, lseek, ioctl. The console (fds 1 and 2) turns what is written
 * into TEXT lines; flat payloads' fd 3 copies and discards (the write
 * benchmarks); the rest goes through core/fs/vfs.c.
 */
#include "core/sys/syscall.h"
#include "core/console/console.h"
#include "core/cpu/this_cpu.h"
#include "core/fs/vfs.h"
#include "core/task/task.h"
#include "core/entry/uaccess.h"
#include "core/entry/user_range.h"

#define WRITE_CHUNK 256 /* bytes copied per step onto the kernel stack */
#define IOV_MAX 1024    /* as Linux's UIO_MAXIOV */

/* Off the discarding path, which the write benchmarks measure. */
static __attribute__((noinline)) void sys_write_text(uint64_t fd, const char *s, uint64_t n)
{
	struct task *t = task_current();
	console_text(&t->out, this_cpu_id(), t->pid, (uint32_t)fd, s, n);
}

/*
 * write and writev's common body: inlined into both, so write costs no
 * extra call. The console and the discarding fd copy here; anything else
 * is vfs_write's.
 */
static inline __attribute__((always_inline)) int64_t write_to(uint64_t fd, uint64_t buf,
								 uint64_t len)
{
	struct task *t = task_current();
	struct file *f = fdtable_get(t->files, fd);
	if (!f)
		return -EBADF;
	if (f->type != FILE_CONSOLE && f->type != FILE_DISCARD)
		return vfs_write(f, buf, len);
	if (!user_range_ok(buf, len))
		return -EFAULT;
	if (len > VFS_STREAM_MAX)
		len = VFS_STREAM_MAX; /* a short write: interrupts wait while this runs */
	char chunk[WRITE_CHUNK];
	uint64_t done = 0;
	while (done < len) {
		uint64_t n = len - done < WRITE_CHUNK ? len - done : WRITE_CHUNK;
		if (copy_from_user(chunk, buf + done, n))
			return done ? (int64_t)done : -EFAULT;
		if (f->type == FILE_CONSOLE)
			sys_write_text(fd, chunk, n);
		done += n;
	}
	return (int64_t)done;
}

int64_t sys_write(const struct trap_frame *f)
{
	return write_to(f->rdi, f->rsi, f->rdx);
}

/* read into buf at the file's offset, and move it. */
static int64_t read_from(uint64_t fd, uint64_t buf, uint64_t len)
{
	struct task *t = task_current();
	struct file *f = fdtable_get(t->files, fd);
	if (!f)
		return -EBADF;
	int64_t r = vfs_read(t, f, buf, len, f->offset);
	if (r > 0)
		f->offset += (uint64_t)r;
	return r;
}

int64_t sys_read(const struct trap_frame *f)
{
	return read_from(f->rdi, f->rsi, f->rdx);
}

/* readv and writev: each buffer in turn, as read or write would; the
 * bytes moved, or the error if nothing was. A short transfer ends it. */
static int64_t vector_io(uint64_t fd, uint64_t iov, uint64_t n, int writing)
{
	uint64_t done = 0;
	struct task *t = task_current();
	struct file *f = fdtable_get(t->files, fd);
	if (n > IOV_MAX)
		return -EINVAL;
	if (!f)
		return -EBADF;
	int bounded = vfs_file_bounded(f);
	for (uint64_t i = 0; i < n; i++) {
		struct abi_iovec v;
		int64_t err = copy_from_user(&v, iov + i * sizeof(v), sizeof(v));
		if (err)
			return done ? (int64_t)done : err;
		int64_t r = writing ? write_to(fd, v.iov_base, v.iov_len)
				    : read_from(fd, v.iov_base, v.iov_len);
		if (r < 0)
			return done ? (int64_t)done : r;
		done += (uint64_t)r;
		if ((uint64_t)r < v.iov_len || (!bounded && done >= VFS_STREAM_MAX))
			break;
	}
	return (int64_t)done;
}

int64_t sys_writev(const struct trap_frame *f)
{
	return vector_io(f->rdi, f->rsi, f->rdx, 1);
}

int64_t sys_readv(const struct trap_frame *f)
{
	return vector_io(f->rdi, f->rsi, f->rdx, 0);
}

/* The console and /dev/tty: a terminal, which has no file position
 * (Linux's no_llseek), so pread64 and lseek on it are -ESPIPE. */
static int file_is_tty(const struct file *file)
{
	return file->type == FILE_CONSOLE ||
	       (file->type == FILE_NODE && vfs_tree()->node[file->node].kind == FSTREE_KIND_TTY);
}

/* pread64: at an offset of its own; the console cannot seek. */
int64_t sys_pread64(const struct trap_frame *f)
{
	struct task *t = task_current();
	struct file *file = fdtable_get(t->files, f->rdi);
	int64_t off = (int64_t)f->r10;
	if (!file)
		return -EBADF;
	if (file_is_tty(file))
		return -ESPIPE;
	if (off < 0)
		return -EINVAL;
	return vfs_read(t, file, f->rsi, f->rdx, (uint64_t)off);
}

/*
 * lseek: files and --stdin as Linux's regular files (past the end is
 * allowed; SEEK_DATA and SEEK_HOLE see no holes); a directory's offset
 * counts entries; devices stay at 0; the console cannot seek.
 */
int64_t sys_lseek(const struct trap_frame *f)
{
	struct task *t = task_current();
	struct file *file = fdtable_get(t->files, f->rdi);
	int64_t off = (int64_t)f->rsi, base;
	if (!file)
		return -EBADF;
	/* Linux checks whence before it asks the file whether it can seek. */
	uint64_t whence = f->rdx;
	if (whence > SEEK_HOLE)
		return -EINVAL;
	if (file_is_tty(file))
		return -ESPIPE;
	if (!vfs_file_bounded(file))
		return 0; /* devices: nothing to move */
	int dir = file->type == FILE_NODE && vfs_tree()->node[file->node].kind == FSTREE_KIND_DIR;
	int64_t size = (int64_t)vfs_file_size(t, file);
	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)file->offset; break;
	case SEEK_END: base = dir ? -1 : size; break;
	default: /* SEEK_DATA, SEEK_HOLE: data everywhere up to the end */
		if (dir || off < 0 || off >= size)
			return dir ? -EINVAL : -ENXIO;
		file->offset = whence == SEEK_DATA ? (uint64_t)off : (uint64_t)size;
		return (int64_t)file->offset;
	}
	if (base < 0 || (off > 0 && base > (int64_t)(~0ULL >> 1) - off) || base + off < 0)
		return -EINVAL;
	file->offset = (uint64_t)(base + off);
	return (int64_t)file->offset;
}

/*
 * ioctl: nothing here is a terminal (docs/abi.md: programs then buffer
 * their output as into a pipe), so TCGETS, TIOCGWINSZ and the rest are
 * -ENOTTY. The generic descriptor requests work on any fd.
 */
int64_t sys_ioctl(const struct trap_frame *f)
{
	struct task *t = task_current();
	struct file *file = fdtable_get(t->files, f->rdi);
	if (!file)
		return -EBADF;
	switch (f->rsi) {
	case FIOCLEX:
	case FIONCLEX:
		fdtable_set_cloexec(t->files, f->rdi, f->rsi == FIOCLEX);
		return 0;
	case FIONBIO: {
		int32_t on;
		if (copy_from_user(&on, f->rdx, sizeof(on)))
			return -EFAULT;
		file->flags = on ? file->flags | O_NONBLOCK : file->flags & ~(uint32_t)O_NONBLOCK;
		return 0;
	}
	default:
		return -ENOTTY;
	}
}
