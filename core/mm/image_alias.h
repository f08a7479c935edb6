/*
 * The kernel image's pages seen through the direct map. The loader maps
 * them 4 KiB each and never executable, text writable so that the
 * kernel can patch its mitigations in; after that, text and rodata are
 * read-only through the alias as well as at their link address.
 */
#ifndef CORE_MM_IMAGE_ALIAS_H
#define CORE_MM_IMAGE_ALIAS_H

#include <stdint.h>

/* Bootstrap CPU, after mitigation_init patched the text and before any
 * other CPU or task runs: clear W on the alias of text and rodata in the
 * kernel half of root (shared by every address space) and flush this
 * CPU's TLB. Panics if the loader did not map the alias as promised. */
void image_alias_seal(uint64_t root);
/* Set by image_alias_seal: kernel text can no longer be patched. */
extern int image_alias_sealed;

/* Bootstrap CPU, before any other CPU starts: make the kernel data at
 * [va, va+len) (whole pages, set up and never written again: the IDT)
 * read-only at its link address and through the direct map, and flush
 * this CPU's TLB. A stray kernel write to it then faults, as Linux keeps
 * its IDT read-only after init. */
void image_data_seal(uint64_t root, const void *va, uint64_t len);

#endif
