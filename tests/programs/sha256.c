/*
 * sha256 [FILE...]: SHA-256 as FIPS 180-4 defines it, printed the way
 * sha256sum prints it ("<64 hex>  NAME", "-" for stdin, which is read
 * when no FILE is given). Exercises open/read/close on whole files of
 * any size and 64-bit integer code. Its round constants are derived at
 * start-up from the primes, as the standard defines them, rather than
 * typed in. The digests are the file's, so stdout must match both the
 * host run and sha256sum; the exit status is 0, or 1 if a FILE could
 * not be read (reported on stderr, as sha256sum does).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct sha256 {
	uint32_t h[8];
	unsigned char block[64];
	size_t used;		/* bytes waiting in block */
	uint64_t bytes;		/* message length so far */
};

static uint32_t k[64];
static uint32_t h0[8];
static unsigned char buf[65536];

/* floor(cbrt(x)) or floor(sqrt(x)) for x < 2^112, by bisection. */
static uint64_t iroot(unsigned __int128 x, int cube)
{
	uint64_t lo = 0, hi = 1ULL << 38;

	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;
		unsigned __int128 p = (unsigned __int128)mid * mid;

		if (cube)
			p *= mid;
		if (p <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * K holds the first 32 bits of the fractional parts of the cube roots of
 * the first 64 primes, H(0) those of the square roots of the first 8:
 * the low 32 bits of floor(root(p) * 2^32) = floor(root(p * 2^96 or 2^64)).
 */
static void derive_constants(void)
{
	int n = 0;
	uint32_t p, d;

	for (p = 2; n < 64; p++) {
		for (d = 2; d * d <= p; d++)
			if (p % d == 0)
				break;
		if (d * d <= p)
			continue;
		k[n] = (uint32_t)iroot((unsigned __int128)p << 96, 1);
		if (n < 8)
			h0[n] = (uint32_t)iroot((unsigned __int128)p << 64, 0);
		n++;
	}
}

static uint32_t rotr(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

/* The six logical functions of FIPS 180-4 section 4.1.2. */
static uint32_t ch(uint32_t x, uint32_t y, uint32_t z) { return (x & y) ^ (~x & z); }
static uint32_t maj(uint32_t x, uint32_t y, uint32_t z) { return (x & y) ^ (x & z) ^ (y & z); }
static uint32_t bsig0(uint32_t x) { return rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22); }
static uint32_t bsig1(uint32_t x) { return rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25); }
static uint32_t ssig0(uint32_t x) { return rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3); }
static uint32_t ssig1(uint32_t x) { return rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10); }

static void compress(uint32_t h[8], const unsigned char *m)
{
	uint32_t w[64], a, b, c, d, e, f, g, hh, t1, t2;
	int t;

	for (t = 0; t < 16; t++)
		w[t] = (uint32_t)m[4 * t] << 24 | (uint32_t)m[4 * t + 1] << 16 |
		       (uint32_t)m[4 * t + 2] << 8 | m[4 * t + 3];
	for (; t < 64; t++)
		w[t] = ssig1(w[t - 2]) + w[t - 7] + ssig0(w[t - 15]) + w[t - 16];
	a = h[0], b = h[1], c = h[2], d = h[3];
	e = h[4], f = h[5], g = h[6], hh = h[7];
	for (t = 0; t < 64; t++) {
		t1 = hh + bsig1(e) + ch(e, f, g) + k[t] + w[t];
		t2 = bsig0(a) + maj(a, b, c);
		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d;
	h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

static void start(struct sha256 *s)
{
	memcpy(s->h, h0, sizeof(s->h));
	s->used = 0;
	s->bytes = 0;
}

static void update(struct sha256 *s, const unsigned char *p, size_t n)
{
	s->bytes += n;
	if (s->used) {
		size_t take = 64 - s->used < n ? 64 - s->used : n;

		memcpy(s->block + s->used, p, take);
		s->used += take;
		p += take;
		n -= take;
		if (s->used < 64)
			return;
		compress(s->h, s->block);
		s->used = 0;
	}
	for (; n >= 64; p += 64, n -= 64)
		compress(s->h, p);
	memcpy(s->block, p, n);
	s->used = n;
}

/* The 0x80 marker, zeros to 56 mod 64, then the bit length, big-endian. */
static void finish(struct sha256 *s, unsigned char out[32])
{
	uint64_t bits = s->bytes * 8;
	int i;

	s->block[s->used++] = 0x80;
	if (s->used > 56) {
		memset(s->block + s->used, 0, 64 - s->used);
		compress(s->h, s->block);
		s->used = 0;
	}
	memset(s->block + s->used, 0, 56 - s->used);
	for (i = 0; i < 8; i++)
		s->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	compress(s->h, s->block);
	for (i = 0; i < 32; i++)
		out[i] = (unsigned char)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

/* sha256sum marks a name holding '\\' or a newline with a leading '\\'. */
static void print_line(const unsigned char d[32], const char *name)
{
	int i, esc = strpbrk(name, "\\\n") != NULL;

	if (esc)
		putchar('\\');
	for (i = 0; i < 32; i++)
		printf("%02x", d[i]);
	printf("  ");
	for (; *name; name++) {
		if (esc && *name == '\\')
			printf("\\\\");
		else if (esc && *name == '\n')
			printf("\\n");
		else
			putchar(*name);
	}
	putchar('\n');
}

static int hash_fd(int fd, unsigned char out[32])
{
	struct sha256 s;
	ssize_t n;

	start(&s);
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		update(&s, buf, n);
	}
	finish(&s, out);
	return 0;
}

static int hash_name(const char *name)
{
	unsigned char d[32];
	int fd = 0, err;

	if (strcmp(name, "-") != 0) {
		fd = open(name, O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "sha256: %s: cannot open (errno %d)\n", name, errno);
			return 1;
		}
	}
	err = hash_fd(fd, d);
	if (err)
		fprintf(stderr, "sha256: %s: read failed (errno %d)\n", name, errno);
	if (fd)
		close(fd);
	if (err)
		return 1;
	print_line(d, name);
	return 0;
}

int main(int argc, char **argv)
{
	int i, status = 0;

	derive_constants();
	if (argc < 2)
		return hash_name("-");
	for (i = 1; i < argc; i++)
		status |= hash_name(argv[i]);
	return status;
}
