/*
 * The initial stack read back the way a C library's start-up code reads
 * it (argc, argv, envp, auxv from RSP up), in a buffer standing for the
 * top of user memory.
 */
#include <string.h>
#include "core/lib/exec_stack.h"
#include "unit.h"

#define TOP  0x7fffffff0000ULL
#define SIZE 4096

static uint8_t stack[SIZE];

/* The buffer's bytes at user address va. */
static const void *at(uint64_t va)
{
	return stack + (va - (TOP - SIZE));
}

static uint64_t word(uint64_t va)
{
	uint64_t w;
	memcpy(&w, at(va), 8);
	return w;
}

static const char *const argv[] = { "/bin/busybox", "echo", "a b", "" };
static const char *const envp[] = { "PATH=/bin", "HOME=/", "TERM=linux" };

static struct exec_args sample(void)
{
	struct exec_args a = {
		.argc = 4, .envc = 3, .argv = argv, .envp = envp, .execfn = "/bin/busybox",
		.platform = "x86_64", .phdr = 0x400040, .phent = 56, .phnum = 9, .entry = 0x401530,
		.hwcap = 0x178bfbff, .clktck = 100, .uid = 0, .minsigstksz = 3392,
	};
	for (int i = 0; i < 16; i++)
		a.random[i] = (uint8_t)(0xa0 + i);
	return a;
}

UNIT_TEST(exec_stack_reads_back)
{
	struct exec_args a = sample();
	memset(stack, 0xcc, sizeof(stack));
	uint64_t rsp = exec_stack_build(stack, SIZE, TOP, &a);
	CHECK(rsp > TOP - SIZE && rsp < TOP);
	CHECK_EQ_U64(rsp % 16, 0);
	CHECK_EQ_U64(word(rsp), 4);
	uint64_t p = rsp + 8;
	for (unsigned i = 0; i < 4; i++, p += 8)
		CHECK_STR((const char *)at(word(p)), argv[i]);
	CHECK_EQ_U64(word(p), 0);
	p += 8;
	for (unsigned i = 0; i < 3; i++, p += 8)
		CHECK_STR((const char *)at(word(p)), envp[i]);
	CHECK_EQ_U64(word(p), 0);
	p += 8;
	uint64_t seen[64] = { 0 };
	int n = 0;
	for (;; p += 16, n++) {
		uint64_t type = word(p), val = word(p + 8);
		if (type == AT_NULL)
			break;
		if (type < 64)
			seen[type] = val ? val : 1;
		if (type == AT_RANDOM)
			CHECK(memcmp(at(val), a.random, 16) == 0);
		if (type == AT_EXECFN)
			CHECK_STR((const char *)at(val), "/bin/busybox");
		if (type == AT_PLATFORM)
			CHECK_STR((const char *)at(val), "x86_64");
	}
	CHECK_EQ_U64(n, 19);
	CHECK_EQ_U64(seen[AT_PHDR], 0x400040);
	CHECK_EQ_U64(seen[AT_PHENT], 56);
	CHECK_EQ_U64(seen[AT_PHNUM], 9);
	CHECK_EQ_U64(seen[AT_PAGESZ], 4096);
	CHECK_EQ_U64(seen[AT_ENTRY], 0x401530);
	CHECK_EQ_U64(seen[AT_CLKTCK], 100);
	CHECK_EQ_U64(seen[AT_HWCAP], 0x178bfbff);
	CHECK_EQ_U64(seen[AT_MINSIGSTKSZ], 3392);
	CHECK(seen[AT_RANDOM] && seen[AT_EXECFN] && seen[AT_PLATFORM] && seen[AT_SECURE]);
	/* Everything lies inside the buffer: nothing written below RSP. */
	for (uint64_t va = TOP - SIZE; va < rsp; va++)
		CHECK_EQ_U64(*(const uint8_t *)at(va), 0xcc);
}

UNIT_TEST(exec_stack_alignment_any_count)
{
	/* Every argc parity and string length: RSP stays 16-byte aligned. */
	static const char *const many[] = { "a", "bb", "ccc", "dddd", "eeeee", "ffffff" };
	for (uint32_t argc = 0; argc <= 6; argc++)
		for (uint32_t envc = 0; envc <= 3; envc++) {
			struct exec_args a = sample();
			a.argc = argc;
			a.argv = many;
			a.envc = envc;
			uint64_t rsp = exec_stack_build(stack, SIZE, TOP, &a);
			CHECK(rsp != 0 && rsp % 16 == 0);
			CHECK_EQ_U64(word(rsp), argc);
		}
}

UNIT_TEST(exec_stack_does_not_fit)
{
	/* Too small a window: 0, never a write outside it (ASan would see). */
	struct exec_args a = sample();
	for (uint64_t size = 0; size < 400; size += 8)
		CHECK_EQ_U64(exec_stack_build(stack + SIZE - size, size, TOP, &a), 0);
}
