/*
 * Calls that name files: open, openat, the stat family, getdents64,
 * readlink, access, getcwd, chdir. The tree is read-only (docs/abi.md):
 * anything that would change it is -EROFS.
 */
#include "core/sys/syscall.h"
#include "core/entry/uaccess.h"
#include "core/fs/vfs.h"
#include "core/lib/string.h"
#include "core/task/task.h"

/* A path argument into buf (PATH_MAX bytes): 0, or -EFAULT, -ENAMETOOLONG. */
static int64_t path_get(uint64_t upath, char *buf)
{
	int64_t n = copy_string_from_user(buf, upath, PATH_MAX);
	return n < 0 ? n : 0;
}

/* The node a user path names, resolved as the *at() calls do. */
static int64_t node_at(struct task *t, int64_t dirfd, uint64_t upath, uint32_t *node)
{
	char path[PATH_MAX];
	int64_t err = path_get(upath, path);
	return err ?: vfs_lookup_at(t, dirfd, path, node);
}

static uint32_t node_kind(uint32_t node)
{
	return vfs_tree()->node[node].kind;
}

/* O_CREAT found nothing: -EROFS when the directory it would go in is
 * there, else why that directory is not. */
static int64_t create_refused(struct task *t, int64_t dirfd, char *path)
{
	char *slash = 0;
	for (char *p = path; *p; p++)
		if (*p == '/')
			slash = p;
	uint32_t dir;
	int64_t err;
	if (!slash) {
		err = vfs_lookup_at(t, dirfd, ".", &dir);
	} else {
		slash[1] = 0; /* "a/b/name" -> "a/b/" ("/name" -> "/") */
		err = vfs_lookup_at(t, dirfd, path, &dir);
	}
	return err ?: -EROFS;
}

/* The open flags a file keeps for F_GETFL (O_LARGEFILE: always on 64-bit). */
#define OPEN_KEPT (O_ACCMODE | O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME | O_PATH | \
		   O_DIRECTORY | O_NOFOLLOW | O_LARGEFILE | O_DSYNC | O_SYNC)

static int64_t open_at(int64_t dirfd, uint64_t upath, uint64_t flags)
{
	struct task *t = task_current();
	char path[PATH_MAX];
	uint32_t node;
	int64_t err = path_get(upath, path);
	if (err)
		return err;
	if ((flags & O_TMPFILE) == O_TMPFILE)
		return -EROFS;
	err = vfs_lookup_at(t, dirfd, path, &node);
	uint64_t plen = strlen(path);
	if (err == -ENOENT && (flags & O_CREAT))
		return plen && path[plen - 1] == '/' ? -EISDIR : create_refused(t, dirfd, path);
	if (err)
		return err;
	uint32_t kind = node_kind(node);
	uint64_t acc = flags & O_ACCMODE;
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	if (kind == FSTREE_KIND_EXE && (flags & O_NOFOLLOW) && !(flags & O_PATH))
		return -ELOOP;
	if ((flags & O_DIRECTORY) && kind != FSTREE_KIND_DIR)
		return -ENOTDIR;
	if (!(flags & O_PATH)) {
		if (acc == O_ACCMODE)
			return -EINVAL;
		if (kind == FSTREE_KIND_DIR && (acc != O_RDONLY || (flags & O_CREAT)))
			return -EISDIR;
		int changes = acc != O_RDONLY || (flags & O_TRUNC);
		if (changes && (kind == FSTREE_KIND_FILE || kind == FSTREE_KIND_EXE ||
				kind == FSTREE_KIND_DIR))
			return -EROFS;
	}
	/* /dev/tty opened for writing is the console, written as fds 1 and
	 * 2 are; read-only it stays a node that reads as end of file. */
	uint32_t type = kind == FSTREE_KIND_TTY && acc != O_RDONLY && !(flags & O_PATH) ? FILE_CONSOLE
											 : FILE_NODE;
	struct file *f;
	int64_t fd = fdtable_open(t->files, type, (uint32_t)((flags & OPEN_KEPT) | O_LARGEFILE),
				  0, (flags & O_CLOEXEC) != 0, &f);
	if (fd >= 0)
		f->node = node;
	return fd;
}

int64_t sys_open(const struct trap_frame *f)
{
	return open_at(AT_FDCWD, f->rdi, f->rsi);
}

int64_t sys_openat(const struct trap_frame *f)
{
	return open_at((int32_t)f->rdi, f->rsi, f->rdx);
}

/* What stat and statx look at: a path (following /proc/self/exe unless
 * nofollow), or with AT_EMPTY_PATH and "", the fd itself. */
static int64_t stat_at(int64_t dirfd, uint64_t upath, uint64_t flags, struct abi_stat *st)
{
	struct task *t = task_current();
	char path[PATH_MAX];
	uint32_t node;
	if (flags & ~(uint64_t)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT |
				AT_STATX_SYNC_TYPE))
		return -EINVAL;
	int64_t err = path_get(upath, path);
	if (err)
		return err;
	if (!path[0] && (flags & AT_EMPTY_PATH)) {
		if (dirfd == AT_FDCWD) {
			vfs_stat_node(t, t->cwd, 1, st);
			return 0;
		}
		struct file *file = fdtable_get(t->files, (uint64_t)dirfd);
		if (!file)
			return -EBADF;
		vfs_stat_file(t, file, st);
		return 0;
	}
	err = vfs_lookup_at(t, dirfd, path, &node);
	if (err)
		return err;
	vfs_stat_node(t, node, !(flags & AT_SYMLINK_NOFOLLOW), st);
	return 0;
}

static int64_t stat_out(int64_t err, uint64_t ubuf, const struct abi_stat *st)
{
	return err ?: copy_to_user(ubuf, st, sizeof(*st));
}

int64_t sys_stat(const struct trap_frame *f)
{
	struct abi_stat st;
	return stat_out(stat_at(AT_FDCWD, f->rdi, 0, &st), f->rsi, &st);
}

int64_t sys_lstat(const struct trap_frame *f)
{
	struct abi_stat st;
	return stat_out(stat_at(AT_FDCWD, f->rdi, AT_SYMLINK_NOFOLLOW, &st), f->rsi, &st);
}

int64_t sys_newfstatat(const struct trap_frame *f)
{
	struct abi_stat st;
	return stat_out(stat_at((int32_t)f->rdi, f->rsi, f->r10, &st), f->rdx, &st);
}

int64_t sys_fstat(const struct trap_frame *f)
{
	struct task *t = task_current();
	struct file *file = fdtable_get(t->files, f->rdi);
	struct abi_stat st;
	if (!file)
		return -EBADF;
	vfs_stat_file(t, file, &st);
	return copy_to_user(f->rsi, &st, sizeof(st));
}

/* statx(dirfd, path, flags, mask, buf): everything stat knows, whatever
 * the mask asks (as Linux may), with stx_mask saying so. */
int64_t sys_statx(const struct trap_frame *f)
{
	struct abi_stat st;
	int64_t err = stat_at((int32_t)f->rdi, f->rsi, f->rdx, &st);
	if (err)
		return err;
	struct abi_statx x;
	memset(&x, 0, sizeof(x));
	x.stx_mask = STATX_BASIC_STATS;
	x.stx_blksize = (uint32_t)st.st_blksize;
	x.stx_nlink = (uint32_t)st.st_nlink;
	x.stx_mode = (uint16_t)st.st_mode;
	x.stx_ino = st.st_ino;
	x.stx_size = (uint64_t)st.st_size;
	x.stx_blocks = (uint64_t)st.st_blocks;
	x.stx_atime.tv_sec = st.st_atime_sec;
	x.stx_mtime.tv_sec = st.st_mtime_sec;
	x.stx_ctime.tv_sec = st.st_ctime_sec;
	x.stx_rdev_major = (uint32_t)(st.st_rdev >> 8);
	x.stx_rdev_minor = (uint32_t)(st.st_rdev & 0xff);
	x.stx_dev_minor = (uint32_t)st.st_dev;
	return copy_to_user(f->r8, &x, sizeof(x));
}

/*
 * getdents64: "." and "..", then the children in the tree's order; the
 * file's offset counts entries, so lseek(fd, 0, SEEK_SET) starts over.
 */
int64_t sys_getdents64(const struct trap_frame *f)
{
	struct task *t = task_current();
	struct file *file = fdtable_get(t->files, f->rdi);
	uint64_t ubuf = f->rsi, size = f->rdx, done = 0;
	if (!file || (file->flags & O_PATH))
		return -EBADF;
	if (file->type != FILE_NODE || node_kind(file->node) != FSTREE_KIND_DIR)
		return -ENOTDIR;
	const struct fstree *tree = vfs_tree();
	const struct fstree_node *dir = &tree->node[file->node];
	uint32_t child = dir->first_child;
	for (uint64_t i = 2; i < file->offset && child != FSTREE_NONE; i++)
		child = tree->node[child].next_sibling;
	for (;;) {
		uint32_t node;
		const char *name;
		if (file->offset == 0) {
			node = file->node, name = ".";
		} else if (file->offset == 1) {
			node = dir->parent, name = "..";
		} else if (child != FSTREE_NONE) {
			node = child, name = fstree_name(tree, child);
		} else {
			break;
		}
		uint64_t len = strlen(name);
		uint64_t reclen = (__builtin_offsetof(struct abi_dirent64, d_name) + len + 1 + 7) & ~7ULL;
		if (done + reclen > size) {
			if (!done)
				return -EINVAL; /* not even one entry fits */
			break;
		}
		uint8_t rec[__builtin_offsetof(struct abi_dirent64, d_name) + FSTREE_NAME_MAX + 8];
		memset(rec, 0, reclen);
		struct abi_dirent64 *d = (struct abi_dirent64 *)rec;
		uint32_t kind = tree->node[node].kind;
		d->d_ino = node + 1ULL;
		d->d_off = (int64_t)file->offset + 1;
		d->d_reclen = (uint16_t)reclen;
		d->d_type = kind == FSTREE_KIND_DIR ? DT_DIR : kind == FSTREE_KIND_FILE ? DT_REG :
			    kind == FSTREE_KIND_EXE ? DT_LNK : DT_CHR;
		memcpy(d->d_name, name, len + 1);
		if (copy_to_user(ubuf + done, rec, reclen))
			return done ? (int64_t)done : -EFAULT;
		done += reclen;
		if (file->offset++ >= 2)
			child = tree->node[child].next_sibling;
	}
	return (int64_t)done;
}

/* readlink: only /proc/self/exe is a link; it names the program. */
static int64_t readlink_at(int64_t dirfd, uint64_t upath, uint64_t ubuf, int64_t size)
{
	struct task *t = task_current();
	char target[PAYLOAD_NAME_MAX + 2];
	uint32_t node;
	if (size <= 0)
		return -EINVAL;
	int64_t err = node_at(t, dirfd, upath, &node);
	if (err)
		return err;
	if (node_kind(node) != FSTREE_KIND_EXE)
		return -EINVAL;
	int64_t n = task_exe_path(t, target, sizeof(target));
	if (n > size)
		n = size; /* cut short, no NUL: as readlink does */
	return copy_to_user(ubuf, target, (uint64_t)n) ?: n;
}

int64_t sys_readlink(const struct trap_frame *f)
{
	return readlink_at(AT_FDCWD, f->rdi, f->rsi, (int64_t)f->rdx);
}

int64_t sys_readlinkat(const struct trap_frame *f)
{
	return readlink_at((int32_t)f->rdi, f->rsi, f->rdx, (int64_t)f->r10);
}

/* access: everyone may read; files are executable (docs/abi.md), devices
 * writable; nothing in the read-only tree is (-EROFS). */
static int64_t access_at(int64_t dirfd, uint64_t upath, uint64_t mode, uint64_t flags)
{
	struct task *t = task_current();
	uint32_t node;
	if (mode & ~(uint64_t)(R_OK | W_OK | X_OK) ||
	    (flags & ~(uint64_t)(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)))
		return -EINVAL;
	int64_t err = node_at(t, dirfd, upath, &node);
	if (err)
		return err;
	uint32_t kind = node_kind(node);
	int in_tree = kind == FSTREE_KIND_FILE || kind == FSTREE_KIND_DIR || kind == FSTREE_KIND_EXE;
	if ((mode & W_OK) && in_tree)
		return -EROFS;
	if ((mode & X_OK) && !in_tree)
		return -EACCES;
	return 0;
}

int64_t sys_access(const struct trap_frame *f)
{
	return access_at(AT_FDCWD, f->rdi, f->rsi, 0);
}

int64_t sys_faccessat(const struct trap_frame *f)
{
	return access_at((int32_t)f->rdi, f->rsi, f->rdx, 0);
}

int64_t sys_faccessat2(const struct trap_frame *f)
{
	return access_at((int32_t)f->rdi, f->rsi, f->rdx, f->r10);
}

/* getcwd: the length with its NUL, as the system call (not libc) returns. */
int64_t sys_getcwd(const struct trap_frame *f)
{
	struct task *t = task_current();
	char path[PATH_MAX];
	uint64_t size = f->rsi < PATH_MAX ? f->rsi : PATH_MAX;
	int64_t n = fstree_path(vfs_tree(), t->cwd, path, size);
	if (n < 0)
		return n;
	return copy_to_user(f->rdi, path, (uint64_t)n + 1) ?: n + 1;
}

static int64_t cwd_set(struct task *t, uint32_t node)
{
	if (node_kind(node) != FSTREE_KIND_DIR)
		return -ENOTDIR;
	t->cwd = node;
	return 0;
}

int64_t sys_chdir(const struct trap_frame *f)
{
	struct task *t = task_current();
	uint32_t node;
	return node_at(t, AT_FDCWD, f->rdi, &node) ?: cwd_set(t, node);
}

int64_t sys_fchdir(const struct trap_frame *f)
{
	struct task *t = task_current();
	struct file *file = fdtable_get(t->files, f->rdi);
	if (!file)
		return -EBADF;
	if (file->type != FILE_NODE)
		return -ENOTDIR;
	return cwd_set(t, file->node);
}
