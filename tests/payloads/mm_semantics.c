/*
 * mmap, munmap, mprotect and brk, one Linux behaviour per line. Built
 * twice from the same objects: as a flat payload for ring3, and as a
 * static ELF that tests/e2e runs on the host's Linux; the two outputs
 * must be identical. Nothing printed depends on where things land: only
 * results, errno values and distances.
 *
 * Probes that cannot fault: readable(p) is write(3, p, 1) (fd 3 is
 * ring3's discarding fd; on Linux the harness opens a file there), and
 * writable(p) is uname(p), which stores 390 bytes at p.
 */
#include "user_payload/ulib.h"

#define P 4096ULL
#define A 0x200000000000ULL /* free in both: far from code, heap, stack */
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static int64_t map(uint64_t addr, uint64_t len, uint64_t prot, uint64_t flags)
{
	return usys6(SYS_mmap, addr, len, prot, flags, (uint64_t)-1, 0);
}

static int readable(uint64_t p)
{
	return usys3(SYS_write, 3, p, 1) == 1;
}

static int writable(uint64_t p)
{
	return usys1(SYS_uname, p) == 0;
}

/* 0 when a call returned the address asked for, else what it returned. */
static int64_t at(int64_t got, uint64_t want)
{
	return got == (int64_t)want ? 0 : got;
}

static volatile uint8_t *mem(uint64_t a)
{
	return (volatile uint8_t *)a;
}

int main(void)
{
	/* A fresh address space: nothing of an earlier program is here. */
	/* (Arguments are evaluated in no set order: calls come first, in
	 * statements of their own, then what they changed is printed.) */
	int64_t r = at(map(A + 64 * P, P, RW, ANON | MAP_FIXED_NOREPLACE), A + 64 * P);
	uprintf("fresh: noreplace=%lld reads=%d\n", (long long)r, r ? -1 : mem(A + 64 * P)[0]);
	mem(A + 64 * P)[0] = 0x5a; /* the marker the next run must not see */

	uprintf("fixed: %lld\n", (long long)at(map(A, 4 * P, RW, ANON | MAP_FIXED), A));
	for (int i = 0; i < 4; i++)
		mem(A + i * P)[0] = (uint8_t)(0x10 + i);
	r = at(map(A + P, P, RW, ANON | MAP_FIXED), A + P);
	uprintf("fixed replaces: %lld new=%d old=%d\n", (long long)r, mem(A + P)[0], mem(A)[0]);
	uprintf("noreplace over a mapping: %lld\n", (long long)map(A, P, RW, ANON | MAP_FIXED_NOREPLACE));
	uprintf("noreplace straddling: %lld\n", (long long)map(A + 3 * P, 2 * P, RW, ANON | MAP_FIXED_NOREPLACE));

	r = usys2(SYS_munmap, A + P, 2 * P);
	uprintf("munmap middle: %lld\n", (long long)r);
	uprintf("after munmap: %d %d %d %d\n", readable(A), readable(A + P), readable(A + 2 * P),
		readable(A + 3 * P));
	uprintf("munmap again (nothing there): %lld\n", (long long)usys2(SYS_munmap, A + P, 2 * P));
	uprintf("munmap unaligned: %lld\n", (long long)usys2(SYS_munmap, A + 1, P));
	r = at(map(A + P, P, RW, ANON | MAP_FIXED_NOREPLACE), A + P);
	uprintf("noreplace into the hole: %lld\n", (long long)r);
	uprintf("hole page is zero: %d, neighbours kept: %d %d\n", mem(A + P)[0], mem(A)[0], mem(A + 3 * P)[0]);

	r = usys3(SYS_mprotect, A, P, PROT_READ);
	uprintf("mprotect first page read-only: %lld\n", (long long)r);
	uprintf("readable/writable: %d%d %d%d\n", readable(A), writable(A), readable(A + P), writable(A + P));
	mem(A + P)[0] = 0x33;
	r = usys3(SYS_mprotect, A + P, P, PROT_NONE);
	int rd = readable(A + P), wr = writable(A + P);
	int64_t r2 = usys3(SYS_mprotect, A + P, P, RW);
	uprintf("mprotect none: %lld -> %d%d, back: %lld -> %d kept=%d\n", (long long)r, rd, wr,
		(long long)r2, readable(A + P), mem(A + P)[0]);
	uprintf("mprotect over a hole: %lld\n", (long long)usys3(SYS_mprotect, A, 4 * P, RW));
	uprintf("mprotect unaligned: %lld, bad prot: %lld\n", (long long)usys3(SYS_mprotect, A + 1, P, RW),
		(long long)usys3(SYS_mprotect, A, P, 0x80));

	r = map(0, 1ULL << 30, PROT_NONE, ANON);
	uprintf("1 GiB PROT_NONE: %d\n", r > 0 ? 0 : (int)r);
	if (r > 0) {
		uint64_t res = (uint64_t)r;
		uprintf("1g inside: %d%d\n", readable(res), writable(res + (512ULL << 20)));
		r2 = usys3(SYS_mprotect, res + (1ULL << 20), 16 * P, RW);
		uprintf("1g mprotect 64 KiB of it: %lld -> %d%d zero=%d\n", (long long)r2,
			readable(res + (1ULL << 20)), writable(res + (1ULL << 20) + 15 * P),
			mem(res + (1ULL << 20) + 8 * P)[100]);
		r2 = usys2(SYS_munmap, res, 1ULL << 30);
		uprintf("1g munmap all: %lld -> %d\n", (long long)r2, readable(res + (1ULL << 20)));
	}

	uprintf("top page: %lld noreplace: %lld\n", (long long)map(0x7ffffffff000ULL, P, RW, ANON | MAP_FIXED),
		(long long)map(0x7ffffffff000ULL, P, RW, ANON | MAP_FIXED_NOREPLACE));
	uprintf("past 2^47: %lld\n", (long long)map(0x7fffffffe000ULL, 3 * P, RW, ANON | MAP_FIXED));
	uprintf("unaligned fixed: %lld, zero length: %lld, no sharing type: %lld\n",
		(long long)map(A + 100, P, RW, ANON | MAP_FIXED), (long long)map(0, 0, RW, ANON),
		(long long)map(0, P, RW, MAP_ANONYMOUS));

	/* A call that fails leaves nothing behind. */
	uprintf("too big: %lld\n", (long long)map(0, 1ULL << 46, RW, ANON));
	r = at(map(A + 80 * P, P, RW, ANON | MAP_FIXED_NOREPLACE), A + 80 * P);
	uprintf("still free after it: %lld reads=%d\n", (long long)r, r ? -1 : mem(A + 80 * P)[0]);

	uint64_t b0 = (uint64_t)usys1(SYS_brk, 0);
	uint64_t b1 = (uint64_t)usys1(SYS_brk, b0 + (1 << 20));
	uprintf("brk grows: %lld\n", (long long)(b1 - b0));
	mem(b0 + (1 << 20) - 1)[0] = 7;
	r = usys1(SYS_brk, b0 + P) - (int64_t)b0;
	uprintf("brk shrinks: %lld, top readable: %d\n", (long long)r, readable(b0 + (1 << 20) - 1));
	r = usys1(SYS_brk, b0 + (1 << 20)) - (int64_t)b0;
	uprintf("brk regrows: %lld, fresh: %d\n", (long long)r, mem(b0 + (1 << 20) - 1)[0]);
	uprintf("brk below its start: %lld\n", (long long)(usys1(SYS_brk, b0 - (64 << 20)) - (int64_t)b0));
	uprintf("brk into a mapping: %lld\n",
		(long long)(usys1(SYS_brk, A + 2 * P) - (int64_t)b0 - (1 << 20)));
	uprintf("mm_semantics: done\n");
	return 0;
}
