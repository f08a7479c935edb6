/* ExitBootServices with the final memory map. */
#include <efi.h>
#include <efilib.h>
#include "efi/efi_app.h"

/* Attempts before giving up: the key only goes stale if something
 * allocates between the two calls, which nothing here does. */
#define EXIT_BS_ATTEMPTS 8

UINTN exit_boot_services_map_size(void)
{
	UINTN size = 0, key, desc_size;
	UINT32 ver;
	uefi_call_wrapper(BS->GetMemoryMap, 5, &size, NULL, &key, &desc_size, &ver);
	/* Slack: our own allocations (this buffer included) add entries. */
	return size + 64 * (desc_size ? desc_size : sizeof(EFI_MEMORY_DESCRIPTOR));
}

EFI_STATUS exit_boot_services(EFI_HANDLE image, void *map_buf, UINTN map_buf_size,
			      UINTN *map_size, UINTN *desc_size)
{
	EFI_STATUS st = EFI_INVALID_PARAMETER;
	for (int attempt = 0; attempt < EXIT_BS_ATTEMPTS; attempt++) {
		UINTN key;
		UINT32 ver;
		*map_size = map_buf_size;
		st = uefi_call_wrapper(BS->GetMemoryMap, 5, map_size, map_buf, &key, desc_size, &ver);
		if (EFI_ERROR(st))
			return st;
		st = uefi_call_wrapper(BS->ExitBootServices, 2, image, key);
		if (st != EFI_INVALID_PARAMETER)
			return st;
	}
	return st;
}
