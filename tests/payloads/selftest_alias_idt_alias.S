/* selftest_alias_text.S, aimed at the IDT (through the direct map). */
#define ALIAS_WHICH RING3_IMAGE_ALIAS_IDT
#include "selftest_alias_text.S"
