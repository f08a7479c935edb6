/*
 * The read-only file tree programs see at "/": built by the loader from a
 * directory on the ESP before ExitBootServices (docs/boot.md), then only
 * read by the kernel. Nodes refer to each other by index and hold their
 * bytes' address as a number, so the tree means the same to the loader
 * (physical addresses) and to host tests (host pointers). Pure.
 */
#ifndef CORE_FS_FSTREE_H
#define CORE_FS_FSTREE_H

#include <stdint.h>

#define FSTREE_NODES_MAX 4096           /* files and directories, "/" included */
#define FSTREE_NAMES_MAX 0x20000        /* bytes of names, NULs included */
#define FSTREE_BYTES_MAX 0x8000000ULL   /* 128 MiB of file contents in all */
#define FSTREE_NAME_MAX  255            /* bytes in one name, as Linux's NAME_MAX */
#define FSTREE_DEPTH_MAX 16             /* directories below "/" the loader descends */
#define FSTREE_NONE      0              /* "no node" in links: "/" is never anyone's child */

/* What a node is, beyond its st_mode type. */
#define FSTREE_KIND_DIR     0 /* a directory */
#define FSTREE_KIND_FILE    1 /* a regular file: size bytes at data */
#define FSTREE_KIND_NULL    2 /* /dev/null */
#define FSTREE_KIND_ZERO    3 /* /dev/zero */
#define FSTREE_KIND_RANDOM  4 /* /dev/urandom (and /dev/random) */
#define FSTREE_KIND_TTY     5 /* /dev/tty: the console */
#define FSTREE_KIND_EXE     6 /* /proc/self/exe: a link to the running program */

struct fstree_node {
	uint32_t parent;       /* "/" is its own parent */
	uint32_t kind;         /* FSTREE_KIND_* */
	uint32_t mode;         /* st_mode: type and permission bits */
	uint32_t name;         /* offset of its NUL-terminated name in names[] */
	uint32_t first_child;  /* directories: FSTREE_NONE when empty */
	uint32_t next_sibling; /* FSTREE_NONE at the end */
	uint64_t data;         /* files: where the bytes are */
	uint64_t size;         /* files: bytes */
};

struct fstree {
	uint32_t count;        /* nodes in use; node 0 is "/" */
	uint32_t names_used;
	uint64_t bytes;        /* file contents in all */
	struct fstree_node node[FSTREE_NODES_MAX];
	char names[FSTREE_NAMES_MAX];
};

/* An empty tree: "/" alone. */
void fstree_init(struct fstree *t);

/*
 * Add a node under directory parent; the name is len bytes (no '/', not
 * "." or "..", no NUL). Returns its index, or a negative reason:
 * -EEXIST (the name is taken), -ENAMETOOLONG, -EINVAL (a bad name or
 * parent), -ENOSPC (nodes or names full), -EFBIG (FSTREE_BYTES_MAX).
 */
int64_t fstree_add(struct fstree *t, uint32_t parent, const char *name, uint32_t len,
		   uint32_t kind, uint32_t mode, uint64_t data, uint64_t size);

/* Add /dev (null, zero, random, urandom, tty) and /proc/self/exe where
 * the tree has not got them: 0, or fstree_add's error. */
int64_t fstree_add_system(struct fstree *t);

/* The child of dir called name (len bytes), or FSTREE_NONE. */
uint32_t fstree_child(const struct fstree *t, uint32_t dir, const char *name, uint32_t len);

/*
 * Resolve a NUL-terminated path, absolute or relative to cwd, as Linux
 * would on a tree with no symbolic links but /proc/self/exe (which is
 * returned itself, not followed). ".", ".." and repeated '/' are handled;
 * a trailing '/' asks for a directory. 0 with *out set, or -ENOENT,
 * -ENOTDIR, -ENAMETOOLONG.
 */
int64_t fstree_lookup(const struct fstree *t, uint32_t cwd, const char *path, uint32_t *out);

/* The absolute path of a node into buf (size bytes, NUL included):
 * its length, or -ERANGE when it does not fit. */
int64_t fstree_path(const struct fstree *t, uint32_t node, char *buf, uint64_t size);

static inline const char *fstree_name(const struct fstree *t, uint32_t node)
{
	return t->names + t->node[node].name;
}

#endif
