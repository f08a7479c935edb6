/* Runtime services after ExitBootServices (contract in firmware.h). */
#include "core/boot/firmware.h"
#include "core/boot/handoff.h"
#include "core/cpu/cpu.h"

/* ResetSystem's ResetType (UEFI spec 8.5.1, EFI_RESET_TYPE). */
#define EFI_RESET_SHUTDOWN 2

/* EFI_RESET_SYSTEM: firmware code, Microsoft x64 calling convention. */
typedef void __attribute__((ms_abi)) (*efi_reset_system_fn)(uint32_t type, uint64_t status,
							    uint64_t data_size, void *data);

void firmware_power_off(void)
{
	if (!boot_handoff || !boot_handoff->efi_reset_system)
		return;
	/* Only while this call runs: low_cr3 maps firmware code writable and
	 * executable, which no task's address space ever does. */
	uint64_t cr3 = cpu_read_cr3();
	cpu_write_cr3(boot_handoff->low_cr3);
	((efi_reset_system_fn)(uintptr_t)boot_handoff->efi_reset_system)(EFI_RESET_SHUTDOWN, 0, 0, 0);
	cpu_write_cr3(cr3);
}
