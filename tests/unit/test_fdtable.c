/*
 * Descriptors as Linux hands them out: lowest free first, dup sharing one
 * open file (and so one offset), FD_CLOEXEC per descriptor, the file
 * freed with its last descriptor, and the limits.
 */
#include <stdlib.h>
#include "core/abi/errno.h"
#include "core/fs/fdtable.h"
#include "unit.h"

UNIT_TEST(fdtable_lowest_first)
{
	struct fdtable *t = calloc(1, sizeof(*t));
	fdtable_init(t);
	struct file *f;
	CHECK_EQ_I64(fdtable_open(t, FILE_STDIN, 0, 0, 0, &f), 0);
	CHECK_EQ_I64(fdtable_open(t, FILE_CONSOLE, 1, 0, 0, &f), 1);
	CHECK_EQ_I64(fdtable_open(t, FILE_CONSOLE, 1, 0, 1, &f), 2);
	CHECK(fdtable_cloexec(t, 2) && !fdtable_cloexec(t, 1));
	CHECK_EQ_I64(fdtable_close(t, 1), 0);
	CHECK_EQ_I64(fdtable_close(t, 1), -EBADF);
	CHECK(fdtable_get(t, 1) == NULL);
	CHECK_EQ_I64(fdtable_open(t, FILE_NODE, 0, 0, 0, &f), 1); /* the hole first */
	CHECK_EQ_I64(fdtable_open(t, FILE_NODE, 0, 10, 0, &f), 10);
	CHECK_EQ_I64(fdtable_close(t, 2), 0);
	CHECK(!fdtable_cloexec(t, 2)); /* the flag goes with the descriptor */
	CHECK(fdtable_get(t, FD_MAX) == NULL && fdtable_get(t, ~0ULL) == NULL);
	CHECK_EQ_I64(fdtable_close(t, ~0ULL), -EBADF);
	free(t);
}

UNIT_TEST(fdtable_dup_shares)
{
	struct fdtable *t = calloc(1, sizeof(*t));
	fdtable_init(t);
	struct file *f;
	CHECK_EQ_I64(fdtable_open(t, FILE_NODE, 0, 3, 0, &f), 3);
	f->offset = 100;
	CHECK_EQ_I64(fdtable_dup_min(t, 3, 0, 0), 0);
	CHECK(fdtable_get(t, 0) == f);
	CHECK_EQ_U64(f->refs, 2);
	CHECK_EQ_I64(fdtable_dup_min(t, 3, 5, 1), 5);
	CHECK(fdtable_cloexec(t, 5));
	CHECK_EQ_I64(fdtable_dup_min(t, 4, 0, 0), -EBADF);
	CHECK_EQ_I64(fdtable_dup_min(t, 3, FD_MAX, 0), -EINVAL);
	/* dup2 onto an open descriptor closes what was there. */
	struct file *g;
	CHECK_EQ_I64(fdtable_open(t, FILE_CONSOLE, 1, 0, 0, &g), 1);
	CHECK_EQ_I64(fdtable_dup_to(t, 3, 1, 0), 1);
	CHECK(fdtable_get(t, 1) == f);
	CHECK_EQ_U64(g->refs, 0); /* its only descriptor went */
	CHECK_EQ_I64(fdtable_dup_to(t, 3, 3, 0), 3); /* onto itself: nothing */
	CHECK_EQ_U64(f->refs, 4);
	CHECK_EQ_I64(fdtable_dup_to(t, 3, FD_MAX, 0), -EBADF);
	CHECK_EQ_I64(fdtable_dup_to(t, 9, 1, 0), -EBADF);
	for (uint64_t fd = 0; fd < 6; fd++)
		fdtable_close(t, fd);
	CHECK_EQ_U64(f->refs, 0);
	CHECK_EQ_U64(f->type, FILE_FREE);
	free(t);
}

UNIT_TEST(fdtable_limits)
{
	struct fdtable *t = calloc(1, sizeof(*t));
	fdtable_init(t);
	struct file *f;
	/* FILES_MAX open files, then no more, while descriptors remain. */
	for (unsigned i = 0; i < FILES_MAX; i++)
		CHECK_EQ_I64(fdtable_open(t, FILE_NODE, 0, 0, 0, &f), i);
	CHECK_EQ_I64(fdtable_open(t, FILE_NODE, 0, 0, 0, &f), -EMFILE);
	/* Descriptors up to FD_MAX by dup, then none. */
	for (unsigned i = FILES_MAX; i < FD_MAX; i++)
		CHECK_EQ_I64(fdtable_dup_min(t, 0, 0, 0), i);
	CHECK_EQ_I64(fdtable_dup_min(t, 0, 0, 0), -EMFILE);
	CHECK_EQ_U64(t->file[0].refs, 1 + FD_MAX - FILES_MAX);
	free(t);
}
