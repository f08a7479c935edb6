/*
 * A task's file descriptors and the open files behind them, as Linux
 * keeps them: descriptors are small numbers, lowest free first; dup'ed
 * descriptors share one open file (its offset and status flags);
 * FD_CLOEXEC belongs to the descriptor. Everything lives in one page per
 * task, so a task has at most FD_MAX descriptors (its RLIMIT_NOFILE) and
 * FILES_MAX open files. Pure.
 */
#ifndef CORE_FS_FDTABLE_H
#define CORE_FS_FDTABLE_H

#include <stdint.h>

#define FD_MAX    256 /* descriptors 0..255: RLIMIT_NOFILE */
#define FILES_MAX 64  /* open files a task holds at once */

/* What an open file reads from and writes to. */
#define FILE_FREE    0
#define FILE_NODE    1 /* a node of the file tree: file, directory or device */
#define FILE_CONSOLE 2 /* writes become TEXT lines (fds 1, 2, /dev/tty) */
#define FILE_STDIN   3 /* --stdin's bytes, or nothing */
#define FILE_DISCARD 4 /* flat payloads' fd 3: copies what is written, drops it */

struct file {
	uint16_t refs;   /* descriptors sharing it; 0: free */
	uint16_t type;   /* FILE_* */
	uint32_t flags;  /* open flags kept for F_GETFL: access mode, O_APPEND, ... */
	uint32_t node;   /* FILE_NODE: the tree node */
	uint32_t pad;
	uint64_t offset; /* read position; getdents64: the next entry's index */
};

struct fdtable {
	uint8_t fd[FD_MAX];              /* 0: closed; else 1 + its index in file[] */
	uint8_t cloexec[FD_MAX / 8];     /* FD_CLOEXEC, one bit per descriptor */
	struct file file[FILES_MAX];
};

/* Every descriptor closed. */
void fdtable_init(struct fdtable *t);

/* The open file behind fd, or 0 when fd is not open. Inline: write's
 * path, which the benchmarks measure, goes through it. */
static inline struct file *fdtable_get(struct fdtable *t, uint64_t fd)
{
	if (fd >= FD_MAX || !t->fd[fd])
		return 0;
	return &t->file[t->fd[fd] - 1];
}

/*
 * Open a new file at the lowest free descriptor >= min: the descriptor,
 * or -EMFILE (no descriptor or no open file left). *out is the new file,
 * zeroed but for refs, type and flags.
 */
int64_t fdtable_open(struct fdtable *t, uint32_t type, uint32_t flags, uint64_t min,
		     int cloexec, struct file **out);

/* Close fd: 0, or -EBADF. The open file goes with its last descriptor. */
int64_t fdtable_close(struct fdtable *t, uint64_t fd);

/*
 * Another descriptor for fd's open file: the lowest free one >= min
 * (dup, F_DUPFD), or exactly to (dup2, dup3: to is closed first; to ==
 * fd is left alone). Returns the new descriptor, or -EBADF, -EINVAL
 * (min or to out of range), -EMFILE.
 */
int64_t fdtable_dup_min(struct fdtable *t, uint64_t fd, uint64_t min, int cloexec);
int64_t fdtable_dup_to(struct fdtable *t, uint64_t fd, uint64_t to, int cloexec);

int fdtable_cloexec(const struct fdtable *t, uint64_t fd);
void fdtable_set_cloexec(struct fdtable *t, uint64_t fd, int on);

#endif
