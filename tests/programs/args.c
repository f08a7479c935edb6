/*
 * args: the initial stack as execve leaves it. Prints argc, every argv[i]
 * and every environment string in order; then checks the auxiliary
 * vector twice, through getauxval and by walking the stack past envp's
 * NULL, since a libc could paper over a missing or misplaced entry.
 * Values that legitimately differ between kernels (addresses, AT_RANDOM's
 * bytes, AT_HWCAP's bits) are never printed: each check prints
 * "auxv ok: NAME" or "auxv bad: NAME: why". Run with the same argv and
 * environment under ring3 and on the host, stdout and the exit status
 * (0 if every check passed, 1 if not) must match.
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;
/* Both libcs' static crt1.o define it; it is where the kernel jumps. */
extern char _start[];

static const Elf64_auxv_t *stack_auxv;
static int failures;

static void ok(const char *name)
{
	printf("auxv ok: %s\n", name);
}

static void bad(const char *name, const char *why)
{
	printf("auxv bad: %s: %s\n", name, why);
	fprintf(stderr, "args: %s: %s\n", name, why);
	failures++;
}

/*
 * The entry from the stack, and getauxval's answer, which must agree:
 * both libcs' getauxval read a copy of the same pointer, so a
 * disagreement means the libc found the vector somewhere else.
 */
static int aux(const char *name, unsigned long type, unsigned long *val)
{
	const Elf64_auxv_t *a;

	for (a = stack_auxv; a->a_type != AT_NULL; a++)
		if (a->a_type == type)
			break;
	if (a->a_type == AT_NULL) {
		bad(name, "missing from the stack");
		return 0;
	}
	*val = a->a_un.a_val;
	/* glibc answers AT_HWCAP* from its own CPU probe, not the vector. */
	if (type != AT_HWCAP && type != AT_HWCAP2 && getauxval(type) != *val) {
		bad(name, "getauxval disagrees with the stack");
		return 0;
	}
	return 1;
}

static void expect_eq(const char *name, unsigned long type, unsigned long want)
{
	unsigned long v;
	char why[96];

	if (!aux(name, type, &v))
		return;
	if (v == want) {
		ok(name);
		return;
	}
	snprintf(why, sizeof(why), "is %lu, want %lu", v, want);
	bad(name, why);
}

static void check_phdrs(void)
{
	unsigned long phdr, phent, phnum;
	const Elf64_Phdr *ph;
	unsigned long i;
	int loads = 0;

	if (!aux("AT_PHDR", AT_PHDR, &phdr) || !aux("AT_PHENT", AT_PHENT, &phent) ||
	    !aux("AT_PHNUM", AT_PHNUM, &phnum))
		return;
	if (phent != sizeof(Elf64_Phdr)) {
		bad("AT_PHENT", "is not sizeof(Elf64_Phdr)");
		return;
	}
	ok("AT_PHENT");
	if (phdr == 0 || phnum == 0) {
		bad("AT_PHDR", phdr ? "AT_PHNUM is 0" : "is 0");
		return;
	}
	ph = (const Elf64_Phdr *)phdr;
	for (i = 0; i < phnum; i++)
		if (ph[i].p_type == PT_LOAD)
			loads++;
	if (loads)
		ok("AT_PHDR");
	else
		bad("AT_PHDR", "no PT_LOAD among the headers");
}

static void check_random(void)
{
	unsigned long p;
	const unsigned char *r;
	unsigned char any = 0;
	int i;

	if (!aux("AT_RANDOM", AT_RANDOM, &p))
		return;
	if (!p) {
		bad("AT_RANDOM", "is 0");
		return;
	}
	r = (const unsigned char *)p;
	for (i = 0; i < 16; i++)
		any |= r[i];
	if (any)
		ok("AT_RANDOM");
	else
		bad("AT_RANDOM", "all 16 bytes are zero");
}

static void check_string(const char *name, unsigned long type, const char *want)
{
	unsigned long p;

	if (!aux(name, type, &p))
		return;
	if (!p)
		bad(name, "is 0");
	else if (want && strcmp((const char *)p, want) != 0)
		bad(name, "wrong string");
	else if (!want && *(const char *)p == '\0')
		bad(name, "empty string");
	else
		ok(name);
}

static void check_nonzero(const char *name, unsigned long type)
{
	unsigned long v;

	if (!aux(name, type, &v))
		return;
	if (v)
		ok(name);
	else
		bad(name, "is 0");
}

/*
 * argc sits just below argv[0], argv ends with NULL, envp starts right
 * after it and is the libc's environ; the auxv follows envp's NULL.
 */
static void check_layout(int argc, char **argv, char **envp)
{
	char **e;

	if (((long *)argv)[-1] != argc)
		bad("stack", "argc is not just below argv");
	if (argv[argc] != NULL)
		bad("stack", "argv[argc] is not NULL");
	if (envp != argv + argc + 1)
		bad("stack", "envp does not follow argv's NULL");
	if (envp != environ)
		bad("stack", "environ is not main's envp");
	for (e = environ; *e; e++)
		;
	stack_auxv = (const Elf64_auxv_t *)(e + 1);
	if (!failures)
		ok("stack layout");
}

int main(int argc, char **argv, char **envp)
{
	int i;

	printf("argc=%d\n", argc);
	for (i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	for (i = 0; envp[i]; i++)
		printf("env: %s\n", envp[i]);

	check_layout(argc, argv, envp);
	expect_eq("AT_PAGESZ", AT_PAGESZ, 4096);
	check_phdrs();
	expect_eq("AT_ENTRY", AT_ENTRY, (unsigned long)_start);
	check_random();
	check_string("AT_EXECFN", AT_EXECFN, NULL);
	check_string("AT_PLATFORM", AT_PLATFORM, "x86_64");
	expect_eq("AT_UID", AT_UID, getuid());
	expect_eq("AT_EUID", AT_EUID, geteuid());
	expect_eq("AT_GID", AT_GID, getgid());
	expect_eq("AT_EGID", AT_EGID, getegid());
	expect_eq("AT_SECURE", AT_SECURE, 0);
	expect_eq("AT_CLKTCK", AT_CLKTCK, 100);
	check_nonzero("AT_HWCAP", AT_HWCAP);

	if (failures) {
		printf("auxv checks failed: %d\n", failures);
		return 1;
	}
	printf("auxv checks passed\n");
	return 0;
}
