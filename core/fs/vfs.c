/* Files as a task sees them (contract in vfs.h). */
#include "core/fs/vfs.h"
#include "core/abi/abi.h"
#include "core/boot/handoff.h"
#include "core/cpu/random.h"
#include "core/entry/uaccess.h"
#include "core/entry/user_range.h"
#include "core/mm/kernel_layout.h"
#include "core/task/task.h"

/* Device numbers, as Linux assigns them (major << 8 | minor). */
#define DEV_MEM_NULL    0x0103 /* /dev/null */
#define DEV_MEM_ZERO    0x0105 /* /dev/zero */
#define DEV_MEM_URANDOM 0x0109 /* /dev/urandom */
#define DEV_TTY         0x0500 /* /dev/tty */
#define DEV_CONSOLE     0x0501 /* /dev/console: what fds 1 and 2 are */
#define DEV_TREE        0x0001 /* st_dev of the tree's files */
#define DEV_STDIN       0x0002 /* st_dev of --stdin's file */
#define STAT_BLKSIZE    4096   /* st_blksize: stdio's buffer size */

const struct fstree *vfs_tree(void)
{
	return phys_to_virt(boot_handoff->fstree);
}

void vfs_node_bytes(const struct task *t, uint32_t node, const uint8_t **data, uint64_t *size)
{
	const struct fstree_node *n = &vfs_tree()->node[node];
	if (n->kind == FSTREE_KIND_EXE) {
		*data = phys_to_virt(t->payload->data);
		*size = t->payload->size;
	} else if (n->kind == FSTREE_KIND_FILE) {
		*data = phys_to_virt(n->data);
		*size = n->size;
	} else {
		*data = 0;
		*size = 0;
	}
}

int64_t vfs_lookup_at(struct task *t, int64_t dirfd, const char *path, uint32_t *node)
{
	uint32_t at = t->cwd;
	if (path[0] != '/' && dirfd != AT_FDCWD) {
		struct file *d = fdtable_get(t->files, (uint64_t)dirfd);
		if (!d)
			return -EBADF;
		if (d->type != FILE_NODE || vfs_tree()->node[d->node].kind != FSTREE_KIND_DIR)
			return -ENOTDIR;
		at = d->node;
	}
	return fstree_lookup(vfs_tree(), at, path, node);
}

/* Copy n bytes of a kernel buffer out at off, as much as there is. */
static int64_t read_bytes(const uint8_t *data, uint64_t size, uint64_t ubuf, uint64_t len,
			  uint64_t off)
{
	if (off >= size)
		return 0;
	uint64_t n = size - off < len ? size - off : len;
	return copy_to_user(ubuf, data + off, n) ?: (int64_t)n;
}

int vfs_file_bounded(const struct file *f)
{
	if (f->type == FILE_STDIN)
		return 1;
	if (f->type != FILE_NODE)
		return 0;
	uint32_t kind = vfs_tree()->node[f->node].kind;
	return kind == FSTREE_KIND_FILE || kind == FSTREE_KIND_EXE || kind == FSTREE_KIND_DIR;
}

int64_t vfs_generate(uint64_t ubuf, uint64_t len, int random)
{
	uint8_t chunk[256];
	uint64_t done = 0;
	if (len > VFS_STREAM_MAX)
		len = VFS_STREAM_MAX;
	/* Zeros straight into the buffer, a page at a time (as Linux's), so
	 * a fault in a later page returns what was done before it. */
	while (!random && done < len) {
		uint64_t at = ubuf + done, n = PAGE_SIZE - (at & (PAGE_SIZE - 1));
		if (n > len - done)
			n = len - done;
		if (clear_user(at, n))
			return done ? (int64_t)done : -EFAULT;
		done += n;
	}
	while (done < len) {
		uint64_t n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
		random_bytes(chunk, n);
		if (copy_to_user(ubuf + done, chunk, n))
			return done ? (int64_t)done : -EFAULT;
		done += n;
	}
	return (int64_t)done;
}

int64_t vfs_read(struct task *t, struct file *f, uint64_t ubuf, uint64_t len, uint64_t off)
{
	if ((f->flags & O_ACCMODE) == O_WRONLY || (f->flags & O_PATH))
		return -EBADF;
	if (!user_range_ok(ubuf, len))
		return -EFAULT;
	if (f->type == FILE_STDIN)
		return read_bytes(phys_to_virt(boot_handoff->stdin_data), boot_handoff->stdin_size,
				  ubuf, len, off);
	if (f->type != FILE_NODE)
		return 0; /* the console has no input: end of file at once */
	const uint8_t *data;
	uint64_t size;
	switch (vfs_tree()->node[f->node].kind) {
	case FSTREE_KIND_DIR:
		return -EISDIR;
	case FSTREE_KIND_ZERO:
		return vfs_generate(ubuf, len, 0);
	case FSTREE_KIND_RANDOM:
		return vfs_generate(ubuf, len, 1);
	case FSTREE_KIND_FILE:
	case FSTREE_KIND_EXE:
		vfs_node_bytes(t, f->node, &data, &size);
		return read_bytes(data, size, ubuf, len, off);
	default:
		return 0; /* /dev/null, /dev/tty */
	}
}

int64_t vfs_write(struct file *f, uint64_t ubuf, uint64_t len)
{
	if ((f->flags & O_ACCMODE) == O_RDONLY || (f->flags & O_PATH))
		return -EBADF;
	if (!user_range_ok(ubuf, len))
		return -EFAULT;
	if (f->type != FILE_NODE)
		return -EBADF;
	switch (vfs_tree()->node[f->node].kind) {
	case FSTREE_KIND_NULL:
	case FSTREE_KIND_ZERO:
	case FSTREE_KIND_RANDOM:
		return (int64_t)len; /* taken and dropped, unread, as Linux does */
	default:
		return -EBADF; /* never open for writing: the tree is read-only */
	}
}

/* The times every file shows: the moment the firmware's clock was read. */
static void stat_times(struct abi_stat *st)
{
	int64_t when = boot_handoff->rtc_valid ? boot_handoff->rtc_unix : 0;
	st->st_atime_sec = st->st_mtime_sec = st->st_ctime_sec = when;
}

static void stat_device(struct abi_stat *st, uint32_t mode, uint64_t rdev, uint64_t ino)
{
	*st = (struct abi_stat){ .st_dev = DEV_TREE, .st_ino = ino, .st_nlink = 1,
				 .st_mode = mode, .st_rdev = rdev, .st_blksize = STAT_BLKSIZE };
	stat_times(st);
}

void vfs_stat_node(const struct task *t, uint32_t node, int follow, struct abi_stat *st)
{
	const struct fstree *tree = vfs_tree();
	const struct fstree_node *n = &tree->node[node];
	uint64_t ino = node + 1ULL; /* 0 means "no inode" to some programs */
	static const uint16_t rdev[] = {
		[FSTREE_KIND_NULL] = DEV_MEM_NULL, [FSTREE_KIND_ZERO] = DEV_MEM_ZERO,
		[FSTREE_KIND_RANDOM] = DEV_MEM_URANDOM, [FSTREE_KIND_TTY] = DEV_TTY,
	};
	switch (n->kind) {
	case FSTREE_KIND_NULL:
	case FSTREE_KIND_ZERO:
	case FSTREE_KIND_RANDOM:
	case FSTREE_KIND_TTY:
		stat_device(st, n->mode, rdev[n->kind], ino);
		return;
	default:
		break;
	}
	const uint8_t *data;
	uint64_t size;
	vfs_node_bytes(t, node, &data, &size);
	stat_device(st, n->mode, 0, ino);
	if (n->kind == FSTREE_KIND_EXE) {
		char path[PAYLOAD_NAME_MAX + 2];
		if (follow)
			st->st_mode = S_IFREG | 0555;
		else
			size = (uint64_t)task_exe_path(t, path, sizeof(path));
	}
	if (n->kind == FSTREE_KIND_DIR) {
		/* "." and "..", and each subdirectory's "..". */
		st->st_nlink = 2;
		for (uint32_t c = n->first_child; c != FSTREE_NONE; c = tree->node[c].next_sibling)
			st->st_nlink += tree->node[c].kind == FSTREE_KIND_DIR;
		size = STAT_BLKSIZE;
	}
	st->st_size = (int64_t)size;
	st->st_blocks = (int64_t)((size + 511) / 512);
}

void vfs_stat_file(const struct task *t, const struct file *f, struct abi_stat *st)
{
	switch (f->type) {
	case FILE_NODE:
		vfs_stat_node(t, f->node, 1, st);
		return;
	case FILE_STDIN:
		stat_device(st, S_IFREG | 0444, 0, 1);
		st->st_dev = DEV_STDIN;
		st->st_size = (int64_t)boot_handoff->stdin_size;
		st->st_blocks = (st->st_size + 511) / 512;
		return;
	case FILE_DISCARD:
		stat_device(st, S_IFCHR | 0666, DEV_MEM_NULL, 0);
		return;
	default: /* the console: fds 1 and 2, or /dev/tty (its node) */
		if (f->node)
			vfs_stat_node(t, f->node, 1, st);
		else
			stat_device(st, S_IFCHR | 0620, DEV_CONSOLE, 0);
		return;
	}
}

uint64_t vfs_file_size(const struct task *t, const struct file *f)
{
	if (f->type == FILE_STDIN)
		return boot_handoff->stdin_size;
	if (f->type != FILE_NODE)
		return 0;
	const uint8_t *data;
	uint64_t size;
	vfs_node_bytes(t, f->node, &data, &size);
	return size;
}
