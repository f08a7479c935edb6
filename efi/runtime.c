/* Runtime services the kernel may call after ExitBootServices. */
#include <efi.h>
#include <efilib.h>
#include "efi/efi_app.h"

/*
 * Contract: after ExitBootServices, interrupts off, on page tables that
 * identity-map every EFI_MEMORY_RUNTIME region (SetVirtualAddressMap is
 * never called). Returns only if the firmware did not power off.
 */
void runtime_power_off(void)
{
	uefi_call_wrapper(RT->ResetSystem, 4, EfiResetShutdown, EFI_SUCCESS, 0, NULL);
}
