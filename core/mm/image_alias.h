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

#endif
