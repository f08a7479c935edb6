/* selftest_alias_text.S, aimed at a byte of the kernel's rodata. */
#define ALIAS_WHICH RING3_IMAGE_ALIAS_RODATA
#include "selftest_alias_text.S"
