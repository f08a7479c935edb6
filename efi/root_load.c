/*
 * The programs' file tree: every file under a directory of the ESP read
 * into memory the kernel keeps, before ExitBootServices, as a struct
 * fstree (core/fs/fstree.h). FAT keeps no owners or permission bits:
 * every file is r-x for everyone (so programs under /bin pass access's
 * X_OK), every directory r-x. Names are stored as UTF-8.
 */
#include <efi.h>
#include <efilib.h>
#include "efi/efi_app.h"
#include "efi/kmem.h"
#include "core/abi/errno.h"
#include "core/abi/fs.h"
#include "core/fs/fstree.h"

#define NAME_UTF8_MAX (FSTREE_NAME_MAX + 1)

/* A UCS-2 name as UTF-8 into out: its length, or -1 when too long. */
static int name_utf8(const CHAR16 *in, char *out)
{
	int n = 0;
	for (; *in; in++) {
		uint32_t c = *in;
		int need = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
		if (n + need >= NAME_UTF8_MAX)
			return -1;
		if (need == 1) {
			out[n++] = (char)c;
		} else if (need == 2) {
			out[n++] = (char)(0xC0 | (c >> 6));
			out[n++] = (char)(0x80 | (c & 0x3F));
		} else {
			out[n++] = (char)(0xE0 | (c >> 12));
			out[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
			out[n++] = (char)(0x80 | (c & 0x3F));
		}
	}
	out[n] = 0;
	return n;
}

static const char *fstree_reason(int64_t err)
{
	switch (err) {
	case -ENOSPC: return "too many files or too many bytes of names";
	case -EFBIG: return "more bytes of files than the tree holds";
	case -ENAMETOOLONG: return "a name is too long";
	case -EEXIST: return "two names differ only in ways the tree cannot keep apart";
	default: return "a name the tree cannot hold";
	}
}

struct walk {
	struct fstree *t;
	CHAR16 *why;
	UINTN why_len;
	const char *top; /* the directory as the user named it, for messages */
};

/*
 * File contents are carved from 4 MiB chunks (a bigger file gets its own
 * allocation): a tree of thousands of small files takes a few
 * allocations, not one each.
 */
#define ARENA_CHUNK 0x400000
#define ARENA_ALIGN 16

static uint64_t arena_next, arena_left;

static EFI_STATUS arena_alloc(uint64_t size, uint64_t *out)
{
	size = (size + ARENA_ALIGN - 1) & ~(uint64_t)(ARENA_ALIGN - 1);
	if (size > ARENA_CHUNK)
		return kmem_alloc(size, out);
	if (size > arena_left) {
		EFI_STATUS st = kmem_alloc(ARENA_CHUNK, &arena_next);
		if (EFI_ERROR(st))
			return st;
		arena_left = ARENA_CHUNK;
	}
	*out = arena_next;
	arena_next += size;
	arena_left -= size;
	return EFI_SUCCESS;
}

/* Read a whole file of size bytes into fresh memory. */
static EFI_STATUS file_read_all(EFI_FILE_HANDLE fh, uint64_t size, uint64_t *out)
{
	EFI_STATUS st = arena_alloc(size ? size : 1, out);
	for (uint64_t done = 0; !EFI_ERROR(st) && done < size;) {
		UINTN n = size - done;
		st = uefi_call_wrapper(fh->Read, 3, fh, &n, (void *)(uintptr_t)(*out + done));
		if (!EFI_ERROR(st) && n == 0)
			st = EFI_END_OF_FILE;
		done += n;
	}
	return st;
}

/* Add every entry of the open directory dir under tree node parent. */
static EFI_STATUS walk_dir(struct walk *w, EFI_FILE_HANDLE dir, uint32_t parent, unsigned depth)
{
	/* One buffer for every level: an entry is used up before descending. */
	static uint8_t info_buf[sizeof(EFI_FILE_INFO) + 2 * (NAME_UTF8_MAX + 1)] __attribute__((aligned(8)));
	for (;;) {
		UINTN n = sizeof(info_buf);
		EFI_STATUS st = uefi_call_wrapper(dir->Read, 3, dir, &n, info_buf);
		if (st == EFI_BUFFER_TOO_SMALL) {
			SPrint(w->why, w->why_len, L"file tree '%a': a name is too long", w->top);
			return st;
		}
		if (EFI_ERROR(st)) {
			SPrint(w->why, w->why_len, L"file tree '%a': unreadable directory (%r)", w->top, st);
			return st;
		}
		if (n == 0)
			return EFI_SUCCESS; /* the end of the directory */
		EFI_FILE_INFO *info = (EFI_FILE_INFO *)info_buf;
		if (!StrCmp(info->FileName, L".") || !StrCmp(info->FileName, L".."))
			continue;
		char name[NAME_UTF8_MAX];
		int len = name_utf8(info->FileName, name);
		if (len < 0) {
			SPrint(w->why, w->why_len, L"file tree '%a': the name '%s' is too long", w->top,
			       info->FileName);
			return EFI_BAD_BUFFER_SIZE;
		}
		int is_dir = (info->Attribute & EFI_FILE_DIRECTORY) != 0;
		uint64_t size = info->FileSize;
		if (is_dir && depth == FSTREE_DEPTH_MAX) {
			SPrint(w->why, w->why_len, L"file tree '%a': directories nest deeper than %d at '%a'",
			       w->top, FSTREE_DEPTH_MAX, name);
			return EFI_UNSUPPORTED;
		}
		if (!is_dir && size > FSTREE_BYTES_MAX - w->t->bytes) {
			SPrint(w->why, w->why_len,
			       L"file tree '%a': more than %ld MiB of files (at '%a')", w->top,
			       FSTREE_BYTES_MAX >> 20, name);
			return EFI_BAD_BUFFER_SIZE;
		}
		EFI_FILE_HANDLE fh;
		st = uefi_call_wrapper(dir->Open, 5, dir, &fh, info->FileName, EFI_FILE_MODE_READ, 0);
		if (EFI_ERROR(st)) {
			SPrint(w->why, w->why_len, L"file tree '%a': cannot open '%a' (%r)", w->top, name, st);
			return st;
		}
		uint64_t data = 0;
		if (!is_dir && EFI_ERROR((st = file_read_all(fh, size, &data)))) {
			SPrint(w->why, w->why_len, L"file tree '%a': cannot read '%a' (%ld bytes: %r)",
			       w->top, name, size, st);
			uefi_call_wrapper(fh->Close, 1, fh);
			return st;
		}
		int64_t node = fstree_add(w->t, parent, name, (uint32_t)len,
					  is_dir ? FSTREE_KIND_DIR : FSTREE_KIND_FILE,
					  is_dir ? S_IFDIR | 0555 : S_IFREG | 0555, data, size);
		if (node < 0) {
			SPrint(w->why, w->why_len, L"file tree '%a': at '%a': %a", w->top, name,
			       fstree_reason(node));
			uefi_call_wrapper(fh->Close, 1, fh);
			return EFI_UNSUPPORTED;
		}
		if (is_dir)
			st = walk_dir(w, fh, (uint32_t)node, depth + 1);
		uefi_call_wrapper(fh->Close, 1, fh);
		if (EFI_ERROR(st))
			return st;
	}
}

EFI_STATUS root_load(EFI_FILE_HANDLE volume, const CHAR16 *app_dir, const char *name, int named,
		     uint64_t *tree_out, CHAR16 *why, UINTN why_len)
{
	uint64_t tp;
	EFI_STATUS st = kmem_alloc(sizeof(struct fstree), &tp);
	if (EFI_ERROR(st)) {
		SPrint(why, why_len, L"no memory for the file tree (%r)", st);
		return st;
	}
	struct fstree *t = (struct fstree *)(uintptr_t)tp;
	fstree_init(t);
	CHAR16 path[256];
	EFI_FILE_HANDLE dir;
	st = path_join(app_dir, name, path, sizeof(path) / sizeof(path[0]));
	if (!EFI_ERROR(st))
		st = uefi_call_wrapper(volume->Open, 5, volume, &dir, path, EFI_FILE_MODE_READ, 0);
	if (EFI_ERROR(st)) {
		if (named) {
			SPrint(why, why_len, L"file tree '%a': not found (%r)", name, st);
			return st;
		}
		dir = 0; /* no tree beside ring3.efi: "/" holds only the system nodes */
	}
	if (dir) {
		EFI_FILE_INFO *info = LibFileInfo(dir);
		int is_dir = info && (info->Attribute & EFI_FILE_DIRECTORY);
		if (info)
			FreePool(info);
		struct walk w = { t, why, why_len, name };
		if (!is_dir) {
			SPrint(why, why_len, L"file tree '%a': not a directory", name);
			st = EFI_INVALID_PARAMETER;
		} else {
			st = walk_dir(&w, dir, 0, 0);
		}
		uefi_call_wrapper(dir->Close, 1, dir);
		if (EFI_ERROR(st))
			return st;
	}
	int64_t r = fstree_add_system(t);
	if (r < 0) {
		SPrint(why, why_len, L"file tree '%a': cannot add /dev and /proc: %a", name,
		       fstree_reason(r));
		return EFI_UNSUPPORTED;
	}
	*tree_out = tp;
	Print(L"ring3: file tree%a%a: %d files and directories, %ld bytes\n", dir ? " " : "",
	      dir ? name : "", t->count, t->bytes);
	return EFI_SUCCESS;
}
