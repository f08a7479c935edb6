/*
 * mmap, munmap, mprotect, mremap, madvise and brk with Linux's semantics
 * for anonymous memory and private file mappings (docs/abi.md): MAP_FIXED replaces, MAP_FIXED_NOREPLACE refuses,
 * partial unmaps and protection changes split mappings, PROT_NONE
 * reservations cost nothing. The address space does the work
 * (core/mm/uspace.c); this file checks arguments as Linux does.
 */
#include "core/sys/syscall.h"
#include "core/abi/layout.h"
#include "core/cpu/hw.h"
#include "core/task/task.h"
#include "core/fs/vfs.h"

#define PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)

static uint64_t page_up(uint64_t v)
{
	return (v + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

/* [addr, addr+len) is page aligned and inside user space. */
static int user_pages_ok(uint64_t addr, uint64_t len)
{
	return len <= USER_SPACE_END && addr <= USER_SPACE_END - len;
}

/*
 * A file mapping's source: the fd's bytes from the page-aligned offset.
 * Private mappings (and shared ones that cannot write, the tree being
 * read-only) get a copy: the pages are the task's own. /dev/zero maps as
 * anonymous memory. MAP_SHARED_VALIDATE is MAP_SHARED that refuses
 * flags it does not know (-EOPNOTSUPP), as on Linux.
 */
static int64_t mmap_file(const struct trap_frame *f, uint64_t type, uint64_t prot,
			 const uint8_t **data, uint64_t *size)
{
	struct task *t = task_current();
	uint64_t off = f->r9;
	struct file *file = fdtable_get(t->files, f->r8);
	if (!file)
		return -EBADF;
	if (off & (PAGE_SIZE - 1))
		return -EINVAL;
	if (type == MAP_SHARED_VALIDATE && (f->r10 & ~(uint64_t)MAP_VALIDATE_KNOWN))
		return -EOPNOTSUPP;
	if ((file->flags & O_ACCMODE) == O_WRONLY || (file->flags & O_PATH))
		return -EACCES;
	if (type != MAP_PRIVATE && (prot & PROT_WRITE) && (file->flags & O_ACCMODE) != O_RDWR)
		return -EACCES;
	if (file->type != FILE_NODE)
		return -ENODEV;
	uint32_t kind = vfs_tree()->node[file->node].kind;
	if (kind == FSTREE_KIND_ZERO)
		return 0;
	if (kind != FSTREE_KIND_FILE && kind != FSTREE_KIND_EXE)
		return -ENODEV;
	vfs_node_bytes(t, file->node, data, size);
	*data += off < *size ? off : *size;
	*size = off < *size ? *size - off : 0;
	return 0;
}

/*
 * The file's bytes into a new mapping, to the end of its last page (fresh
 * pages are zero past them). A PROT_NONE file mapping gets its pages
 * too, parked, so that a later mprotect shows the file.
 */
static int64_t mmap_fill(struct uspace *s, uint64_t addr, uint64_t len, uint64_t prot,
			 const uint8_t *data, uint64_t size)
{
	if (!data || !size)
		return (int64_t)addr;
	len = page_up(len);
	if (prot == PROT_NONE) {
		int64_t err = uspace_protect(s, addr, len, PROT_READ);
		if (err) {
			uspace_unmap(s, addr, len);
			return err;
		}
	}
	uspace_write(s, addr, data, size < len ? size : len);
	if (prot == PROT_NONE)
		uspace_protect(s, addr, len, PROT_NONE);
	return (int64_t)addr;
}

int64_t sys_mmap(const struct trap_frame *f)
{
	uint64_t addr = f->rdi, len = f->rsi, prot = f->rdx, flags = f->r10;
	struct uspace *s = task_current()->mm;
	uint64_t type = flags & MAP_TYPE;

	/* MAP_SHARED_VALIDATE is for files only: anonymous, Linux says -EINVAL. */
	int validate_ok = type == MAP_SHARED_VALIDATE && !(flags & MAP_ANONYMOUS);
	if (!len || (prot & ~(uint64_t)PROT_ALL) ||
	    (type != MAP_PRIVATE && type != MAP_SHARED && !validate_ok))
		return -EINVAL;
	const uint8_t *data = 0;
	uint64_t data_size = 0;
	if (!(flags & MAP_ANONYMOUS)) {
		int64_t err = mmap_file(f, type, prot, &data, &data_size);
		if (err)
			return err;
	}
	uint64_t size = page_up(len);
	if (!size || size > USER_SPACE_END)
		return -ENOMEM;
	int fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
	if (fixed) {
		if (addr & (PAGE_SIZE - 1))
			return -EINVAL;
		if (!user_pages_ok(addr, size))
			return -ENOMEM;
		if (addr < USER_MMAP_MIN_ADDR)
			return -EPERM;
		/* MAP_FIXED replaces what is there; NOREPLACE refuses (-EEXIST). */
		int64_t err = uspace_map(s, addr, size, prot,
					 !(flags & MAP_FIXED_NOREPLACE) && (flags & MAP_FIXED));
		return err ?: mmap_fill(s, addr, len, prot, data, data_size);
	}
	/* A hint is taken when the range is free, as on Linux. */
	addr &= ~(PAGE_SIZE - 1);
	if (addr < USER_MMAP_MIN_ADDR || !user_pages_ok(addr, size) || vma_overlaps(&s->vmas, addr, addr + size))
		addr = uspace_find_free(s, USER_MMAP_LOW, USER_MMAP_TOP, size);
	if (!addr)
		return -ENOMEM;
	return uspace_map(s, addr, size, prot, 0) ?: mmap_fill(s, addr, len, prot, data, data_size);
}

/*
 * mremap: shrink in place, grow in place when the pages after are free,
 * else move (MREMAP_MAYMOVE) or go where asked (MREMAP_FIXED), copying
 * the contents; the old range must be one mapping. MREMAP_DONTUNMAP is
 * not supported (-EINVAL).
 */
int64_t sys_mremap(const struct trap_frame *f)
{
	uint64_t old = f->rdi, old_len = page_up(f->rsi), new_len = page_up(f->rdx);
	uint64_t flags = f->r10, want = f->r8, prot;
	struct uspace *s = task_current()->mm;
	if ((old & (PAGE_SIZE - 1)) || (flags & ~(uint64_t)(MREMAP_MAYMOVE | MREMAP_FIXED)) ||
	    ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) || !new_len || !old_len)
		return -EINVAL;
	if (!user_pages_ok(old, old_len) || uspace_prot_of(s, old, old_len, &prot))
		return -EFAULT;
	/* Room in the mapping list for the worst case (a new mapping, the old
	 * one split), checked first: once pages move, nothing may fail. */
	if (s->vmas.count + 3 > s->vmas.max)
		return -ENOMEM;
	if (!(flags & MREMAP_FIXED)) {
		if (new_len <= old_len) {
			if (new_len < old_len)
				uspace_unmap(s, old + new_len, old_len - new_len);
			return (int64_t)old;
		}
		if (user_pages_ok(old, new_len) &&
		    !vma_overlaps(&s->vmas, old + old_len, old + new_len) &&
		    !uspace_map(s, old + old_len, new_len - old_len, prot, 0))
			return (int64_t)old;
		if (!(flags & MREMAP_MAYMOVE))
			return -ENOMEM;
		want = uspace_find_free(s, USER_MMAP_LOW, USER_MMAP_TOP, new_len);
		if (!want)
			return -ENOMEM;
	} else if ((want & (PAGE_SIZE - 1)) || !user_pages_ok(want, new_len) ||
		   want < USER_MMAP_MIN_ADDR || (want < old + old_len && old < want + new_len)) {
		return -EINVAL;
	}
	uint64_t keep = old_len < new_len ? old_len : new_len;
	int64_t err = uspace_map(s, want, new_len, prot, (flags & MREMAP_FIXED) != 0);
	/* PROT_NONE pages hold contents only where parked: the new range gets
	 * pages for them (briefly readable), then is parked again. */
	int parked = prot == PROT_NONE && pt_count_populated(s->root, old, keep);
	if (!err && parked && (err = uspace_protect(s, want, keep, PROT_READ)))
		uspace_unmap(s, want, new_len);
	if (err)
		return err;
	uspace_copy(s, want, old, keep);
	if (parked)
		uspace_protect(s, want, keep, PROT_NONE);
	uspace_unmap(s, old, old_len);
	return (int64_t)want;
}

/*
 * madvise: MADV_DONTNEED gives anonymous private memory back as zeros,
 * as Linux does (here by zeroing it: memory is never given back before
 * munmap); every other known advice is accepted and changes nothing.
 */
int64_t sys_madvise(const struct trap_frame *f)
{
	uint64_t addr = f->rdi, len = page_up(f->rsi), advice = f->rdx;
	struct uspace *s = task_current()->mm;
	if ((addr & (PAGE_SIZE - 1)) || (f->rsi && !len))
		return -EINVAL;
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE:
		break;
	default:
		return -EINVAL;
	}
	if (!len)
		return 0;
	if (!user_pages_ok(addr, len) || !vma_covers(&s->vmas, addr, addr + len))
		return -ENOMEM;
	if (advice == MADV_DONTNEED)
		uspace_zero(s, addr, len);
	return 0;
}

int64_t sys_munmap(const struct trap_frame *f)
{
	uint64_t addr = f->rdi, len = f->rsi;
	uint64_t size = page_up(len);
	if ((addr & (PAGE_SIZE - 1)) || !len || !size || !user_pages_ok(addr, size))
		return -EINVAL;
	return uspace_unmap(task_current()->mm, addr, size);
}

int64_t sys_mprotect(const struct trap_frame *f)
{
	uint64_t addr = f->rdi, len = f->rsi, prot = f->rdx;
	if ((addr & (PAGE_SIZE - 1)) || (prot & ~(uint64_t)PROT_ALL))
		return -EINVAL;
	if (!len)
		return 0;
	uint64_t size = page_up(len);
	if (!size || !user_pages_ok(addr, size))
		return -ENOMEM;
	return uspace_protect(task_current()->mm, addr, size, prot);
}

/*
 * brk(addr): move the end of the heap. The heap starts right after the
 * payload's region; it grows into free address space only and shrinks by
 * unmapping. Returns the new end, or the old one when the request cannot
 * be met (brk(0) asks for it), as Linux does.
 */
int64_t sys_brk(const struct trap_frame *f)
{
	struct uspace *s = task_current()->mm;
	uint64_t want = f->rdi;
	if (want < s->brk_base || want > USER_SPACE_END)
		return (int64_t)s->brk;
	uint64_t old_top = page_up(s->brk), new_top = page_up(want);
	if (new_top > old_top &&
	    uspace_map(s, old_top, new_top - old_top, PROT_READ | PROT_WRITE, 0))
		return (int64_t)s->brk;
	if (new_top < old_top)
		uspace_unmap(s, new_top, old_top - new_top);
	s->brk = want;
	return (int64_t)want;
}
