/* selftest_alias_text.S, aimed at the IDT (at its link address). */
#define ALIAS_WHICH RING3_IMAGE_IDT
#include "selftest_alias_text.S"
