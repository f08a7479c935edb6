/*
 * hello: printf's formatting paths, integer (%d, %x, %lld), string
 * (%s, with width and precision) and floating point (%5.2f, which pulls
 * in the libc's float-to-decimal code and so SSE state), through stdio
 * to fd 1. Nothing printed depends on the kernel, so stdout and the exit
 * status (0) must match the host run of the same binary byte for byte.
 */
#include <stdio.h>

int main(void)
{
	long long big = 1234567890123LL;
	double third = 1.0 / 3.0;

	printf("hello, world\n");
	printf("int %d, negative %d, hex %x, HEX %#X\n", 42, -7, 0xbeefu, 0xcafeu);
	printf("string [%s], padded [%8s], left [%-8s], cut [%.3s]\n", "ring3", "ab", "cd",
	       "truncated");
	printf("float [%5.2f] [%5.2f] [%.6f] [%e]\n", 3.14159, -2.5, third, 6.02214076e23);
	printf("long long %lld, negative %lld, unsigned max %llu\n", big, -big,
	       18446744073709551615ULL);
	printf("char [%c], percent [%%], zero-padded [%05d]\n", 'Z', 17);
	return 0;
}
