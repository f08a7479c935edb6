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
 * Load one payload file of at most max bytes, resolved against dir when
 * relative, into memory the kernel keeps. An ELF file must parse, and
 * its segments and stack must fit in mem_limit bytes (0: in RAM). On
 * failure writes a reason naming the file into why and returns an error;
 * nothing else changed.
 */
EFI_STATUS payload_load(EFI_FILE_HANDLE root, const CHAR16 *dir, const char *name, uint64_t max,
			uint64_t mem_limit, struct handoff_payload *out, CHAR16 *why,
			UINTN why_len);
/* dir + '\\' + name into path (max characters), or name alone when it
 * starts at the volume's root; '/' becomes '\\'. */
EFI_STATUS path_join(const CHAR16 *dir, const char *name, CHAR16 *path, UINTN max);
/* The --stdin file, which may be empty, into memory the kernel keeps. */
EFI_STATUS stdin_load(EFI_FILE_HANDLE root, const CHAR16 *dir, const char *name, uint64_t *data,
		      uint64_t *size, CHAR16 *why, UINTN why_len);
/*
 * The file tree (efi/root_load.c): the directory name, relative to dir
 * unless it starts with '\\', read whole into a struct fstree with /dev
 * and /proc added; *tree = its address. A directory that is missing is
 * an error only when named (the default one may be absent).
 */
EFI_STATUS root_load(EFI_FILE_HANDLE volume, const CHAR16 *dir, const char *name, int named,
		     uint64_t *tree, CHAR16 *why, UINTN why_len);
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

/* The kernel ELF embedded in this image, loaded into fresh pages. */
struct kernel_image {
	uint64_t phys, pages; /* where it lies */
	uint64_t entry;       /* virtual */
	uint32_t segment_count;
	struct kernel_segment {
		uint64_t vaddr, phys, size; /* page aligned */
		uint64_t flags;             /* PTE_W, PTE_NX as p_flags say */
	} segments[4];
};
/* Check the embedded kernel ELF and load it; why says what is wrong. */
EFI_STATUS kernel_load(struct kernel_image *k, CHAR16 *why, UINTN why_len);

/*
 * Build the kernel's page tables (docs/design.md: the kernel half) and
 * low_cr3, from the pool, into h->kernel_cr3 and h->low_cr3; fill the
 * stack and MMIO virtual addresses in h. Before ExitBootServices.
 */
#define CPU_STACKS (1 + IST_USED) /* per CPU: the kernel stack, then the IST stacks */
EFI_STATUS addrspace_build(struct handoff *h, const struct kernel_image *k,
			   const uint64_t stacks[][CPU_STACKS], struct pt_pool *pool, CHAR16 *why,
			   UINTN why_len);
/* Page-table pages addrspace_build may need, from the current map. */
UINTN addrspace_pool_pages(uint32_t cpus);
/* Bytes of RAM the current memory map lists (what the direct map covers). */
uint64_t addrspace_ram_bytes(void);

/* Get the final memory map and exit boot services, retrying on a stale
 * key. Prints nothing. On success boot services are gone and the map is
 * in map_buf: *map_size bytes, *desc_size per entry. */
EFI_STATUS exit_boot_services(EFI_HANDLE image, void *map_buf, UINTN map_buf_size,
			      UINTN *map_size, UINTN *desc_size);
/* Convert the final map into the handoff's (after ExitBootServices). */
void memmap_convert(struct handoff *h, const void *map, UINTN map_size, UINTN desc_size,
		    struct handoff_mem *out, uint32_t max);

/* Load low_cr3, switch to the kernel's stack and jump to its entry with
 * the handoff. efi/enter_kernel.S; its page is identity mapped in low_cr3. */
void efi_enter_kernel(uint64_t cr3, uint64_t stack, uint64_t entry, uint64_t handoff)
	__attribute__((noreturn));
extern const char efi_enter_kernel_end[];

/* selftest_cpu.c: --selftest leaves debris in DR0/DR7, CR4 and CR0 for
 * the kernel to clear. Right before efi_enter_kernel. */
void selftest_cpu_leave_dirty(uint64_t watch);
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


#endif
