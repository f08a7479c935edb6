/*
 * A static musl program, unmodified: printf through stdio (writev), the
 * start-up's TLS (arch_prctl) and set_tid_address, argv and envp from
 * the initial stack, the auxiliary vector through getauxval, exit code
 * 3. The same binary runs on the host's Linux, and the outputs must
 * match except for argv[0].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

int main(int argc, char **argv)
{
	const char *term = getenv("TERM");
	printf("hello from a static musl program: argc=%d\n", argc);
	printf("argv[0] ends in hello: %s\n", strstr(argv[0], "hello") ? "yes" : "no");
	printf("TERM set: %s\n", term ? "yes" : "no");
	printf("AT_PAGESZ=%lu AT_RANDOM set: %s\n", getauxval(AT_PAGESZ),
	       getauxval(AT_RANDOM) ? "yes" : "no");
	return 3;
}
