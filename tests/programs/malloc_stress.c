/*
 * malloc_stress: a fixed-seed PRNG drives a few thousand malloc, calloc,
 * realloc and free calls of 1 byte to 4 MiB, so both libcs' allocators
 * use the brk heap for small blocks and mmap (and munmap, and for glibc
 * mremap) for large ones. Every block carries a pattern derived from its
 * tag and offset, checked before it is freed, after each realloc and in
 * periodic sweeps over all live blocks; calloc's blocks must read as
 * zero first. Live memory stays under 20 MiB. Everything printed comes
 * from the PRNG, not from addresses, so stdout (counts, a checksum and
 * "malloc ok") and the exit status (0) must match the host run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 256
#define OPS 6000
#define LIVE_CAP (20UL << 20)
#define LARGE (128UL << 10)	/* where both libcs switch to mmap, by default */

struct block {
	unsigned char *p;
	size_t size;
	uint64_t tag;
};

static struct block slot[SLOTS];
static size_t live, peak;
static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint64_t sum = 0xcbf29ce484222325ULL;
static unsigned long n_malloc, n_calloc, n_realloc, n_free, n_large, n_checked;

static uint64_t next(void)
{
	/* xorshift64*: small, fast, and the same on every machine */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static void mix(uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++) {
		sum ^= (v >> (8 * i)) & 0xff;
		sum *= 0x100000001b3ULL;
	}
}

/*
 * Byte i of a block is byte (i % 8) of word(tag, i / 8): fills and checks
 * go a word at a time, yet a block grown by realloc keeps the same
 * pattern and only the new tail needs filling.
 */
static uint64_t word(uint64_t tag, size_t w)
{
	return (tag ^ (w * 0x9e3779b97f4a7c15ULL)) + w;
}

static unsigned char byte_at(uint64_t tag, size_t i)
{
	return (unsigned char)(word(tag, i / 8) >> (8 * (i % 8)));
}

static void fail(const char *what, size_t size, size_t off)
{
	fprintf(stderr, "malloc_stress: %s (block of %zu bytes, offset %zu, after %lu checks)\n", what,
		size, off, n_checked);
	printf("malloc FAILED: %s\n", what);
	exit(2);
}

static void fill(unsigned char *p, size_t from, size_t to, uint64_t tag)
{
	size_t i = from;

	for (; i < to && i % 8; i++)
		p[i] = byte_at(tag, i);
	for (; i + 8 <= to; i += 8) {
		uint64_t w = word(tag, i / 8);
		memcpy(p + i, &w, 8);
	}
	for (; i < to; i++)
		p[i] = byte_at(tag, i);
}

static void check(const unsigned char *p, size_t n, uint64_t tag, size_t size)
{
	size_t i = 0;

	for (; i < n && i % 8; i++)
		if (p[i] != byte_at(tag, i))
			fail("pattern lost", size, i);
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		if (w != word(tag, i / 8))
			fail("pattern lost", size, i);
	}
	for (; i < n; i++)
		if (p[i] != byte_at(tag, i))
			fail("pattern lost", size, i);
	n_checked++;
}

static size_t pick_size(void)
{
	uint64_t r = next() % 1000;

	if (r < 600)
		return 1 + next() % 256;
	if (r < 900)
		return 257 + next() % 16384;
	if (r < 975)
		return 16641 + next() % (LARGE * 2);
	return LARGE + next() % (4UL << 20);
}

static void drop(struct block *b)
{
	check(b->p, b->size, b->tag, b->size);
	free(b->p);
	live -= b->size;
	b->p = NULL;
	b->size = 0;
	n_free++;
}

/* Free the oldest-indexed live blocks until `want` more bytes fit. */
static void make_room(size_t want, const struct block *keep)
{
	int i;

	for (i = 0; i < SLOTS && live + want > LIVE_CAP; i++)
		if (slot[i].p && &slot[i] != keep)
			drop(&slot[i]);
}

static void account(size_t size)
{
	if (live > peak)
		peak = live;
	if (size >= LARGE)
		n_large++;
	mix(size);
}

static void allocate(struct block *b)
{
	size_t size = pick_size();
	size_t i;

	make_room(size, NULL);
	b->tag = next();
	if (next() % 4 == 0) {
		b->p = calloc(1, size);
		if (!b->p)
			fail("calloc returned NULL", size, 0);
		for (i = 0; i < size; i++)
			if (b->p[i])
				fail("calloc block not zero", size, i);
		n_calloc++;
	} else {
		b->p = malloc(size);
		if (!b->p)
			fail("malloc returned NULL", size, 0);
		n_malloc++;
	}
	fill(b->p, 0, size, b->tag);
	b->size = size;
	live += size;
	account(size);
}

static void resize(struct block *b)
{
	size_t size = pick_size();
	size_t old = b->size;
	unsigned char *q;

	check(b->p, old, b->tag, old);
	if (size > old)
		make_room(size - old, b);
	q = realloc(b->p, size);
	if (!q)
		fail("realloc returned NULL", size, 0);
	check(q, old < size ? old : size, b->tag, size);
	if (size > old)
		fill(q, old, size, b->tag);
	b->p = q;
	b->size = size;
	live = live - old + size;
	n_realloc++;
	account(size);
}

static void sweep(void)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		if (slot[i].p)
			check(slot[i].p, slot[i].size, slot[i].tag, slot[i].size);
}

int main(void)
{
	int op, i;

	for (op = 0; op < OPS; op++) {
		struct block *b = &slot[next() % SLOTS];
		uint64_t r = next() % 10;

		if (!b->p)
			allocate(b);
		else if (r < 4)
			resize(b);
		else
			drop(b);
		if (op % 1000 == 999)
			sweep();
	}
	sweep();
	for (i = 0; i < SLOTS; i++) {
		if (slot[i].p) {
			mix(slot[i].size);
			drop(&slot[i]);
		}
	}
	printf("malloc %lu, calloc %lu, realloc %lu, free %lu, large %lu\n", n_malloc, n_calloc,
	       n_realloc, n_free, n_large);
	printf("peak live %zu bytes, %lu blocks checked\n", peak, n_checked);
	printf("checksum %016llx\n", (unsigned long long)sum);
	printf("malloc ok\n");
	return live == 0 ? 0 : 3;
}
