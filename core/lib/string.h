/* The kernel's one memset/memcpy/memmove/memcmp (the compiler emits calls
 * to these names too, for struct copies and zeroing). */
#ifndef CORE_LIB_STRING_H
#define CORE_LIB_STRING_H

#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif
