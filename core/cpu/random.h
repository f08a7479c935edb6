/*
 * Random bytes for programs (AT_RANDOM, getrandom, /dev/urandom): RDRAND
 * where the CPU has it, otherwise the TSC put through a mixing function.
 * The fallback is unpredictable enough to vary between runs, not to
 * resist an attacker; docs/abi.md says so.
 */
#ifndef CORE_CPU_RANDOM_H
#define CORE_CPU_RANDOM_H

#include <stdint.h>

void random_bytes(void *out, uint64_t n);

#endif
