/*
 * Files as a task sees them: the read-only tree the loader built, the
 * devices in it, the console and --stdin, behind one set of operations
 * the syscalls share (docs/abi.md, "Files"). Kernel mode, in a syscall of
 * the task given.
 */
#ifndef CORE_FS_VFS_H
#define CORE_FS_VFS_H

#include <stdint.h>
#include "core/abi/fs.h"
#include "core/fs/fdtable.h"
#include "core/fs/fstree.h"

struct task;

/*
 * Most bytes one call moves to or from a stream (the console, devices,
 * fd 3): a short transfer, as pipes and terminals give, so that no call
 * keeps its CPU (interrupts off) for long. Files and --stdin end by
 * themselves.
 */
#define VFS_STREAM_MAX 0x100000

/* 1 when f reads from something of bounded size: a file, a directory,
 * --stdin (not a device or the console). */
int vfs_file_bounded(const struct file *f);

/* The tree at "/" (the handoff's), the same for every task. */
const struct fstree *vfs_tree(void);

/* The bytes behind a file node (for /proc/self/exe: the program's file). */
void vfs_node_bytes(const struct task *t, uint32_t node, const uint8_t **data, uint64_t *size);

/*
 * Resolve path (a kernel copy) as the *at() calls do: absolute, or
 * relative to the directory open at dirfd, or to the working directory
 * for AT_FDCWD. 0 with *node set, or -EBADF, -ENOTDIR, -ENOENT, ...
 */
int64_t vfs_lookup_at(struct task *t, int64_t dirfd, const char *path, uint32_t *node);

/* Read up to len bytes at offset off into user memory: the count, or
 * -errno. Does not move the file's offset (the caller does). */
int64_t vfs_read(struct task *t, struct file *f, uint64_t ubuf, uint64_t len, uint64_t off);

/* /dev/zero's and /dev/urandom's bytes (random: getrandom's too) into
 * user memory, at most VFS_STREAM_MAX: the count, or -EFAULT. */
int64_t vfs_generate(uint64_t ubuf, uint64_t len, int random);

/* write(2) on anything but the console (fds 1, 2, /dev/tty opened for
 * writing) and fd 3's discarding file, which write's inlined path
 * handles itself. */
int64_t vfs_write(struct file *f, uint64_t ubuf, uint64_t len);

/* stat of a tree node (follow: /proc/self/exe as the program file it
 * names), or of an open file. */
void vfs_stat_node(const struct task *t, uint32_t node, int follow, struct abi_stat *st);
void vfs_stat_file(const struct task *t, const struct file *f, struct abi_stat *st);

/* The size of what an open file reads from (0 for devices and the console). */
uint64_t vfs_file_size(const struct task *t, const struct file *f);

#endif
