/* pure: Building a Linux program's initial stack (contract in exec_stack.h). */
#include "core/lib/exec_stack.h"
#include "core/lib/string.h"

static uint64_t str_len(const char *s)
{
	uint64_t n = 0;
	while (s[n])
		n++;
	return n;
}

/* Write n bytes just below *at (a user address), moving *at down: 0 if
 * they would not fit above top - size. */
static int push_bytes(uint8_t *buf, uint64_t size, uint64_t top, uint64_t *at, const void *src,
		      uint64_t n)
{
	if (*at < top - size || *at - (top - size) < n)
		return 0;
	*at -= n;
	memcpy(buf + (*at - (top - size)), src, n);
	return 1;
}

/* A string with its NUL; its user address in *where. */
static int push_str(uint8_t *buf, uint64_t size, uint64_t top, uint64_t *at, const char *s,
		    uint64_t *where)
{
	if (!push_bytes(buf, size, top, at, s, str_len(s) + 1))
		return 0;
	*where = *at;
	return 1;
}

uint64_t exec_stack_build(uint8_t *buf, uint64_t size, uint64_t top, const struct exec_args *a)
{
	uint64_t at = top, execfn, platform, random;
	/* Strings first, highest: the program's path, then the platform,
	 * the random bytes, the environment and the arguments. */
	if (!push_str(buf, size, top, &at, a->execfn, &execfn) ||
	    !push_str(buf, size, top, &at, a->platform, &platform))
		return 0;
	at &= ~(uint64_t)15;
	if (!push_bytes(buf, size, top, &at, a->random, sizeof(a->random)))
		return 0;
	random = at;
	/* Last to first, so they lie in order upwards from strings: argv[0]
	 * lowest, then each next one right after the one before. */
	uint64_t strings;
	for (uint32_t i = a->envc; i-- > 0;)
		if (!push_str(buf, size, top, &at, a->envp[i], &strings))
			return 0;
	for (uint32_t i = a->argc; i-- > 0;)
		if (!push_str(buf, size, top, &at, a->argv[i], &strings))
			return 0;
	strings = at;

	const uint64_t aux[][2] = {
		{ AT_MINSIGSTKSZ, a->minsigstksz },
		{ AT_HWCAP, a->hwcap },   { AT_PAGESZ, 4096 },     { AT_CLKTCK, a->clktck },
		{ AT_PHDR, a->phdr },     { AT_PHENT, a->phent },  { AT_PHNUM, a->phnum },
		{ AT_BASE, a->base },     { AT_FLAGS, 0 },         { AT_ENTRY, a->entry },
		{ AT_UID, a->uid },       { AT_EUID, a->euid },    { AT_GID, a->gid },
		{ AT_EGID, a->egid },     { AT_SECURE, 0 },        { AT_RANDOM, random },
		{ AT_HWCAP2, a->hwcap2 }, { AT_EXECFN, execfn },   { AT_PLATFORM, platform },
		{ AT_NULL, 0 },
	};
	uint64_t words = 1 + a->argc + 1 + a->envc + 1 + 2 * (sizeof(aux) / sizeof(aux[0]));
	/* RSP (at argc) must end 16-byte aligned. */
	at &= ~(uint64_t)15;
	if (words % 2)
		at -= 8;
	if (at < top - size || at - (top - size) < words * 8)
		return 0;
	uint64_t rsp = at - words * 8;
	uint64_t *w = (uint64_t *)(void *)(buf + (rsp - (top - size)));
	*w++ = a->argc;
	for (uint32_t i = 0; i < a->argc; i++) {
		*w++ = strings;
		strings += str_len(a->argv[i]) + 1;
	}
	*w++ = 0;
	for (uint32_t i = 0; i < a->envc; i++) {
		*w++ = strings;
		strings += str_len(a->envp[i]) + 1;
	}
	*w++ = 0;
	for (unsigned i = 0; i < sizeof(aux) / sizeof(aux[0]); i++) {
		*w++ = aux[i][0];
		*w++ = aux[i][1];
	}
	return rsp;
}
