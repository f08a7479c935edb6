/*
 * Exits with the number given, unreduced: exit_group(1048577) must leave
 * the status 1 (the low 8 bits), as a parent sees it on Linux. Compared
 * with the host run of the same binary.
 */
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	_exit(argc > 1 ? (int)strtol(argv[1], 0, 0) : 0);
}
