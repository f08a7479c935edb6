/* pure: File descriptors and open files (see fdtable.h). */
#include "core/fs/fdtable.h"
#include "core/abi/errno.h"

void fdtable_init(struct fdtable *t)
{
	for (unsigned i = 0; i < FD_MAX; i++)
		t->fd[i] = 0;
	for (unsigned i = 0; i < FD_MAX / 8; i++)
		t->cloexec[i] = 0;
	for (unsigned i = 0; i < FILES_MAX; i++)
		t->file[i] = (struct file){ 0 };
}

int fdtable_cloexec(const struct fdtable *t, uint64_t fd)
{
	return fd < FD_MAX && (t->cloexec[fd / 8] >> (fd % 8)) & 1;
}

void fdtable_set_cloexec(struct fdtable *t, uint64_t fd, int on)
{
	if (fd >= FD_MAX)
		return;
	if (on)
		t->cloexec[fd / 8] |= (uint8_t)(1u << (fd % 8));
	else
		t->cloexec[fd / 8] &= (uint8_t)~(1u << (fd % 8));
}

static int64_t fd_free_from(const struct fdtable *t, uint64_t min)
{
	for (uint64_t fd = min; fd < FD_MAX; fd++)
		if (!t->fd[fd])
			return (int64_t)fd;
	return -EMFILE;
}

/* Point fd at file index i. */
static void fd_bind(struct fdtable *t, uint64_t fd, unsigned i, int cloexec)
{
	t->fd[fd] = (uint8_t)(i + 1);
	t->file[i].refs++;
	fdtable_set_cloexec(t, fd, cloexec);
}

int64_t fdtable_open(struct fdtable *t, uint32_t type, uint32_t flags, uint64_t min,
		     int cloexec, struct file **out)
{
	int64_t fd = fd_free_from(t, min);
	if (fd < 0)
		return fd;
	for (unsigned i = 0; i < FILES_MAX; i++) {
		if (t->file[i].refs)
			continue;
		t->file[i] = (struct file){ .type = (uint16_t)type, .flags = flags };
		fd_bind(t, (uint64_t)fd, i, cloexec);
		*out = &t->file[i];
		return fd;
	}
	return -EMFILE;
}

int64_t fdtable_close(struct fdtable *t, uint64_t fd)
{
	struct file *f = fdtable_get(t, fd);
	if (!f)
		return -EBADF;
	t->fd[fd] = 0;
	fdtable_set_cloexec(t, fd, 0);
	if (--f->refs == 0)
		*f = (struct file){ 0 };
	return 0;
}

int64_t fdtable_dup_min(struct fdtable *t, uint64_t fd, uint64_t min, int cloexec)
{
	if (!fdtable_get(t, fd))
		return -EBADF;
	if (min >= FD_MAX)
		return -EINVAL;
	int64_t to = fd_free_from(t, min);
	if (to < 0)
		return to;
	fd_bind(t, (uint64_t)to, t->fd[fd] - 1u, cloexec);
	return to;
}

int64_t fdtable_dup_to(struct fdtable *t, uint64_t fd, uint64_t to, int cloexec)
{
	if (!fdtable_get(t, fd))
		return -EBADF;
	if (to >= FD_MAX)
		return -EBADF; /* as Linux: past RLIMIT_NOFILE is EBADF for dup2 */
	if (to == fd)
		return (int64_t)to;
	unsigned i = t->fd[fd] - 1u;
	if (t->fd[to])
		fdtable_close(t, to);
	fd_bind(t, to, i, cloexec);
	return (int64_t)to;
}
