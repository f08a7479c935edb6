/* Payload files: found next to ring3.efi, checked, copied into kernel memory. */
#include <efi.h>
#include <efilib.h>
#include "efi/cmdline.h"
#include "core/lib/elf_image.h"
#include "efi/efi_app.h"
#include "efi/kmem.h"
#include "core/cpu/hw.h"
#include "core/abi/layout.h"
#include "core/fs/fstree.h"

#define PATH_MAX_CHARS 256

extern const uint8_t builtin_payload_start[], builtin_payload_end[];

static void name_set(struct handoff_payload *out, const char *name)
{
	const char *base = name;
	for (const char *p = name; *p; p++)
		if (*p == '\\' || *p == '/')
			base = p + 1;
	unsigned i = 0;
	for (; base[i] && i < PAYLOAD_NAME_MAX - 1; i++)
		out->name[i] = base[i];
	out->name[i] = 0;
}

void payload_builtin(struct handoff_payload *out)
{
	name_set(out, "builtin-demo");
	out->data = (uint64_t)(uintptr_t)builtin_payload_start;
	out->size = (uint64_t)(builtin_payload_end - builtin_payload_start);
}

EFI_STATUS path_join(const CHAR16 *dir, const char *name, CHAR16 *path, UINTN max)
{
	UINTN n = 0;
	if (name[0] != '\\' && name[0] != '/') {
		for (UINTN i = 0; dir[i]; i++) {
			if (n + 2 >= max)
				return EFI_BAD_BUFFER_SIZE;
			path[n++] = dir[i];
		}
		path[n++] = L'\\';
	}
	for (UINTN i = 0; name[i]; i++) {
		if (n + 1 >= max)
			return EFI_BAD_BUFFER_SIZE;
		path[n++] = name[i] == '/' ? L'\\' : (CHAR16)name[i];
	}
	path[n] = 0;
	return EFI_SUCCESS;
}

/*
 * Read the whole file dir\name (1..max bytes, or 0..max when empty_ok)
 * into fresh pages. On failure why names the file and the reason, and no
 * pages stay allocated but through kmem_free_all.
 */
static EFI_STATUS file_load(EFI_FILE_HANDLE root, const CHAR16 *dir, const char *what,
			    const char *name, uint64_t max, int empty_ok, uint64_t *buf,
			    uint64_t *size_out, CHAR16 *why, UINTN why_len)
{
	CHAR16 path[PATH_MAX_CHARS];
	EFI_FILE_HANDLE fh;
	EFI_STATUS st;

	if (EFI_ERROR(path_join(dir, name, path, PATH_MAX_CHARS))) {
		SPrint(why, why_len, L"%a '%a': the path is too long", what, name);
		return EFI_INVALID_PARAMETER;
	}
	st = uefi_call_wrapper(root->Open, 5, root, &fh, path, EFI_FILE_MODE_READ, 0);
	if (EFI_ERROR(st)) {
		SPrint(why, why_len, L"%a '%a': not found (%s: %r)", what, name, path, st);
		return st;
	}
	EFI_FILE_INFO *info = LibFileInfo(fh);
	if (!info) {
		SPrint(why, why_len, L"%a '%a': unreadable (no file information)", what, name);
		st = EFI_DEVICE_ERROR;
		goto out;
	}
	uint64_t size = info->FileSize;
	uint64_t attr = info->Attribute;
	FreePool(info);
	if (attr & EFI_FILE_DIRECTORY) {
		SPrint(why, why_len, L"%a '%a': is a directory", what, name);
		st = EFI_INVALID_PARAMETER;
	} else if (size == 0 && !empty_ok) {
		SPrint(why, why_len, L"%a '%a': is empty", what, name);
		st = EFI_INVALID_PARAMETER;
	} else if (size > max) {
		SPrint(why, why_len, L"%a '%a': is %ld bytes, more than the maximum %ld",
		       what, name, size, max);
		st = EFI_BAD_BUFFER_SIZE;
	} else {
		st = kmem_alloc(size + 1, buf); /* +1: room for a NUL (and never 0 bytes) */
		if (EFI_ERROR(st)) {
			SPrint(why, why_len, L"%a '%a': no memory for %ld bytes (%r)", what, name, size, st);
			goto out;
		}
		for (uint64_t done = 0; done < size;) {
			UINTN n = size - done;
			st = uefi_call_wrapper(fh->Read, 3, fh, &n, (void *)(uintptr_t)(*buf + done));
			if (EFI_ERROR(st) || n == 0) {
				SPrint(why, why_len, L"%a '%a': unreadable after %ld of %ld bytes (%r)",
				       what, name, done, size, EFI_ERROR(st) ? st : EFI_END_OF_FILE);
				st = EFI_ERROR(st) ? st : EFI_END_OF_FILE;
				goto out;
			}
			done += n;
		}
		*size_out = size;
	}
out:
	uefi_call_wrapper(fh->Close, 1, fh);
	return st;
}

/* MiB, rounded up, for a message. */
static uint64_t mib_up(uint64_t bytes)
{
	return (bytes + (1ULL << 20) - 1) >> 20;
}

/* An ELF image's segments are committed when the kernel maps them, after
 * ExitBootServices; one that cannot fit would only fail there, with no
 * shell to return to. EFI_SUCCESS when it fits, else an error and why. */
static EFI_STATUS elf_fits(const char *name, const struct elf_image *img, uint64_t mem_limit,
			   CHAR16 *why, UINTN why_len)
{
	uint64_t need = elf_image_footprint(img);
	uint64_t bound = mem_limit ? mem_limit : addrspace_ram_bytes();
	if (need <= bound)
		return EFI_SUCCESS;
	if (mem_limit)
		SPrint(why, why_len, L"payload '%a': its segments, stack and page tables need %ld MiB, "
		       L"more than --mem-limit=%ld", name, mib_up(need), mem_limit >> 20);
	else
		SPrint(why, why_len, L"payload '%a': its segments, stack and page tables need %ld MiB, "
		       L"more than the machine's %ld MiB of RAM", name, mib_up(need), bound >> 20);
	return EFI_BAD_BUFFER_SIZE;
}

EFI_STATUS payload_load(EFI_FILE_HANDLE root, const CHAR16 *dir, const char *name, uint64_t max,
			uint64_t mem_limit, struct handoff_payload *out, CHAR16 *why,
			UINTN why_len)
{
	uint64_t buf, size;
	EFI_STATUS st = file_load(root, dir, "payload", name, max, 0, &buf, &size, why, why_len);
	if (EFI_ERROR(st))
		return st;
	/* An ELF file is checked here, before ExitBootServices, so a bad one
	 * is refused with its reason and the shell gets control back. */
	const uint8_t *file = (const uint8_t *)(uintptr_t)buf;
	if (elf_image_is_elf(file, size)) {
		static struct elf_image img;
		const char *bad = elf_image_parse(file, size, ELF_DYN_BASE, &img);
		if (bad) {
			SPrint(why, why_len, L"payload '%a': %a", name, bad);
			return EFI_UNSUPPORTED;
		}
		st = elf_fits(name, &img, mem_limit, why, why_len);
		if (EFI_ERROR(st))
			return st;
	}
	name_set(out, name);
	out->data = buf;
	out->size = size;
	return EFI_SUCCESS;
}

int payload_list_load(EFI_FILE_HANDLE root, const CHAR16 *dir, const char *name,
		      const char **names, int max, CHAR16 *why, UINTN why_len)
{
	uint64_t buf, size;
	if (EFI_ERROR(file_load(root, dir, "payload list", name, PAYLOAD_LIST_MAX_SIZE, 0, &buf,
				&size, why, why_len)))
		return -1;
	int n = cmdline_list_split((char *)(uintptr_t)buf, size, names, max);
	if (n < 0)
		SPrint(why, why_len, L"payload list '%a': more than %d payloads in all", name,
		       PAYLOADS_MAX);
	return n;
}

EFI_STATUS stdin_load(EFI_FILE_HANDLE root, const CHAR16 *dir, const char *name, uint64_t *data,
		      uint64_t *size, CHAR16 *why, UINTN why_len)
{
	return file_load(root, dir, "stdin file", name, FSTREE_BYTES_MAX, 1, data, size, why, why_len);
}
