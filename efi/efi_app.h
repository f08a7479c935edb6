/* The pieces of the UEFI side, used by efi_main. Before ExitBootServices. */
#ifndef EFI_APP_H
#define EFI_APP_H

#include <efi.h>
#include "core/boot/handoff.h"

#define ARGS_MAX (PAYLOADS_MAX + 8)

/* The command line as ASCII words, program name removed. Returns the
 * count, or -1 with *why set when it is not plain ASCII. */
int args_get(EFI_HANDLE image, EFI_LOADED_IMAGE *li, char **argv, int max, const char **why);

/*
 * Load one payload file, resolved against dir when relative, into kernel
 * memory. On failure writes a reason naming the file into why and returns
 * an error; nothing else changed.
 */
EFI_STATUS payload_load(EFI_FILE_HANDLE root, const CHAR16 *dir, const char *name,
			struct handoff_payload *out, CHAR16 *why, UINTN why_len);
/* Largest payload list file (@list). */
#define PAYLOAD_LIST_MAX_SIZE 0x4000

/*
 * Read the payload list file name (one payload name per line) and store
 * up to max names (pointing into memory that stays allocated). Returns the
 * count, or -1 with why set.
 */
int payload_list_load(EFI_FILE_HANDLE root, const CHAR16 *dir, const char *name,
		      const char **names, int max, CHAR16 *why, UINTN why_len);

/* The built-in demo payload, linked into this image. */
void payload_builtin(struct handoff_payload *out);

/* Record what the kernel maps of the firmware: this image, runtime regions. */
EFI_STATUS addrspace_add_firmware(EFI_LOADED_IMAGE *li, CHAR16 *why, UINTN why_len);
/* Build one address space from the recorded ranges into the pool. */
EFI_STATUS addrspace_build(struct pt_pool *pool, uint64_t *root, CHAR16 *why, UINTN why_len);

/* Get the final memory map and exit boot services, retrying on a stale
 * key. Prints nothing. On success boot services are gone. */
EFI_STATUS exit_boot_services(EFI_HANDLE image, void *map_buf, UINTN map_buf_size);
/* Bytes to set aside for the final memory map, with slack. */
UINTN exit_boot_services_map_size(void);

struct madt_info;
/* Find and parse the ACPI MADT. 0, or -1 when there is none. */
int acpi_madt_find(struct madt_info *out);
/* The console UART's I/O port from the SPCR: the port, 0 for a UART this
 * kernel cannot drive, -1 when there is no SPCR. */
int64_t acpi_spcr_port(void);

/* Note the GOP framebuffer; format FB_FORMAT_NONE when there is none. */
void gop_note(struct handoff_fb *fb);

/* Power off through runtime services; for the handoff. */
void runtime_power_off(void);

#endif
