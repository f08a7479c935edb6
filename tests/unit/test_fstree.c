/*
 * The file tree as the loader builds it and the kernel walks it: names,
 * paths with ".", ".." and repeated slashes, the limits, and the system
 * nodes (/dev, /proc/self/exe) that never hide a file of the tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/abi/errno.h"
#include "core/abi/fs.h"
#include "core/fs/fstree.h"
#include "unit.h"

static struct fstree *tree_new(void)
{
	struct fstree *t = calloc(1, sizeof(*t));
	fstree_init(t);
	return t;
}

static int64_t add(struct fstree *t, uint32_t parent, const char *name, uint32_t kind)
{
	uint32_t mode = kind == FSTREE_KIND_DIR ? S_IFDIR | 0555 : S_IFREG | 0444;
	return fstree_add(t, parent, name, (uint32_t)strlen(name), kind, mode, 0x1000, 5);
}

static int64_t find(const struct fstree *t, uint32_t cwd, const char *path)
{
	uint32_t n = 0xdead;
	int64_t r = fstree_lookup(t, cwd, path, &n);
	return r ? r : (int64_t)n;
}

UNIT_TEST(fstree_lookup_paths)
{
	struct fstree *t = tree_new();
	int64_t etc = add(t, 0, "etc", FSTREE_KIND_DIR);
	int64_t passwd = add(t, (uint32_t)etc, "passwd", FSTREE_KIND_FILE);
	int64_t bin = add(t, 0, "bin", FSTREE_KIND_DIR);
	CHECK(etc > 0 && passwd > 0 && bin > 0);
	CHECK_EQ_I64(find(t, 0, "/"), 0);
	CHECK_EQ_I64(find(t, 0, "/etc/passwd"), passwd);
	CHECK_EQ_I64(find(t, 0, "//etc///passwd"), passwd);
	CHECK_EQ_I64(find(t, 0, "/etc/./passwd"), passwd);
	CHECK_EQ_I64(find(t, 0, "/bin/../etc/passwd"), passwd);
	CHECK_EQ_I64(find(t, 0, "/../../etc"), etc); /* ".." of "/" is "/" */
	CHECK_EQ_I64(find(t, (uint32_t)etc, "passwd"), passwd);
	CHECK_EQ_I64(find(t, (uint32_t)etc, "."), etc);
	CHECK_EQ_I64(find(t, (uint32_t)etc, ".."), 0);
	CHECK_EQ_I64(find(t, 0, "/etc/"), etc);
	CHECK_EQ_I64(find(t, 0, "/etc/passwd/"), -ENOTDIR);
	CHECK_EQ_I64(find(t, 0, "/etc/passwd/x"), -ENOTDIR);
	CHECK_EQ_I64(find(t, 0, "/etc/shadow"), -ENOENT);
	CHECK_EQ_I64(find(t, 0, "/ETC/passwd"), -ENOENT); /* case matters, as on Linux */
	CHECK_EQ_I64(find(t, 0, ""), -ENOENT);
	char longname[300];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	CHECK_EQ_I64(find(t, 0, longname), -ENAMETOOLONG);
	free(t);
}

UNIT_TEST(fstree_add_refuses)
{
	struct fstree *t = tree_new();
	int64_t f = add(t, 0, "f", FSTREE_KIND_FILE);
	CHECK(f > 0);
	CHECK_EQ_I64(add(t, 0, "f", FSTREE_KIND_FILE), -EEXIST);
	CHECK_EQ_I64(add(t, 0, ".", FSTREE_KIND_DIR), -EINVAL);
	CHECK_EQ_I64(add(t, 0, "..", FSTREE_KIND_DIR), -EINVAL);
	CHECK_EQ_I64(add(t, 0, "a/b", FSTREE_KIND_FILE), -EINVAL);
	CHECK_EQ_I64(add(t, (uint32_t)f, "x", FSTREE_KIND_FILE), -EINVAL); /* a file is no parent */
	CHECK_EQ_I64(add(t, 999, "x", FSTREE_KIND_FILE), -EINVAL);
	CHECK_EQ_I64(fstree_add(t, 0, "big", 3, FSTREE_KIND_FILE, S_IFREG, 0, FSTREE_BYTES_MAX), -EFBIG);
	char name[FSTREE_NAME_MAX + 1];
	memset(name, 'n', sizeof(name));
	CHECK_EQ_I64(fstree_add(t, 0, name, sizeof(name), FSTREE_KIND_FILE, S_IFREG, 0, 0),
		     -ENAMETOOLONG);
	/* Fill every node: the next one is refused, nothing is overwritten. */
	int64_t r = 0;
	for (unsigned i = 0; r >= 0; i++) {
		char n[16];
		snprintf(n, sizeof(n), "n%u", i);
		r = add(t, 0, n, FSTREE_KIND_FILE);
	}
	CHECK_EQ_I64(r, -ENOSPC);
	CHECK_EQ_U64(t->count, FSTREE_NODES_MAX);
	CHECK_EQ_I64(find(t, 0, "/f"), f);
	CHECK_EQ_U64(t->bytes, 5ULL * (FSTREE_NODES_MAX - 1));
	free(t);
}

UNIT_TEST(fstree_order_and_path)
{
	struct fstree *t = tree_new();
	int64_t a = add(t, 0, "zeta", FSTREE_KIND_DIR);
	add(t, 0, "alpha", FSTREE_KIND_FILE);
	int64_t deep = add(t, (uint32_t)a, "inner", FSTREE_KIND_DIR);
	int64_t leaf = add(t, (uint32_t)deep, "leaf.txt", FSTREE_KIND_FILE);
	/* Children list in the order they were added. */
	uint32_t c = t->node[0].first_child;
	CHECK_STR(fstree_name(t, c), "zeta");
	CHECK_STR(fstree_name(t, t->node[c].next_sibling), "alpha");
	char buf[64];
	CHECK_EQ_I64(fstree_path(t, (uint32_t)leaf, buf, sizeof(buf)), 20);
	CHECK_STR(buf, "/zeta/inner/leaf.txt");
	CHECK_EQ_I64(fstree_path(t, 0, buf, sizeof(buf)), 1);
	CHECK_STR(buf, "/");
	CHECK_EQ_I64(fstree_path(t, (uint32_t)leaf, buf, 20), -ERANGE); /* no room for the NUL */
	CHECK_EQ_I64(fstree_path(t, (uint32_t)leaf, buf, 21), 20);
	free(t);
}

UNIT_TEST(fstree_system_nodes)
{
	struct fstree *t = tree_new();
	int64_t dev = add(t, 0, "dev", FSTREE_KIND_DIR);
	int64_t mine = add(t, (uint32_t)dev, "null", FSTREE_KIND_FILE); /* the tree's own */
	CHECK_EQ_I64(fstree_add_system(t), 0);
	CHECK_EQ_I64(find(t, 0, "/dev/null"), mine);
	int64_t zero = find(t, 0, "/dev/zero");
	CHECK(zero > 0 && t->node[zero].kind == FSTREE_KIND_ZERO);
	CHECK_EQ_U64(t->node[zero].mode, S_IFCHR | 0666);
	int64_t tty = find(t, 0, "/dev/tty");
	CHECK(tty > 0 && t->node[tty].kind == FSTREE_KIND_TTY);
	int64_t exe = find(t, 0, "/proc/self/exe");
	CHECK(exe > 0 && t->node[exe].kind == FSTREE_KIND_EXE);
	CHECK_EQ_U64(t->node[exe].mode & S_IFMT, S_IFLNK);
	/* Twice changes nothing. */
	uint32_t count = t->count;
	CHECK_EQ_I64(fstree_add_system(t), 0);
	CHECK_EQ_U64(t->count, count);
	/* A file where /proc must be a directory: refused, not overwritten. */
	struct fstree *u = tree_new();
	add(u, 0, "proc", FSTREE_KIND_FILE);
	CHECK_EQ_I64(fstree_add_system(u), -EEXIST);
	free(u);
	free(t);
}
