/* pure, loader: The read-only file tree (see fstree.h). */
#include "core/fs/fstree.h"
#include "core/abi/errno.h"
#include "core/abi/fs.h"

void fstree_init(struct fstree *t)
{
	t->count = 1;
	t->bytes = 0;
	t->names[0] = 0; /* "/" has the empty name */
	t->names_used = 1;
	t->node[0] = (struct fstree_node){ .parent = 0, .kind = FSTREE_KIND_DIR,
					   .mode = S_IFDIR | 0555 };
}

static int name_is(const char *a, const char *b, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		if (a[i] != b[i])
			return 0;
	return a[len] == 0;
}

uint32_t fstree_child(const struct fstree *t, uint32_t dir, const char *name, uint32_t len)
{
	if (dir >= t->count || t->node[dir].kind != FSTREE_KIND_DIR)
		return FSTREE_NONE;
	for (uint32_t c = t->node[dir].first_child; c != FSTREE_NONE; c = t->node[c].next_sibling)
		if (name_is(fstree_name(t, c), name, len))
			return c;
	return FSTREE_NONE;
}

int64_t fstree_add(struct fstree *t, uint32_t parent, const char *name, uint32_t len,
		   uint32_t kind, uint32_t mode, uint64_t data, uint64_t size)
{
	if (parent >= t->count || t->node[parent].kind != FSTREE_KIND_DIR || !len ||
	    (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return -EINVAL;
	for (uint32_t i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == 0)
			return -EINVAL;
	if (len > FSTREE_NAME_MAX)
		return -ENAMETOOLONG;
	if (fstree_child(t, parent, name, len) != FSTREE_NONE)
		return -EEXIST;
	if (t->count == FSTREE_NODES_MAX || len + 1 > FSTREE_NAMES_MAX - t->names_used)
		return -ENOSPC;
	if (kind == FSTREE_KIND_FILE && size > FSTREE_BYTES_MAX - t->bytes)
		return -EFBIG;
	uint32_t n = t->count++;
	struct fstree_node *node = &t->node[n];
	*node = (struct fstree_node){ .parent = parent, .kind = kind, .mode = mode,
				      .name = t->names_used, .data = data, .size = size };
	for (uint32_t i = 0; i < len; i++)
		t->names[t->names_used + i] = name[i];
	t->names[t->names_used + len] = 0;
	t->names_used += len + 1;
	if (kind == FSTREE_KIND_FILE)
		t->bytes += size;
	/* Appended, so a directory lists in the order the loader found it. */
	uint32_t *link = &t->node[parent].first_child;
	while (*link != FSTREE_NONE)
		link = &t->node[*link].next_sibling;
	*link = n;
	return n;
}

static uint32_t cstr_len(const char *s)
{
	uint32_t n = 0;
	while (s[n])
		n++;
	return n;
}

/* The directory name under parent: the one there, or a new one. */
static int64_t dir_get(struct fstree *t, uint32_t parent, const char *name)
{
	uint32_t len = cstr_len(name);
	uint32_t c = fstree_child(t, parent, name, len);
	if (c != FSTREE_NONE)
		return t->node[c].kind == FSTREE_KIND_DIR ? (int64_t)c : -EEXIST;
	return fstree_add(t, parent, name, len, FSTREE_KIND_DIR, S_IFDIR | 0555, 0, 0);
}

int64_t fstree_add_system(struct fstree *t)
{
	static const struct { const char *name; uint32_t kind; } devs[] = {
		{ "null", FSTREE_KIND_NULL },     { "zero", FSTREE_KIND_ZERO },
		{ "random", FSTREE_KIND_RANDOM }, { "urandom", FSTREE_KIND_RANDOM },
		{ "tty", FSTREE_KIND_TTY },
	};
	int64_t dev = dir_get(t, 0, "dev");
	if (dev < 0)
		return dev;
	for (unsigned i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
		uint32_t len = cstr_len(devs[i].name);
		if (fstree_child(t, (uint32_t)dev, devs[i].name, len) != FSTREE_NONE)
			continue; /* the tree's own file wins */
		int64_t r = fstree_add(t, (uint32_t)dev, devs[i].name, len, devs[i].kind,
				       S_IFCHR | 0666, 0, 0);
		if (r < 0)
			return r;
	}
	int64_t proc = dir_get(t, 0, "proc");
	int64_t self = proc < 0 ? proc : dir_get(t, (uint32_t)proc, "self");
	if (self < 0)
		return self;
	if (fstree_child(t, (uint32_t)self, "exe", 3) == FSTREE_NONE) {
		int64_t r = fstree_add(t, (uint32_t)self, "exe", 3, FSTREE_KIND_EXE,
				       S_IFLNK | 0777, 0, 0);
		if (r < 0)
			return r;
	}
	return 0;
}

int64_t fstree_lookup(const struct fstree *t, uint32_t cwd, const char *path, uint32_t *out)
{
	uint32_t at = path[0] == '/' ? 0 : cwd;
	uint32_t total = 0;
	const char *p = path;
	if (!*p)
		return -ENOENT; /* Linux: an empty path names nothing */
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *name = p;
		while (*p && *p != '/')
			p++;
		uint32_t len = (uint32_t)(p - name);
		total += len;
		if (len > FSTREE_NAME_MAX || total >= PATH_MAX)
			return -ENAMETOOLONG;
		if (t->node[at].kind != FSTREE_KIND_DIR)
			return -ENOTDIR;
		if (len == 1 && name[0] == '.')
			continue;
		if (len == 2 && name[0] == '.' && name[1] == '.') {
			at = t->node[at].parent;
			continue;
		}
		uint32_t c = fstree_child(t, at, name, len);
		if (c == FSTREE_NONE)
			return -ENOENT;
		at = c;
	}
	/* "file/" names a directory that is not there. */
	if (p > path && p[-1] == '/' && t->node[at].kind != FSTREE_KIND_DIR)
		return -ENOTDIR;
	*out = at;
	return 0;
}

int64_t fstree_path(const struct fstree *t, uint32_t node, char *buf, uint64_t size)
{
	/* Measure first, then write the names back to front. */
	uint64_t len = 0;
	for (uint32_t n = node; n != 0; n = t->node[n].parent)
		len += 1 + cstr_len(fstree_name(t, n));
	if (len == 0)
		len = 1; /* "/" */
	if (len + 1 > size)
		return -ERANGE;
	buf[len] = 0;
	buf[0] = '/';
	uint64_t end = len;
	for (uint32_t n = node; n != 0; n = t->node[n].parent) {
		const char *name = fstree_name(t, n);
		uint32_t l = cstr_len(name);
		end -= l;
		for (uint32_t i = 0; i < l; i++)
			buf[end + i] = name[i];
		buf[--end] = '/';
	}
	return (int64_t)len;
}
