/* The command line: from the shell's parameters protocol, or raw load options. */
#include <efi.h>
#include <efilib.h>
#include "efi/efi_app.h"

#define ARGS_TEXT_MAX 2048

static char text[ARGS_TEXT_MAX];

/* Append one UCS-2 word as ASCII; 0 or -1 when not ASCII or too long. */
static int word_add(const CHAR16 *w, UINTN n, char **argv, int *argc, int max, UINTN *used)
{
	if (*argc == max || *used + n + 1 > ARGS_TEXT_MAX)
		return -1;
	char *dst = text + *used;
	for (UINTN i = 0; i < n; i++) {
		if (w[i] < 0x20 || w[i] > 0x7E)
			return -1;
		dst[i] = (char)w[i];
	}
	dst[n] = 0;
	argv[(*argc)++] = dst;
	*used += n + 1;
	return 0;
}

int args_get(EFI_HANDLE image, EFI_LOADED_IMAGE *li, char **argv, int max, const char **why)
{
	CHAR16 **shell_argv;
	INTN shell_argc = GetShellArgcArgv(image, &shell_argv);
	int argc = 0;
	UINTN used = 0;

	*why = "the command line is not plain ASCII or is too long";
	if (shell_argc > 0) {
		/* Started from the shell: argv[0] is this program. */
		for (INTN i = 1; i < shell_argc; i++)
			if (word_add(shell_argv[i], StrLen(shell_argv[i]), argv, &argc, max, &used))
				return -1;
		return argc;
	}
	/* Started by the boot manager: load options, if any, are UCS-2 words
	 * of their own (no program name). Anything else is not ours. */
	const CHAR16 *lo = li->LoadOptions;
	UINTN n = li->LoadOptionsSize / sizeof(CHAR16);
	if (!lo || li->LoadOptionsSize % sizeof(CHAR16))
		return 0;
	for (UINTN i = 0; i < n && lo[i]; i++)
		if (lo[i] < 0x20 || lo[i] > 0x7E)
			return 0;
	for (UINTN i = 0; i < n && lo[i];) {
		while (i < n && lo[i] == ' ')
			i++;
		UINTN start = i;
		while (i < n && lo[i] && lo[i] != ' ')
			i++;
		if (i > start && word_add(lo + start, i - start, argv, &argc, max, &used))
			return -1;
	}
	return argc;
}
