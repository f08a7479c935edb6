/*
 * The bench program as Linux's PID 1 (the initramfs's /init): before the
 * measurements, what this kernel decided about the CPU (its release, its
 * command line, one line per file of
 * /sys/devices/system/cpu/vulnerabilities); after them, power off.
 * Lines start with "LINUX " so that tools can find them.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "user_payload/bench/bench.h"

#define VULN_DIR "/sys/devices/system/cpu/vulnerabilities"

/* A small file's first line, without its newline ("" when unreadable). */
static void first_line(const char *path, char *line, size_t size)
{
	line[0] = 0;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	ssize_t len = read(fd, line, size - 1);
	close(fd);
	line[len > 0 ? len : 0] = 0;
	line[strcspn(line, "\n")] = 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void linux_init_report(void)
{
	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	struct utsname u;
	if (uname(&u) == 0)
		printf("LINUX release: %s\n", u.release);
	char line[1024];
	first_line("/proc/cmdline", line, sizeof(line));
	printf("LINUX cmdline: %s\n", line);
	DIR *d = opendir(VULN_DIR);
	if (!d) {
		printf("LINUX vulnerabilities: none listed (no %s)\n", VULN_DIR);
		fflush(stdout);
		return;
	}
	char *names[64];
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d)) && n < 64;)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_name);
	for (size_t i = 0; i < n; i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", VULN_DIR, names[i]);
		first_line(path, line, sizeof(line));
		printf("LINUX %s: %s\n", names[i], line);
		free(names[i]);
	}
	fflush(stdout);
}

void linux_init_power_off(void)
{
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	/* PID 1 must not return: wait for the power to go. */
	for (;;)
		pause();
}
