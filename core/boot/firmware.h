/* The one firmware call the kernel makes after ExitBootServices. */
#ifndef CORE_BOOT_FIRMWARE_H
#define CORE_BOOT_FIRMWARE_H

/*
 * Power the machine off through the firmware's ResetSystem. Contract:
 * kernel mode, interrupts off, any CPU. Runs on low_cr3, which maps the
 * runtime regions at their physical addresses (SetVirtualAddressMap is
 * never called), and returns on the kernel's tables only if the firmware
 * did not power off.
 */
void firmware_power_off(void);

#endif
