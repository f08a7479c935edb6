/* pure: One syscall as strace writes it (see strace_fmt.h). */
#include "core/lib/strace_fmt.h"
#include <stdarg.h>
#include "core/abi/abi.h"
#include "core/abi/syscall_names.h"
#include "core/lib/fmt.h"

/* strace's -s default: bytes of a buffer or string shown, elements of an
 * array. */
#define STR_SHOWN 32
/* Bytes of a path shown (strace shows up to PATH_MAX: a console line
 * has no room for that). */
#define PATH_SHOWN 256
/* iovecs shown: fewer than strace's 32, so a line stays a line. */
#define IOV_SHOWN 8
/* Bytes copied from the user at a time; copies are aligned to it, so a
 * string that ends just before an unmapped page reads well. */
#define CHUNK 32
/* From this many signals of 64 on, strace lists the missing ones: ~[...]. */
#define SIGMASK_INVERT_AT 42
/* environ entries counted for execve's "N vars" at most. */
#define ENV_COUNTED 4096
/* getdents64 records walked for "N entries" at most. */
#define DIRENTS_COUNTED 4096

struct out {
	char *buf;
	size_t size;
	size_t len; /* may pass size: the rest is only counted */
	int64_t (*copy)(void *dst, uint64_t user_src, uint64_t n);
	const struct strace_call *c;
};

/* A value's name, for flag and enum tables; NAME(X) spells X once. */
struct name {
	uint64_t value;
	const char *name;
};
#define NAME(x) { (uint64_t)(x), #x }
/* Decoders with locals of their own stay out of their callers' frames:
 * the formatter runs on a kernel stack. */
#define NOINLINE __attribute__((noinline))
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- output ---- */

static void out_char(struct out *o, char ch)
{
	if (o->len + 1 < o->size) {
		o->buf[o->len] = ch;
		o->buf[o->len + 1] = 0;
	}
	o->len++;
}

static void out_str(struct out *o, const char *s)
{
	while (*s)
		out_char(o, *s++);
}

static void out_fmt(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out_fmt(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t at = o->len < o->size ? o->len : o->size;
	int n = fmt_vsnprintf(o->buf + at, o->size - at, fmt, ap);
	va_end(ap);
	o->len += (size_t)n;
}

/* Take back everything after len (a string that turned out unreadable
 * half-way is printed as its address instead). */
static void out_rewind(struct out *o, size_t len)
{
	o->len = len;
	if (len < o->size)
		o->buf[len] = 0;
}

static void out_int(struct out *o, uint64_t v)
{
	out_fmt(o, "%d", (int32_t)v);
}

static void out_ulong(struct out *o, uint64_t v)
{
	out_fmt(o, "%llu", (unsigned long long)v);
}

static void out_long(struct out *o, uint64_t v)
{
	out_fmt(o, "%lld", (long long)v);
}

/* %#llx: "0" for zero. */
static void out_hex(struct out *o, uint64_t v)
{
	out_fmt(o, "%#llx", (unsigned long long)v);
}

static void out_ptr(struct out *o, uint64_t v)
{
	if (v)
		out_fmt(o, "0x%llx", (unsigned long long)v);
	else
		out_str(o, "NULL");
}

static void out_sep(struct out *o)
{
	out_str(o, ", ");
}

/* C's %#03o, as strace prints modes: "000", "022", "0644". */
static void out_octal(struct out *o, uint64_t v)
{
	char digits[24];
	int n = 0;
	do {
		digits[n++] = (char)('0' + (v & 7));
		v >>= 3;
	} while (v);
	if (!(n == 1 && digits[0] == '0'))
		digits[n++] = '0';
	while (n < 3)
		digits[n++] = '0';
	while (n)
		out_char(o, digits[--n]);
}

/*
 * Flags: the names of the set bits in table order ('|' between them),
 * then any bits left over in hex. A table entry may cover several bits
 * (O_SYNC, O_TMPFILE) and must then come before its parts. after says
 * something was printed already (each name then starts with '|').
 * Otherwise, with no known bit set, zero prints as "0" and anything else
 * as hex with the comment unknown ("O_???") after it, as strace does.
 */
static void out_flags_after(struct out *o, uint64_t v, const struct name *t, size_t n,
			    int after, const char *unknown)
{
	int any = after;
	for (size_t i = 0; i < n; i++) {
		if (t[i].value && (v & t[i].value) == t[i].value) {
			if (any)
				out_char(o, '|');
			out_str(o, t[i].name);
			v &= ~t[i].value;
			any = 1;
		}
	}
	if (any && v)
		out_fmt(o, "|%#llx", (unsigned long long)v);
	else if (!any && !v)
		out_char(o, '0');
	else if (!any)
		out_fmt(o, "%#llx /* %s */", (unsigned long long)v, unknown);
}

static void out_flags(struct out *o, uint64_t v, const struct name *t, size_t n,
		      const char *unknown)
{
	out_flags_after(o, v, t, n, 0, unknown);
}

/* The name of value v in table t, or 0. */
static const char *names_lookup(uint64_t v, const struct name *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].value == v)
			return t[i].name;
	return 0;
}

/* One value of an enumeration: its name, else hex with the comment unknown. */
static void out_enum(struct out *o, uint64_t v, const struct name *t, size_t n,
		     const char *unknown)
{
	const char *s = names_lookup(v, t, n);
	if (s)
		out_str(o, s);
	else
		out_fmt(o, "%#llx /* %s */", (unsigned long long)v, unknown);
}

/* ---- user memory ---- */

static int user_read(struct out *o, void *dst, uint64_t addr, uint64_t n)
{
	return o->copy(dst, addr, n) == 0;
}

/* Bytes of a user string, one at a time, copied a chunk at a time. */
struct user_bytes {
	struct out *o;
	uint64_t addr; /* the next chunk */
	uint8_t buf[CHUNK];
	unsigned pos, len;
};

/* The next byte, or -1 when it cannot be read. */
static int bytes_next(struct user_bytes *r)
{
	if (r->pos == r->len) {
		unsigned n = CHUNK - (unsigned)(r->addr % CHUNK);
		if (!user_read(r->o, r->buf, r->addr, n))
			return -1;
		r->addr += n;
		r->pos = 0;
		r->len = n;
	}
	return r->buf[r->pos++];
}

/*
 * A quoted string is written one byte behind: strace's octal escape for
 * a byte depends on the next one (\1 becomes \001 before a digit 0-7,
 * so the digit is not read as part of it).
 */
struct quoter {
	struct out *o;
	int held; /* the byte waiting for its successor, or -1 */
	int hex;  /* every byte as \xNN (getrandom's data) */
};

static void quote_byte(struct out *o, int ch, int next, int hex)
{
	static const char esc_from[] = "\"\\\f\n\r\t\v", esc_to[] = "\"\\fnrtv";
	if (hex) {
		out_fmt(o, "\\x%02x", ch);
		return;
	}
	for (int i = 0; esc_from[i]; i++) {
		if (ch == esc_from[i]) {
			out_char(o, '\\');
			out_char(o, esc_to[i]);
			return;
		}
	}
	if (ch >= 0x20 && ch < 0x7f) {
		out_char(o, (char)ch);
		return;
	}
	/* Octal, as short as it can be unless a digit follows. */
	int wide = next >= '0' && next <= '7';
	out_char(o, '\\');
	if (wide || ch >= 64)
		out_char(o, (char)('0' + (ch >> 6)));
	if (wide || ch >= 8)
		out_char(o, (char)('0' + ((ch >> 3) & 7)));
	out_char(o, (char)('0' + (ch & 7)));
}

static void quote_start(struct quoter *q, struct out *o, int hex)
{
	q->o = o;
	q->held = -1;
	q->hex = hex;
	out_char(o, '"');
}

static void quote_push(struct quoter *q, int ch)
{
	if (q->held >= 0)
		quote_byte(q->o, q->held, ch, q->hex);
	q->held = ch;
}

/* Close the quotes; "..." after them when there was more than shown. */
static void quote_end(struct quoter *q, int more)
{
	quote_push(q, -1);
	out_char(q->o, '"');
	if (more)
		out_str(q->o, "...");
}

/* A NUL-terminated user string, at most max bytes of it shown; 0 when
 * it could not be read (its address is printed instead). */
static NOINLINE int out_cstr(struct out *o, uint64_t addr, size_t max)
{
	if (!addr) {
		out_str(o, "NULL");
		return 1;
	}
	size_t start = o->len;
	struct user_bytes r = { .o = o, .addr = addr };
	struct quoter q;
	quote_start(&q, o, 0);
	size_t n = 0;
	int ch;
	while ((ch = bytes_next(&r)) > 0 && n < max) {
		quote_push(&q, ch);
		n++;
	}
	if (ch < 0) {
		out_rewind(o, start);
		out_ptr(o, addr);
		return 0;
	}
	quote_end(&q, ch > 0);
	return 1;
}

static void out_path(struct out *o, uint64_t addr)
{
	out_cstr(o, addr, PATH_SHOWN);
}

/* n bytes of user data: the first STR_SHOWN of them, "..." after when
 * there are more. */
static NOINLINE void out_data(struct out *o, uint64_t addr, uint64_t n, int hex)
{
	uint8_t data[STR_SHOWN];
	uint64_t shown = n < STR_SHOWN ? n : STR_SHOWN;
	if (!addr) {
		out_str(o, "NULL");
		return;
	}
	if (!user_read(o, data, addr, shown)) {
		out_ptr(o, addr);
		return;
	}
	struct quoter q;
	quote_start(&q, o, hex);
	for (uint64_t i = 0; i < shown; i++)
		quote_push(&q, data[i]);
	quote_end(&q, n > shown);
}

static int call_failed(const struct strace_call *c)
{
	return c->ret < 0 && c->ret >= -MAX_ERRNO;
}

/* What a call wrote at addr is shown only when it succeeded. */
static int out_param_readable(struct out *o, uint64_t addr)
{
	if (!addr) {
		out_str(o, "NULL");
		return 0;
	}
	if (call_failed(o->c)) {
		out_ptr(o, addr);
		return 0;
	}
	return 1;
}

/* Read n user bytes to show them: 0, with NULL or the address printed
 * instead, when there is nothing to show. */
static int read_in(struct out *o, void *dst, uint64_t addr, uint64_t n)
{
	if (!addr) {
		out_str(o, "NULL");
		return 0;
	}
	if (!user_read(o, dst, addr, n)) {
		out_ptr(o, addr);
		return 0;
	}
	return 1;
}

/* The same for what the call wrote there: shown only after success. */
static int read_out(struct out *o, void *dst, uint64_t addr, uint64_t n)
{
	return out_param_readable(o, addr) && read_in(o, dst, addr, n);
}

/* ---- tables (strace's order where it matters) ---- */

static const struct name open_access[] = {
	NAME(O_RDONLY), NAME(O_WRONLY), NAME(O_RDWR), NAME(O_ACCMODE),
};
static const struct name open_flags[] = {
	NAME(O_CREAT), NAME(O_EXCL), NAME(O_NOCTTY), NAME(O_TRUNC), NAME(O_APPEND),
	NAME(O_NONBLOCK), NAME(O_SYNC), NAME(O_DSYNC), NAME(O_DIRECT), NAME(O_LARGEFILE),
	NAME(O_NOFOLLOW), NAME(O_NOATIME), NAME(O_CLOEXEC), NAME(O_PATH), NAME(O_TMPFILE),
	NAME(O_DIRECTORY), { O_ASYNC, "FASYNC" },
};
static const struct name cloexec_flags[] = { NAME(O_CLOEXEC) };
static const struct name fd_flags[] = { NAME(FD_CLOEXEC) };
static const struct name at_stat_flags[] = {
	NAME(AT_SYMLINK_NOFOLLOW), NAME(AT_NO_AUTOMOUNT), NAME(AT_EMPTY_PATH),
};
static const struct name at_access_flags[] = {
	NAME(AT_SYMLINK_NOFOLLOW), NAME(AT_EACCESS), NAME(AT_EMPTY_PATH),
};
static const struct name statx_sync[] = {
	NAME(AT_STATX_SYNC_AS_STAT), NAME(AT_STATX_FORCE_SYNC), NAME(AT_STATX_DONT_SYNC),
	{ AT_STATX_SYNC_TYPE, "AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC" },
};
static const struct name statx_mask[] = {
	NAME(STATX_ALL), NAME(STATX_BASIC_STATS), NAME(STATX_TYPE), NAME(STATX_MODE),
	NAME(STATX_NLINK), NAME(STATX_UID), NAME(STATX_GID), NAME(STATX_ATIME),
	NAME(STATX_MTIME), NAME(STATX_CTIME), NAME(STATX_INO), NAME(STATX_SIZE),
	NAME(STATX_BLOCKS), NAME(STATX_BTIME), NAME(STATX_MNT_ID), NAME(STATX_DIOALIGN),
};
static const struct name access_modes[] = { NAME(R_OK), NAME(W_OK), NAME(X_OK) };
static const struct name seek_whence[] = {
	NAME(SEEK_SET), NAME(SEEK_CUR), NAME(SEEK_END), NAME(SEEK_DATA), NAME(SEEK_HOLE),
};
static const struct name prot_flags[] = {
	NAME(PROT_READ), NAME(PROT_WRITE), NAME(PROT_EXEC), NAME(PROT_SEM),
	NAME(PROT_GROWSDOWN), NAME(PROT_GROWSUP),
};
static const struct name map_types[] = {
	NAME(MAP_FILE), NAME(MAP_SHARED), NAME(MAP_PRIVATE), NAME(MAP_SHARED_VALIDATE),
};
static const struct name map_flags[] = {
	NAME(MAP_FIXED), NAME(MAP_ANONYMOUS), NAME(MAP_32BIT), NAME(MAP_NORESERVE),
	NAME(MAP_POPULATE), NAME(MAP_NONBLOCK), NAME(MAP_GROWSDOWN), NAME(MAP_DENYWRITE),
	NAME(MAP_EXECUTABLE), NAME(MAP_LOCKED), NAME(MAP_STACK), NAME(MAP_HUGETLB),
	NAME(MAP_SYNC), NAME(MAP_FIXED_NOREPLACE),
};
static const struct name mremap_flags[] = {
	NAME(MREMAP_MAYMOVE), NAME(MREMAP_FIXED), NAME(MREMAP_DONTUNMAP),
};
static const struct name madvise_advice[] = {
	NAME(MADV_NORMAL), NAME(MADV_RANDOM), NAME(MADV_SEQUENTIAL), NAME(MADV_WILLNEED),
	NAME(MADV_DONTNEED), NAME(MADV_FREE), NAME(MADV_REMOVE), NAME(MADV_DONTFORK),
	NAME(MADV_DOFORK), NAME(MADV_MERGEABLE), NAME(MADV_UNMERGEABLE), NAME(MADV_HUGEPAGE),
	NAME(MADV_NOHUGEPAGE), NAME(MADV_DONTDUMP), NAME(MADV_DODUMP), NAME(MADV_WIPEONFORK),
	NAME(MADV_KEEPONFORK), NAME(MADV_COLD), NAME(MADV_PAGEOUT), NAME(MADV_POPULATE_READ),
	NAME(MADV_POPULATE_WRITE), NAME(MADV_DONTNEED_LOCKED), NAME(MADV_COLLAPSE),
	NAME(MADV_HWPOISON), NAME(MADV_SOFT_OFFLINE),
};
static const struct name fcntl_cmds[] = {
	NAME(F_DUPFD), NAME(F_GETFD), NAME(F_SETFD), NAME(F_GETFL), NAME(F_SETFL),
	NAME(F_GETLK), NAME(F_SETLK), NAME(F_SETLKW), NAME(F_SETOWN), NAME(F_GETOWN),
	NAME(F_SETSIG), NAME(F_GETSIG), NAME(F_DUPFD_CLOEXEC), NAME(F_SETPIPE_SZ),
	NAME(F_GETPIPE_SZ),
};
static const struct name ioctl_cmds[] = {
	NAME(TCGETS), { TCSETS, "SNDCTL_TMR_START or TCSETS" },
	{ TCSETSW, "SNDCTL_TMR_STOP or TCSETSW" }, { TCSETSF, "SNDCTL_TMR_CONTINUE or TCSETSF" },
	NAME(TIOCGPGRP), NAME(TIOCSPGRP), NAME(TIOCGWINSZ), NAME(TIOCSWINSZ), NAME(FIONREAD),
	NAME(FIONBIO), NAME(FIONCLEX), NAME(FIOCLEX),
};
static const struct name clocks[] = {
	NAME(CLOCK_REALTIME), NAME(CLOCK_MONOTONIC), NAME(CLOCK_PROCESS_CPUTIME_ID),
	NAME(CLOCK_THREAD_CPUTIME_ID), NAME(CLOCK_MONOTONIC_RAW), NAME(CLOCK_REALTIME_COARSE),
	NAME(CLOCK_MONOTONIC_COARSE), NAME(CLOCK_BOOTTIME), NAME(CLOCK_REALTIME_ALARM),
	NAME(CLOCK_BOOTTIME_ALARM), NAME(CLOCK_SGI_CYCLE), NAME(CLOCK_TAI),
};
static const struct name timer_flags[] = { NAME(TIMER_ABSTIME) };
static const struct name arch_codes[] = {
	NAME(ARCH_SET_GS), NAME(ARCH_SET_FS), NAME(ARCH_GET_FS), NAME(ARCH_GET_GS),
	NAME(ARCH_GET_CPUID), NAME(ARCH_SET_CPUID), NAME(ARCH_GET_XCOMP_SUPP),
	NAME(ARCH_GET_XCOMP_PERM), NAME(ARCH_REQ_XCOMP_PERM), NAME(ARCH_MAP_VDSO_X32),
	NAME(ARCH_MAP_VDSO_32), NAME(ARCH_MAP_VDSO_64),
};
static const struct name futex_ops[] = {
	NAME(FUTEX_WAIT), NAME(FUTEX_WAKE), NAME(FUTEX_FD), NAME(FUTEX_REQUEUE),
	NAME(FUTEX_CMP_REQUEUE), NAME(FUTEX_WAKE_OP), NAME(FUTEX_LOCK_PI), NAME(FUTEX_UNLOCK_PI),
	NAME(FUTEX_TRYLOCK_PI), NAME(FUTEX_WAIT_BITSET), NAME(FUTEX_WAKE_BITSET),
	NAME(FUTEX_WAIT_REQUEUE_PI), NAME(FUTEX_CMP_REQUEUE_PI), NAME(FUTEX_LOCK_PI2),
};
static const struct name sig_how[] = { NAME(SIG_BLOCK), NAME(SIG_UNBLOCK), NAME(SIG_SETMASK) };
static const struct name sa_flags[] = {
	NAME(SA_RESTORER), NAME(SA_ONSTACK), NAME(SA_RESTART), NAME(SA_INTERRUPT),
	NAME(SA_NODEFER), NAME(SA_RESETHAND), NAME(SA_SIGINFO), NAME(SA_NOCLDSTOP),
	NAME(SA_NOCLDWAIT),
};
static const struct name ss_flags[] = { NAME(SS_ONSTACK), NAME(SS_DISABLE), NAME(SS_AUTODISARM) };
static const struct name rlimits[] = {
	NAME(RLIMIT_CPU), NAME(RLIMIT_FSIZE), NAME(RLIMIT_DATA), NAME(RLIMIT_STACK),
	NAME(RLIMIT_CORE), NAME(RLIMIT_RSS), NAME(RLIMIT_NPROC), NAME(RLIMIT_NOFILE),
	NAME(RLIMIT_MEMLOCK), NAME(RLIMIT_AS), NAME(RLIMIT_LOCKS), NAME(RLIMIT_SIGPENDING),
	NAME(RLIMIT_MSGQUEUE), NAME(RLIMIT_NICE), NAME(RLIMIT_RTPRIO), NAME(RLIMIT_RTTIME),
};
static const struct name grnd_flags[] = {
	NAME(GRND_NONBLOCK), NAME(GRND_RANDOM), NAME(GRND_INSECURE),
};
static const struct name itimers[] = { NAME(ITIMER_REAL), NAME(ITIMER_VIRTUAL), NAME(ITIMER_PROF) };
static const struct name prctl_options[] = {
	NAME(PR_SET_PDEATHSIG), NAME(PR_GET_PDEATHSIG), NAME(PR_GET_DUMPABLE),
	NAME(PR_SET_DUMPABLE), NAME(PR_SET_NAME), NAME(PR_GET_NAME), NAME(PR_SET_NO_NEW_PRIVS),
	NAME(PR_GET_NO_NEW_PRIVS),
};
static const struct name dumpable[] = {
	NAME(SUID_DUMP_DISABLE), NAME(SUID_DUMP_USER), NAME(SUID_DUMP_ROOT),
};
static const struct name clone_flags[] = {
	NAME(CLONE_VM), NAME(CLONE_FS), NAME(CLONE_FILES), NAME(CLONE_SIGHAND),
	NAME(CLONE_PIDFD), NAME(CLONE_PTRACE), NAME(CLONE_VFORK), NAME(CLONE_PARENT),
	NAME(CLONE_THREAD), NAME(CLONE_NEWNS), NAME(CLONE_SYSVSEM), NAME(CLONE_SETTLS),
	NAME(CLONE_PARENT_SETTID), NAME(CLONE_CHILD_CLEARTID), NAME(CLONE_DETACHED),
	NAME(CLONE_UNTRACED), NAME(CLONE_CHILD_SETTID), NAME(CLONE_NEWCGROUP),
	NAME(CLONE_NEWUTS), NAME(CLONE_NEWIPC), NAME(CLONE_NEWUSER), NAME(CLONE_NEWPID),
	NAME(CLONE_NEWNET), NAME(CLONE_IO),
};
static const struct name wait_options[] = {
	NAME(WNOHANG), NAME(WSTOPPED), NAME(WEXITED), NAME(WCONTINUED), NAME(WNOWAIT),
	{ WNOTHREAD, "__WNOTHREAD" }, { WALL, "__WALL" }, { WCLONE, "__WCLONE" },
};
static const struct name file_types[] = {
	NAME(S_IFSOCK), NAME(S_IFLNK), NAME(S_IFREG), NAME(S_IFBLK), NAME(S_IFDIR),
	NAME(S_IFCHR), NAME(S_IFIFO),
};
static const struct name mode_bits[] = { NAME(S_ISUID), NAME(S_ISGID), NAME(S_ISVTX) };

#define SIGNAME(s) [s] = #s
static const char *const signal_names[SIGRTMIN] = {
	SIGNAME(SIGHUP), SIGNAME(SIGINT), SIGNAME(SIGQUIT), SIGNAME(SIGILL), SIGNAME(SIGTRAP),
	SIGNAME(SIGABRT), SIGNAME(SIGBUS), SIGNAME(SIGFPE), SIGNAME(SIGKILL), SIGNAME(SIGUSR1),
	SIGNAME(SIGSEGV), SIGNAME(SIGUSR2), SIGNAME(SIGPIPE), SIGNAME(SIGALRM), SIGNAME(SIGTERM),
	SIGNAME(SIGSTKFLT), SIGNAME(SIGCHLD), SIGNAME(SIGCONT), SIGNAME(SIGSTOP), SIGNAME(SIGTSTP),
	SIGNAME(SIGTTIN), SIGNAME(SIGTTOU), SIGNAME(SIGURG), SIGNAME(SIGXCPU), SIGNAME(SIGXFSZ),
	SIGNAME(SIGVTALRM), SIGNAME(SIGPROF), SIGNAME(SIGWINCH), SIGNAME(SIGIO), SIGNAME(SIGPWR),
	SIGNAME(SIGSYS),
};

const char *strace_signal_name(uint64_t sig)
{
	return sig >= 1 && sig < SIGRTMIN ? signal_names[sig] : 0;
}

/* glibc's strerror texts, which strace prints after the name. */
struct errno_text {
	const char *name, *text;
};
#define E(e, text) [e] = { #e, text }
static const struct errno_text errnos[ERRNO_COUNT] = {
	E(EPERM, "Operation not permitted"),
	E(ENOENT, "No such file or directory"),
	E(ESRCH, "No such process"),
	E(EINTR, "Interrupted system call"),
	E(EIO, "Input/output error"),
	E(ENXIO, "No such device or address"),
	E(E2BIG, "Argument list too long"),
	E(ENOEXEC, "Exec format error"),
	E(EBADF, "Bad file descriptor"),
	E(ECHILD, "No child processes"),
	E(EAGAIN, "Resource temporarily unavailable"),
	E(ENOMEM, "Cannot allocate memory"),
	E(EACCES, "Permission denied"),
	E(EFAULT, "Bad address"),
	E(ENOTBLK, "Block device required"),
	E(EBUSY, "Device or resource busy"),
	E(EEXIST, "File exists"),
	E(EXDEV, "Invalid cross-device link"),
	E(ENODEV, "No such device"),
	E(ENOTDIR, "Not a directory"),
	E(EISDIR, "Is a directory"),
	E(EINVAL, "Invalid argument"),
	E(ENFILE, "Too many open files in system"),
	E(EMFILE, "Too many open files"),
	E(ENOTTY, "Inappropriate ioctl for device"),
	E(ETXTBSY, "Text file busy"),
	E(EFBIG, "File too large"),
	E(ENOSPC, "No space left on device"),
	E(ESPIPE, "Illegal seek"),
	E(EROFS, "Read-only file system"),
	E(EMLINK, "Too many links"),
	E(EPIPE, "Broken pipe"),
	E(EDOM, "Numerical argument out of domain"),
	E(ERANGE, "Numerical result out of range"),
	E(EDEADLK, "Resource deadlock avoided"),
	E(ENAMETOOLONG, "File name too long"),
	E(ENOLCK, "No locks available"),
	E(ENOSYS, "Function not implemented"),
	E(ENOTEMPTY, "Directory not empty"),
	E(ELOOP, "Too many levels of symbolic links"),
	E(ENOMSG, "No message of desired type"),
	E(EIDRM, "Identifier removed"),
	E(ECHRNG, "Channel number out of range"),
	E(EL2NSYNC, "Level 2 not synchronized"),
	E(EL3HLT, "Level 3 halted"),
	E(EL3RST, "Level 3 reset"),
	E(ELNRNG, "Link number out of range"),
	E(EUNATCH, "Protocol driver not attached"),
	E(ENOCSI, "No CSI structure available"),
	E(EL2HLT, "Level 2 halted"),
	E(EBADE, "Invalid exchange"),
	E(EBADR, "Invalid request descriptor"),
	E(EXFULL, "Exchange full"),
	E(ENOANO, "No anode"),
	E(EBADRQC, "Invalid request code"),
	E(EBADSLT, "Invalid slot"),
	E(EBFONT, "Bad font file format"),
	E(ENOSTR, "Device not a stream"),
	E(ENODATA, "No data available"),
	E(ETIME, "Timer expired"),
	E(ENOSR, "Out of streams resources"),
	E(ENONET, "Machine is not on the network"),
	E(ENOPKG, "Package not installed"),
	E(EREMOTE, "Object is remote"),
	E(ENOLINK, "Link has been severed"),
	E(EADV, "Advertise error"),
	E(ESRMNT, "Srmount error"),
	E(ECOMM, "Communication error on send"),
	E(EPROTO, "Protocol error"),
	E(EMULTIHOP, "Multihop attempted"),
	E(EDOTDOT, "RFS specific error"),
	E(EBADMSG, "Bad message"),
	E(EOVERFLOW, "Value too large for defined data type"),
	E(ENOTUNIQ, "Name not unique on network"),
	E(EBADFD, "File descriptor in bad state"),
	E(EREMCHG, "Remote address changed"),
	E(ELIBACC, "Can not access a needed shared library"),
	E(ELIBBAD, "Accessing a corrupted shared library"),
	E(ELIBSCN, ".lib section in a.out corrupted"),
	E(ELIBMAX, "Attempting to link in too many shared libraries"),
	E(ELIBEXEC, "Cannot exec a shared library directly"),
	E(EILSEQ, "Invalid or incomplete multibyte or wide character"),
	E(ERESTART, "Interrupted system call should be restarted"),
	E(ESTRPIPE, "Streams pipe error"),
	E(EUSERS, "Too many users"),
	E(ENOTSOCK, "Socket operation on non-socket"),
	E(EDESTADDRREQ, "Destination address required"),
	E(EMSGSIZE, "Message too long"),
	E(EPROTOTYPE, "Protocol wrong type for socket"),
	E(ENOPROTOOPT, "Protocol not available"),
	E(EPROTONOSUPPORT, "Protocol not supported"),
	E(ESOCKTNOSUPPORT, "Socket type not supported"),
	E(EOPNOTSUPP, "Operation not supported"),
	E(EPFNOSUPPORT, "Protocol family not supported"),
	E(EAFNOSUPPORT, "Address family not supported by protocol"),
	E(EADDRINUSE, "Address already in use"),
	E(EADDRNOTAVAIL, "Cannot assign requested address"),
	E(ENETDOWN, "Network is down"),
	E(ENETUNREACH, "Network is unreachable"),
	E(ENETRESET, "Network dropped connection on reset"),
	E(ECONNABORTED, "Software caused connection abort"),
	E(ECONNRESET, "Connection reset by peer"),
	E(ENOBUFS, "No buffer space available"),
	E(EISCONN, "Transport endpoint is already connected"),
	E(ENOTCONN, "Transport endpoint is not connected"),
	E(ESHUTDOWN, "Cannot send after transport endpoint shutdown"),
	E(ETOOMANYREFS, "Too many references: cannot splice"),
	E(ETIMEDOUT, "Connection timed out"),
	E(ECONNREFUSED, "Connection refused"),
	E(EHOSTDOWN, "Host is down"),
	E(EHOSTUNREACH, "No route to host"),
	E(EALREADY, "Operation already in progress"),
	E(EINPROGRESS, "Operation now in progress"),
	E(ESTALE, "Stale file handle"),
	E(EUCLEAN, "Structure needs cleaning"),
	E(ENOTNAM, "Not a XENIX named type file"),
	E(ENAVAIL, "No XENIX semaphores available"),
	E(EISNAM, "Is a named type file"),
	E(EREMOTEIO, "Remote I/O error"),
	E(EDQUOT, "Disk quota exceeded"),
	E(ENOMEDIUM, "No medium found"),
	E(EMEDIUMTYPE, "Wrong medium type"),
	E(ECANCELED, "Operation canceled"),
	E(ENOKEY, "Required key not available"),
	E(EKEYEXPIRED, "Key has expired"),
	E(EKEYREVOKED, "Key has been revoked"),
	E(EKEYREJECTED, "Key was rejected by service"),
	E(EOWNERDEAD, "Owner died"),
	E(ENOTRECOVERABLE, "State not recoverable"),
	E(ERFKILL, "Operation not possible due to RF-kill"),
	E(EHWPOISON, "Memory page has hardware error"),
};

const char *strace_errno_name(uint64_t err)
{
	return err < ERRNO_COUNT ? errnos[err].name : 0;
}

/* ---- signals ---- */

/* Signal sig's name without "SIG" (for masks), or 0 for a number strace
 * prints as such. Real-time ones are RTMIN, RT_1 .. RT_32. */
static void out_signame(struct out *o, uint64_t sig, int prefix)
{
	if (prefix)
		out_str(o, "SIG");
	if (sig < SIGRTMIN)
		out_str(o, signal_names[sig] + 3);
	else if (sig == SIGRTMIN)
		out_str(o, "RTMIN");
	else
		out_fmt(o, "RT_%u", (unsigned)(sig - SIGRTMIN));
}

static void out_signal(struct out *o, uint64_t sig)
{
	if ((int32_t)sig >= 1 && (int32_t)sig <= NSIG)
		out_signame(o, (uint32_t)sig, 1);
	else
		out_int(o, sig);
}

/* A sigset (64 bits: bit n-1 is signal n): the signals in it, or, when
 * it holds most of them, "~" and the ones it lacks. */
static void out_sigmask(struct out *o, uint64_t mask)
{
	unsigned count = 0; /* no popcount: the kernel links no libgcc */
	for (uint64_t m = mask; m; m &= m - 1)
		count++;
	int invert = count >= SIGMASK_INVERT_AT;
	if (invert) {
		out_char(o, '~');
		mask = ~mask;
	}
	out_char(o, '[');
	int first = 1;
	for (unsigned sig = 1; sig <= NSIG; sig++) {
		if (!(mask & (1ULL << (sig - 1))))
			continue;
		if (!first)
			out_char(o, ' ');
		out_signame(o, sig, 0);
		first = 0;
	}
	out_char(o, ']');
}

/* A user sigset of size bytes: strace decodes only the kernel's 8. */
static NOINLINE void out_sigset_at(struct out *o, uint64_t addr, uint64_t size)
{
	uint64_t mask;
	if (!addr)
		out_str(o, "NULL");
	else if (size != sizeof(mask) || !user_read(o, &mask, addr, sizeof(mask)))
		out_ptr(o, addr);
	else
		out_sigmask(o, mask);
}

static NOINLINE void out_sigaction_at(struct out *o, uint64_t addr)
{
	struct abi_sigaction sa;
	if (!read_in(o, &sa, addr, sizeof(sa)))
		return;
	out_str(o, "{sa_handler=");
	if (sa.sa_handler == SIG_DFL)
		out_str(o, "SIG_DFL");
	else if (sa.sa_handler == SIG_IGN)
		out_str(o, "SIG_IGN");
	else
		out_ptr(o, sa.sa_handler);
	out_str(o, ", sa_mask=");
	out_sigmask(o, sa.sa_mask);
	out_str(o, ", sa_flags=");
	out_flags(o, sa.sa_flags, sa_flags, COUNT(sa_flags), "SA_???");
	if (sa.sa_flags & SA_RESTORER) {
		out_str(o, ", sa_restorer=");
		out_ptr(o, sa.sa_restorer);
	}
	out_char(o, '}');
}

/* ---- structs ---- */

static NOINLINE void out_timespec_at(struct out *o, uint64_t addr)
{
	struct abi_timespec ts;
	if (!read_in(o, &ts, addr, sizeof(ts)))
		return;
	out_fmt(o, "{tv_sec=%lld, tv_nsec=%lld}", ts.tv_sec, ts.tv_nsec);
}

static void out_timeval(struct out *o, const struct abi_timeval *tv)
{
	out_fmt(o, "{tv_sec=%lld, tv_usec=%lld}", tv->tv_sec, tv->tv_usec);
}

static NOINLINE void out_itimerval_at(struct out *o, uint64_t addr)
{
	struct abi_timeval it[2]; /* it_interval, it_value */
	if (!read_in(o, it, addr, sizeof(it)))
		return;
	out_str(o, "{it_interval=");
	out_timeval(o, &it[0]);
	out_str(o, ", it_value=");
	out_timeval(o, &it[1]);
	out_char(o, '}');
}

static void out_rlim_value(struct out *o, uint64_t v)
{
	if (v == RLIM_INFINITY)
		out_str(o, "RLIM64_INFINITY");
	else if (v && v % 1024 == 0)
		out_fmt(o, "%llu*1024", (unsigned long long)(v / 1024));
	else
		out_ulong(o, v);
}

static NOINLINE void out_rlimit_at(struct out *o, uint64_t addr)
{
	struct abi_rlimit rl;
	if (!read_in(o, &rl, addr, sizeof(rl)))
		return;
	out_str(o, "{rlim_cur=");
	out_rlim_value(o, rl.rlim_cur);
	out_str(o, ", rlim_max=");
	out_rlim_value(o, rl.rlim_max);
	out_char(o, '}');
}

/* st_mode: "S_IFREG|S_ISUID|0755". */
static void out_mode(struct out *o, uint32_t mode)
{
	const char *type = names_lookup(mode & S_IFMT, file_types, COUNT(file_types));
	if (type) {
		out_str(o, type);
		out_char(o, '|');
	}
	for (size_t i = 0; i < COUNT(mode_bits); i++) {
		if (mode & mode_bits[i].value) {
			out_str(o, mode_bits[i].name);
			out_char(o, '|');
		}
	}
	out_octal(o, mode & S_IPERM);
}

/* A device number the way glibc's major()/minor() split it. */
static void out_makedev(struct out *o, uint64_t dev)
{
	uint64_t major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffULL);
	uint64_t minor = (dev & 0xff) | ((dev >> 12) & ~0xffULL);
	out_fmt(o, "makedev(%#llx, %#llx)", (unsigned long long)major, (unsigned long long)minor);
}

/* struct stat, abbreviated as strace does: the mode, then the size (or
 * the device of a device file). Only the fields shown are read. */
static NOINLINE void out_stat_at(struct out *o, uint64_t addr)
{
	struct {
		uint32_t mode;
		uint32_t uid, gid, pad;
		uint64_t rdev;
		int64_t size;
	} st; /* st_mode .. st_size of struct abi_stat */
	_Static_assert(__builtin_offsetof(struct abi_stat, st_size) -
			       __builtin_offsetof(struct abi_stat, st_mode) == 24,
		       "st_mode .. st_size as read here");
	if (!out_param_readable(o, addr))
		return;
	if (!user_read(o, &st, addr + __builtin_offsetof(struct abi_stat, st_mode), sizeof(st))) {
		out_ptr(o, addr); /* the address of the struct, not of st_mode */
		return;
	}
	out_str(o, "{st_mode=");
	out_mode(o, st.mode);
	uint32_t type = st.mode & S_IFMT;
	if (type == S_IFCHR || type == S_IFBLK) {
		out_str(o, ", st_rdev=");
		out_makedev(o, st.rdev);
	} else {
		out_fmt(o, ", st_size=%lld", (long long)st.size);
	}
	out_str(o, ", ...}");
}

static NOINLINE void out_statx_at(struct out *o, uint64_t addr)
{
	struct {
		uint32_t mask, blksize;
		uint64_t attributes;
		uint32_t nlink, uid, gid;
		uint16_t mode, pad;
		uint64_t ino, size;
	} sx; /* struct abi_statx up to stx_size: what is shown */
	_Static_assert(sizeof(sx) == __builtin_offsetof(struct abi_statx, stx_blocks),
		       "the start of struct statx as read here");
	if (!read_out(o, &sx, addr, sizeof(sx)))
		return;
	out_str(o, "{stx_mask=");
	out_flags(o, sx.mask, statx_mask, COUNT(statx_mask), "STATX_???");
	out_fmt(o, ", stx_attributes=%#llx, stx_mode=", (unsigned long long)sx.attributes);
	out_mode(o, sx.mode);
	out_fmt(o, ", stx_size=%llu, ...}", (unsigned long long)sx.size);
}

static NOINLINE void out_sysinfo_at(struct out *o, uint64_t addr)
{
	struct abi_sysinfo si;
	if (!read_out(o, &si, addr, sizeof(si)))
		return;
	out_fmt(o, "{uptime=%lld, loads=[%llu, %llu, %llu], totalram=%llu, freeram=%llu, ",
		si.uptime, si.loads[0], si.loads[1], si.loads[2], si.totalram, si.freeram);
	out_fmt(o, "sharedram=%llu, bufferram=%llu, totalswap=%llu, freeswap=%llu, ",
		si.sharedram, si.bufferram, si.totalswap, si.freeswap);
	out_fmt(o, "procs=%u, totalhigh=%llu, freehigh=%llu, mem_unit=%u}", si.procs,
		si.totalhigh, si.freehigh, si.mem_unit);
}

static NOINLINE void out_utsname_at(struct out *o, uint64_t addr)
{
	if (!out_param_readable(o, addr))
		return;
	size_t start = o->len;
	out_str(o, "{sysname=");
	if (!out_cstr(o, addr + __builtin_offsetof(struct utsname, sysname), UTSNAME_FIELD_LEN - 1)) {
		out_rewind(o, start);
		out_ptr(o, addr);
		return;
	}
	out_str(o, ", nodename=");
	out_cstr(o, addr + __builtin_offsetof(struct utsname, nodename), UTSNAME_FIELD_LEN - 1);
	out_str(o, ", ...}");
}

static NOINLINE void out_stack_at(struct out *o, uint64_t addr)
{
	struct abi_sigaltstack ss;
	if (!read_in(o, &ss, addr, sizeof(ss)))
		return;
	out_str(o, "{ss_sp=");
	out_ptr(o, ss.ss_sp);
	out_str(o, ", ss_flags=");
	out_flags(o, (uint32_t)ss.ss_flags, ss_flags, COUNT(ss_flags), "SS_???");
	out_fmt(o, ", ss_size=%llu}", ss.ss_size);
}

/* wait4's status word, as the W* macros read it. */
static NOINLINE void out_wait_status(struct out *o, uint32_t s)
{
	out_str(o, "[{");
	if ((s & 0x7f) == 0) {
		out_fmt(o, "WIFEXITED(s) && WEXITSTATUS(s) == %u", (s >> 8) & 0xff);
	} else if ((s & 0xff) == 0x7f) {
		out_str(o, "WIFSTOPPED(s) && WSTOPSIG(s) == ");
		out_signal(o, (s >> 8) & 0xff);
	} else if (s == 0xffff) {
		out_str(o, "WIFCONTINUED(s)");
	} else {
		out_str(o, "WIFSIGNALED(s) && WTERMSIG(s) == ");
		out_signal(o, s & 0x7f);
		if (s & 0x80)
			out_str(o, " && WCOREDUMP(s)");
	}
	out_str(o, "}]");
}

/* "2026-11-30T15:04:22+0000": the kernel keeps UTC. */
static NOINLINE void out_date(struct out *o, int64_t t)
{
	int64_t days = t / 86400, secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	/* Civil date from days since 1970-01-01, in 400-year eras that
	 * start on March 1st (so the leap day ends a year). */
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t day = doy - (153 * mp + 2) / 5 + 1;
	int64_t month = mp < 10 ? mp + 3 : mp - 9;
	int64_t year = yoe + era * 400 + (month <= 2);
	out_fmt(o, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld+0000", (long long)year,
		(long long)month, (long long)day, (long long)(secs / 3600),
		(long long)(secs / 60 % 60), (long long)(secs % 60));
}

/* ---- arguments, call by call ---- */

static void out_dirfd(struct out *o, uint64_t v)
{
	if ((int32_t)v == AT_FDCWD)
		out_str(o, "AT_FDCWD");
	else
		out_int(o, v);
}

/* open(2) flags: the access mode always, then the other flags. */
static void out_open_flags(struct out *o, uint64_t v)
{
	out_str(o, names_lookup(v & O_ACCMODE, open_access, COUNT(open_access)));
	out_flags_after(o, v & ~(uint64_t)O_ACCMODE, open_flags, COUNT(open_flags), 1, 0);
}

/* open and openat: the mode only when the call can create a file. */
static void out_open(struct out *o, uint64_t flags, uint64_t mode)
{
	out_open_flags(o, flags);
	if ((flags & O_CREAT) || (flags & (O_TMPFILE & ~O_DIRECTORY))) {
		out_sep(o);
		out_octal(o, mode);
	}
}

static void out_prot(struct out *o, uint64_t v)
{
	if (v)
		out_flags(o, v, prot_flags, COUNT(prot_flags), "PROT_???");
	else
		out_str(o, "PROT_NONE");
}

/* mmap flags: the sharing type, the flags, the huge page size. */
static void out_map_flags(struct out *o, uint64_t v)
{
	uint64_t huge = v >> MAP_HUGE_SHIFT;
	out_enum(o, v & MAP_TYPE, map_types, COUNT(map_types), "MAP_???");
	v &= ~(uint64_t)MAP_TYPE & ((1ULL << MAP_HUGE_SHIFT) - 1);
	out_flags_after(o, v, map_flags, COUNT(map_flags), 1, 0);
	if (huge)
		out_fmt(o, "|%llu<<MAP_HUGE_SHIFT", (unsigned long long)huge);
}

static void out_access_mode(struct out *o, uint64_t v)
{
	if (v)
		out_flags(o, v, access_modes, COUNT(access_modes), "?_OK");
	else
		out_str(o, "F_OK");
}

static void out_clock(struct out *o, uint64_t v)
{
	out_enum(o, (uint32_t)v, clocks, COUNT(clocks), "CLOCK_???");
}

/* What read-like calls filled: ret bytes, or the address on error. */
static void out_filled(struct out *o, uint64_t addr, int hex)
{
	if (call_failed(o->c))
		out_ptr(o, addr);
	else
		out_data(o, addr, (uint64_t)o->c->ret, hex);
}

/* "[value]" of what the call stored at addr (hex or decimal). */
static NOINLINE void out_stored(struct out *o, uint64_t addr, int hex)
{
	uint64_t v;
	if (!read_out(o, &v, addr, sizeof(v)))
		return;
	out_fmt(o, hex ? "[%#llx]" : "[%lld]", (unsigned long long)v);
}

/* An int the call read (or, stored, wrote) at addr, as "[n]". */
static NOINLINE void out_int_at(struct out *o, uint64_t addr, int stored)
{
	int32_t v;
	if (stored ? read_out(o, &v, addr, sizeof(v)) : read_in(o, &v, addr, sizeof(v)))
		out_fmt(o, "[%d]", v);
}

/* readv/writev's iovec array: each buffer's data (readv's only after
 * success, spread over the buffers as the call filled them). */
static NOINLINE void out_iov(struct out *o, uint64_t addr, uint64_t count, int filled)
{
	const struct strace_call *c = o->c;
	uint64_t left = (uint64_t)c->ret;
	if (!addr) {
		out_ptr(o, addr);
		return;
	}
	size_t start = o->len;
	out_char(o, '[');
	for (uint64_t i = 0; i < count; i++) {
		struct abi_iovec iov;
		if (i == IOV_SHOWN) {
			out_str(o, ", ...");
			break;
		}
		if (!user_read(o, &iov, addr + i * sizeof(iov), sizeof(iov))) {
			if (i == 0) {
				out_rewind(o, start);
				out_ptr(o, addr);
				return;
			}
			break;
		}
		if (i)
			out_sep(o);
		out_str(o, "{iov_base=");
		if (filled && call_failed(c)) {
			out_ptr(o, iov.iov_base);
		} else if (filled) {
			uint64_t n = iov.iov_len < left ? iov.iov_len : left;
			out_data(o, iov.iov_base, n, 0);
			left -= n;
		} else {
			out_data(o, iov.iov_base, iov.iov_len, 0);
		}
		out_fmt(o, ", iov_len=%llu}", iov.iov_len);
	}
	out_char(o, ']');
}

/* execve's argv: its strings, the first STR_SHOWN of them. */
static NOINLINE void out_argv(struct out *o, uint64_t addr)
{
	if (!addr) {
		out_str(o, "NULL");
		return;
	}
	size_t start = o->len;
	out_char(o, '[');
	for (unsigned i = 0;; i++) {
		uint64_t p;
		if (!user_read(o, &p, addr + i * sizeof(p), sizeof(p))) {
			out_rewind(o, start);
			out_ptr(o, addr);
			return;
		}
		if (!p)
			break;
		if (i)
			out_sep(o);
		if (i == STR_SHOWN) {
			out_str(o, "...");
			break;
		}
		out_cstr(o, p, STR_SHOWN);
	}
	out_char(o, ']');
}

/* execve's envp: only how many there are. */
static NOINLINE void out_envp(struct out *o, uint64_t addr)
{
	out_ptr(o, addr);
	if (!addr)
		return;
	unsigned n = 0;
	uint64_t p = 1;
	while (n < ENV_COUNTED && user_read(o, &p, addr + n * sizeof(p), sizeof(p)) && p)
		n++;
	if (!p)
		out_fmt(o, " /* %u var%s */", n, n == 1 ? "" : "s");
}

/* getdents64's buffer: only how many records the call returned. */
static NOINLINE void out_dirents(struct out *o, uint64_t addr)
{
	const struct strace_call *c = o->c;
	out_ptr(o, addr);
	if (call_failed(c))
		return;
	uint64_t at = 0, size = (uint64_t)c->ret;
	unsigned n = 0;
	while (at < size && n < DIRENTS_COUNTED) {
		uint16_t reclen;
		uint64_t field = __builtin_offsetof(struct abi_dirent64, d_reclen);
		if (!user_read(o, &reclen, addr + at + field, sizeof(reclen)) ||
		    reclen <= __builtin_offsetof(struct abi_dirent64, d_name))
			break;
		at += reclen;
		n++;
	}
	out_fmt(o, " /* %u entr%s */", n, n == 1 ? "y" : "ies");
}

/* sched_getaffinity's mask: the CPUs in it. */
static NOINLINE void out_cpuset(struct out *o, uint64_t addr)
{
	if (!out_param_readable(o, addr))
		return;
	uint64_t words = (uint64_t)o->c->ret / sizeof(uint64_t);
	int first = 1;
	out_char(o, '[');
	for (uint64_t w = 0; w < words && w < 8; w++) {
		uint64_t bits;
		if (!user_read(o, &bits, addr + w * sizeof(bits), sizeof(bits)))
			break;
		for (unsigned b = 0; b < 64; b++) {
			if (!(bits & (1ULL << b)))
				continue;
			if (!first)
				out_char(o, ' ');
			out_ulong(o, w * 64 + b);
			first = 0;
		}
	}
	out_char(o, ']');
}

static NOINLINE void out_groups(struct out *o, uint64_t addr)
{
	if (!out_param_readable(o, addr))
		return;
	out_char(o, '[');
	for (int64_t i = 0; i < o->c->ret; i++) {
		uint32_t gid;
		if (i)
			out_sep(o);
		if (i == STR_SHOWN) {
			out_str(o, "...");
			break;
		}
		if (!user_read(o, &gid, addr + (uint64_t)i * sizeof(gid), sizeof(gid)))
			break;
		out_fmt(o, "%u", gid);
	}
	out_char(o, ']');
}

static NOINLINE void out_time_at(struct out *o, uint64_t addr)
{
	uint64_t t;
	if (!read_out(o, &t, addr, sizeof(t)))
		return;
	out_fmt(o, "[%lld /* ", (long long)t);
	out_date(o, (int64_t)t);
	out_str(o, " */]");
}

static NOINLINE void out_ioctl(struct out *o, const uint64_t *a)
{
	const char *name = names_lookup((uint32_t)a[1], ioctl_cmds, COUNT(ioctl_cmds));
	out_int(o, a[0]);
	out_sep(o);
	if (!name) {
		static const char *const dirs[] = { "_IOC_NONE", "_IOC_WRITE", "_IOC_READ",
						    "_IOC_READ|_IOC_WRITE" };
		uint32_t r = (uint32_t)a[1];
		out_fmt(o, "_IOC(%s, %#x, %#x, %#x), ", dirs[r >> IOC_DIRSHIFT],
			(r >> IOC_TYPESHIFT) & 0xff, (r >> IOC_NRSHIFT) & 0xff,
			(r >> IOC_SIZESHIFT) & IOC_SIZEMASK);
		out_hex(o, a[2]);
		return;
	}
	out_str(o, name);
	switch ((uint32_t)a[1]) {
	case FIOCLEX:
	case FIONCLEX:
		return;
	case TIOCSPGRP:
	case FIONBIO:
		out_sep(o);
		out_int_at(o, a[2], 0);
		return;
	case TIOCGPGRP:
	case FIONREAD:
		out_sep(o);
		out_int_at(o, a[2], 1);
		return;
	case TIOCGWINSZ:
	case TIOCSWINSZ: {
		struct abi_winsize ws;
		out_sep(o);
		if ((uint32_t)a[1] == TIOCGWINSZ ? read_out(o, &ws, a[2], sizeof(ws))
						  : read_in(o, &ws, a[2], sizeof(ws)))
			out_fmt(o, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}", ws.ws_row,
				ws.ws_col, ws.ws_xpixel, ws.ws_ypixel);
		return;
	}
	default: /* termios: the address (strace decodes its flags) */
		out_sep(o);
		out_ptr(o, a[2]);
	}
}

static NOINLINE void out_fcntl(struct out *o, const uint64_t *a)
{
	uint32_t cmd = (uint32_t)a[1];
	out_int(o, a[0]);
	out_sep(o);
	out_enum(o, cmd, fcntl_cmds, COUNT(fcntl_cmds), "F_???");
	switch (cmd) {
	case F_GETFD:
	case F_GETFL:
	case F_GETOWN:
	case F_GETSIG:
	case F_GETPIPE_SZ:
		return;
	case F_SETFD:
		out_sep(o);
		out_flags(o, a[2], fd_flags, COUNT(fd_flags), "FD_???");
		return;
	case F_SETFL:
		out_sep(o);
		out_open_flags(o, a[2]);
		return;
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
	case F_SETOWN:
	case F_SETPIPE_SZ:
		out_sep(o);
		out_int(o, a[2]);
		return;
	case F_SETSIG:
		out_sep(o);
		out_signal(o, a[2]);
		return;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW: /* struct flock: the address */
		out_sep(o);
		out_ptr(o, a[2]);
		return;
	default:
		out_sep(o);
		out_hex(o, a[2]);
	}
}

static NOINLINE void out_futex(struct out *o, const uint64_t *a)
{
	uint32_t op = (uint32_t)a[1], cmd = op & FUTEX_CMD_MASK;
	const char *name = names_lookup(cmd, futex_ops, COUNT(futex_ops));
	out_ptr(o, a[0]);
	out_sep(o);
	if (!name) {
		out_fmt(o, "%#x /* FUTEX_??? */, %u, ", op, (uint32_t)a[2]);
		out_hex(o, a[3]);
		out_sep(o);
		out_hex(o, a[4]);
		out_fmt(o, ", %#x", (uint32_t)a[5]);
		return;
	}
	out_str(o, name);
	if (op & FUTEX_PRIVATE_FLAG)
		out_str(o, "_PRIVATE");
	if (op & FUTEX_CLOCK_REALTIME)
		out_str(o, "|FUTEX_CLOCK_REALTIME");
	switch (cmd) {
	case FUTEX_UNLOCK_PI:
	case FUTEX_TRYLOCK_PI:
		return;
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
		out_sep(o);
		out_timespec_at(o, a[3]);
		return;
	}
	out_fmt(o, ", %u", (uint32_t)a[2]);
	switch (cmd) {
	case FUTEX_WAIT:
		out_sep(o);
		out_timespec_at(o, a[3]);
		return;
	case FUTEX_WAKE:
		return;
	case FUTEX_WAIT_BITSET:
		out_sep(o);
		out_timespec_at(o, a[3]);
		__attribute__((fallthrough)); /* and the bitset */
	case FUTEX_WAKE_BITSET:
		if ((uint32_t)a[5] == FUTEX_BITSET_MATCH_ANY)
			out_str(o, ", FUTEX_BITSET_MATCH_ANY");
		else
			out_fmt(o, ", %#x", (uint32_t)a[5]);
		return;
	case FUTEX_REQUEUE:
		out_fmt(o, ", %u, ", (uint32_t)a[3]);
		out_ptr(o, a[4]);
		return;
	case FUTEX_CMP_REQUEUE:
		out_fmt(o, ", %u, ", (uint32_t)a[3]);
		out_ptr(o, a[4]);
		out_fmt(o, ", %u", (uint32_t)a[5]);
		return;
	default:
		out_sep(o);
		out_hex(o, a[3]);
		out_sep(o);
		out_ptr(o, a[4]);
		out_fmt(o, ", %#x", (uint32_t)a[5]);
	}
}

static NOINLINE void out_prctl(struct out *o, const uint64_t *a)
{
	uint32_t option = (uint32_t)a[0];
	out_enum(o, option, prctl_options, COUNT(prctl_options), "PR_???");
	switch (option) {
	case PR_GET_DUMPABLE:
		return;
	case PR_SET_NAME:
		out_sep(o);
		out_cstr(o, a[1], TASK_COMM_LEN - 1);
		return;
	case PR_GET_NAME:
		out_sep(o);
		if (out_param_readable(o, a[1]))
			out_cstr(o, a[1], TASK_COMM_LEN - 1);
		return;
	case PR_SET_PDEATHSIG:
		out_sep(o);
		out_signal(o, a[1]);
		return;
	case PR_GET_PDEATHSIG:
		out_sep(o);
		out_int_at(o, a[1], 1);
		return;
	case PR_SET_DUMPABLE:
		out_sep(o);
		out_enum(o, a[1], dumpable, COUNT(dumpable), "SUID_DUMP_???");
		return;
	case PR_SET_NO_NEW_PRIVS:
	case PR_GET_NO_NEW_PRIVS:
		out_fmt(o, ", %llu, %llu, %llu, %llu", (unsigned long long)a[1],
			(unsigned long long)a[2], (unsigned long long)a[3], (unsigned long long)a[4]);
		return;
	}
	for (int i = 1; i < 5; i++) {
		out_sep(o);
		out_hex(o, a[i]);
	}
}

static NOINLINE void out_arch_prctl(struct out *o, const uint64_t *a)
{
	uint32_t code = (uint32_t)a[0];
	out_enum(o, code, arch_codes, COUNT(arch_codes), "ARCH_???");
	switch (code) {
	case ARCH_GET_CPUID:
		return;
	case ARCH_GET_FS:
	case ARCH_GET_GS:
	case ARCH_GET_XCOMP_SUPP:
	case ARCH_GET_XCOMP_PERM:
		out_sep(o);
		out_stored(o, a[1], 1);
		return;
	case ARCH_SET_FS:
	case ARCH_SET_GS:
	case ARCH_SET_CPUID:
	case ARCH_REQ_XCOMP_PERM:
	case ARCH_MAP_VDSO_X32:
	case ARCH_MAP_VDSO_32:
	case ARCH_MAP_VDSO_64:
		out_sep(o);
		out_hex(o, a[1]);
		return;
	}
	out_sep(o);
	out_ptr(o, a[1]);
}

static NOINLINE void out_gettimeofday(struct out *o, const uint64_t *a)
{
	struct abi_timeval tv;
	struct abi_timezone tz;
	if (read_out(o, &tv, a[0], sizeof(tv)))
		out_timeval(o, &tv);
	out_sep(o);
	if (read_out(o, &tz, a[1], sizeof(tz)))
		out_fmt(o, "{tz_minuteswest=%d, tz_dsttime=%d}", tz.tz_minuteswest, tz.tz_dsttime);
}

static NOINLINE void out_wait4(struct out *o, const uint64_t *a)
{
	uint32_t status;
	out_int(o, a[0]);
	out_sep(o);
	if (a[1] && o->c->ret > 0 && user_read(o, &status, a[1], sizeof(status)))
		out_wait_status(o, status);
	else
		out_ptr(o, a[1]);
	out_sep(o);
	out_flags(o, (uint32_t)a[2], wait_options, COUNT(wait_options), "W???");
	out_sep(o);
	out_ptr(o, a[3]);
}

static NOINLINE void out_clone(struct out *o, const uint64_t *a)
{
	uint64_t flags = a[0], sig = flags & CSIGNAL;
	out_str(o, "child_stack=");
	out_ptr(o, a[1]);
	out_str(o, ", flags=");
	if (flags & ~(uint64_t)CSIGNAL || !sig)
		out_flags(o, flags & ~(uint64_t)CSIGNAL, clone_flags, COUNT(clone_flags),
			  "CLONE_???");
	if (sig) {
		if (flags & ~(uint64_t)CSIGNAL)
			out_char(o, '|');
		out_signal(o, sig);
	}
	if (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
		out_str(o, ", parent_tid=");
		out_ptr(o, a[2]);
	}
	if (flags & CLONE_SETTLS) {
		out_str(o, ", tls=");
		out_ptr(o, a[4]);
	}
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		out_str(o, ", child_tidptr=");
		out_ptr(o, a[3]);
	}
}

/*
 * The arguments of the calls decoded here, strace's way; 0 for the
 * others (printed as hex by the caller).
 */
static int out_args(struct out *o)
{
	const struct strace_call *c = o->c;
	const uint64_t *a = c->args;
	switch (c->nr) {
	case SYS_read:
	case SYS_pread64:
		out_int(o, a[0]);
		out_sep(o);
		out_filled(o, a[1], 0);
		out_sep(o);
		out_ulong(o, a[2]);
		if (c->nr == SYS_pread64) {
			out_sep(o);
			out_long(o, a[3]);
		}
		return 1;
	case SYS_write:
	case SYS_pwrite64:
		out_int(o, a[0]);
		out_sep(o);
		out_data(o, a[1], a[2], 0);
		out_sep(o);
		out_ulong(o, a[2]);
		if (c->nr == SYS_pwrite64) {
			out_sep(o);
			out_long(o, a[3]);
		}
		return 1;
	case SYS_open:
		out_path(o, a[0]);
		out_sep(o);
		out_open(o, a[1], a[2]);
		return 1;
	case SYS_openat:
		out_dirfd(o, a[0]);
		out_sep(o);
		out_path(o, a[1]);
		out_sep(o);
		out_open(o, a[2], a[3]);
		return 1;
	case SYS_close:
	case SYS_dup:
	case SYS_getpgid:
	case SYS_getsid:
	case SYS_exit:
	case SYS_exit_group:
		out_int(o, a[0]);
		return 1;
	case SYS_dup2:
		out_fmt(o, "%d, %d", (int32_t)a[0], (int32_t)a[1]);
		return 1;
	case SYS_dup3:
		out_fmt(o, "%d, %d, ", (int32_t)a[0], (int32_t)a[1]);
		out_flags(o, (uint32_t)a[2], cloexec_flags, COUNT(cloexec_flags), "O_???");
		return 1;
	case SYS_stat:
	case SYS_lstat:
		out_path(o, a[0]);
		out_sep(o);
		out_stat_at(o, a[1]);
		return 1;
	case SYS_fstat:
		out_int(o, a[0]);
		out_sep(o);
		out_stat_at(o, a[1]);
		return 1;
	case SYS_newfstatat:
		out_dirfd(o, a[0]);
		out_sep(o);
		out_path(o, a[1]);
		out_sep(o);
		out_stat_at(o, a[2]);
		out_sep(o);
		out_flags(o, (uint32_t)a[3], at_stat_flags, COUNT(at_stat_flags), "AT_???");
		return 1;
	case SYS_statx:
		out_dirfd(o, a[0]);
		out_sep(o);
		out_path(o, a[1]);
		out_sep(o);
		out_str(o, names_lookup(a[2] & AT_STATX_SYNC_TYPE, statx_sync, COUNT(statx_sync)));
		out_flags_after(o, (uint32_t)a[2] & ~AT_STATX_SYNC_TYPE, at_stat_flags,
				COUNT(at_stat_flags), 1, 0);
		out_sep(o);
		out_flags(o, (uint32_t)a[3], statx_mask, COUNT(statx_mask), "STATX_???");
		out_sep(o);
		out_statx_at(o, a[4]);
		return 1;
	case SYS_lseek:
		out_int(o, a[0]);
		out_sep(o);
		out_long(o, a[1]);
		out_sep(o);
		out_enum(o, (uint32_t)a[2], seek_whence, COUNT(seek_whence), "SEEK_???");
		return 1;
	case SYS_mmap:
		out_ptr(o, a[0]);
		out_sep(o);
		out_ulong(o, a[1]);
		out_sep(o);
		out_prot(o, a[2]);
		out_sep(o);
		out_map_flags(o, (uint32_t)a[3]);
		out_fmt(o, ", %d, ", (int32_t)a[4]);
		out_hex(o, a[5]);
		return 1;
	case SYS_mprotect:
		out_ptr(o, a[0]);
		out_sep(o);
		out_ulong(o, a[1]);
		out_sep(o);
		out_prot(o, a[2]);
		return 1;
	case SYS_munmap:
	case SYS_set_robust_list:
		out_ptr(o, a[0]);
		out_sep(o);
		out_ulong(o, a[1]);
		return 1;
	case SYS_brk:
	case SYS_set_tid_address:
		out_ptr(o, a[0]);
		return 1;
	case SYS_mremap:
		out_ptr(o, a[0]);
		out_fmt(o, ", %llu, %llu, ", (unsigned long long)a[1], (unsigned long long)a[2]);
		out_flags(o, a[3], mremap_flags, COUNT(mremap_flags), "MREMAP_???");
		if ((a[3] & (MREMAP_MAYMOVE | MREMAP_FIXED)) == (MREMAP_MAYMOVE | MREMAP_FIXED)) {
			out_sep(o);
			out_ptr(o, a[4]);
		}
		return 1;
	case SYS_madvise:
		out_ptr(o, a[0]);
		out_sep(o);
		out_ulong(o, a[1]);
		out_sep(o);
		out_enum(o, (uint32_t)a[2], madvise_advice, COUNT(madvise_advice), "MADV_???");
		return 1;
	case SYS_rt_sigaction:
		out_signal(o, a[0]);
		out_sep(o);
		out_sigaction_at(o, a[1]);
		out_sep(o);
		if (out_param_readable(o, a[2]))
			out_sigaction_at(o, a[2]);
		out_sep(o);
		out_ulong(o, a[3]);
		return 1;
	case SYS_rt_sigprocmask:
		out_enum(o, (uint32_t)a[0], sig_how, COUNT(sig_how), "SIG_???");
		out_sep(o);
		out_sigset_at(o, a[1], a[3]);
		out_sep(o);
		if (out_param_readable(o, a[2]))
			out_sigset_at(o, a[2], a[3]);
		out_sep(o);
		out_ulong(o, a[3]);
		return 1;
	case SYS_rt_sigsuspend:
		out_sigset_at(o, a[0], a[1]);
		out_sep(o);
		out_ulong(o, a[1]);
		return 1;
	case SYS_rt_sigpending:
		if (out_param_readable(o, a[0]))
			out_sigset_at(o, a[0], a[1]);
		out_sep(o);
		out_ulong(o, a[1]);
		return 1;
	case SYS_sigaltstack:
		out_stack_at(o, a[0]);
		out_sep(o);
		if (out_param_readable(o, a[1]))
			out_stack_at(o, a[1]);
		return 1;
	case SYS_ioctl:
		out_ioctl(o, a);
		return 1;
	case SYS_readv:
	case SYS_writev:
		out_int(o, a[0]);
		out_sep(o);
		out_iov(o, a[1], (uint32_t)a[2], c->nr == SYS_readv);
		out_sep(o);
		out_int(o, a[2]);
		return 1;
	case SYS_access:
		out_path(o, a[0]);
		out_sep(o);
		out_access_mode(o, (uint32_t)a[1]);
		return 1;
	case SYS_faccessat:
	case SYS_faccessat2:
		out_dirfd(o, a[0]);
		out_sep(o);
		out_path(o, a[1]);
		out_sep(o);
		out_access_mode(o, (uint32_t)a[2]);
		if (c->nr == SYS_faccessat2) {
			out_sep(o);
			out_flags(o, (uint32_t)a[3], at_access_flags, COUNT(at_access_flags),
				  "AT_???");
		}
		return 1;
	case SYS_nanosleep:
		out_timespec_at(o, a[0]);
		out_sep(o);
		if (c->ret == -EINTR)
			out_timespec_at(o, a[1]);
		else
			out_ptr(o, a[1]);
		return 1;
	case SYS_clock_nanosleep:
		out_clock(o, a[0]);
		out_sep(o);
		out_flags(o, (uint32_t)a[1], timer_flags, COUNT(timer_flags), "TIMER_???");
		out_sep(o);
		out_timespec_at(o, a[2]);
		out_sep(o);
		if (c->ret == -EINTR && !(a[1] & TIMER_ABSTIME))
			out_timespec_at(o, a[3]);
		else
			out_ptr(o, a[3]);
		return 1;
	case SYS_clock_gettime:
	case SYS_clock_getres:
		out_clock(o, a[0]);
		out_sep(o);
		if (out_param_readable(o, a[1]))
			out_timespec_at(o, a[1]);
		return 1;
	case SYS_gettimeofday:
		out_gettimeofday(o, a);
		return 1;
	case SYS_getitimer:
	case SYS_setitimer:
		out_enum(o, (uint32_t)a[0], itimers, COUNT(itimers), "ITIMER_???");
		if (c->nr == SYS_setitimer) {
			out_sep(o);
			if (a[1])
				out_itimerval_at(o, a[1]);
			else
				out_ptr(o, 0);
		}
		out_sep(o);
		if (out_param_readable(o, a[c->nr == SYS_setitimer ? 2 : 1]))
			out_itimerval_at(o, a[c->nr == SYS_setitimer ? 2 : 1]);
		return 1;
	case SYS_alarm:
		out_fmt(o, "%u", (uint32_t)a[0]);
		return 1;
	case SYS_kill:
	case SYS_tkill:
		out_int(o, a[0]);
		out_sep(o);
		out_signal(o, a[1]);
		return 1;
	case SYS_tgkill:
		out_fmt(o, "%d, %d, ", (int32_t)a[0], (int32_t)a[1]);
		out_signal(o, a[2]);
		return 1;
	case SYS_uname:
		out_utsname_at(o, a[0]);
		return 1;
	case SYS_sysinfo:
		out_sysinfo_at(o, a[0]);
		return 1;
	case SYS_fcntl:
		out_fcntl(o, a);
		return 1;
	case SYS_getcwd:
		if (out_param_readable(o, a[0]))
			out_path(o, a[0]);
		out_sep(o);
		out_ulong(o, a[1]);
		return 1;
	case SYS_chdir:
		out_path(o, a[0]);
		return 1;
	case SYS_readlink:
	case SYS_readlinkat:
		if (c->nr == SYS_readlinkat) {
			out_dirfd(o, a[0]);
			out_sep(o);
			a++;
		}
		out_path(o, a[0]);
		out_sep(o);
		out_filled(o, a[1], 0);
		out_sep(o);
		out_ulong(o, a[2]);
		return 1;
	case SYS_umask:
		out_octal(o, (uint32_t)a[0]);
		return 1;
	case SYS_getrlimit:
	case SYS_setrlimit:
		out_enum(o, (uint32_t)a[0], rlimits, COUNT(rlimits), "RLIMIT_???");
		out_sep(o);
		if (c->nr == SYS_setrlimit || out_param_readable(o, a[1]))
			out_rlimit_at(o, a[1]);
		return 1;
	case SYS_prlimit64:
		out_int(o, a[0]);
		out_sep(o);
		out_enum(o, (uint32_t)a[1], rlimits, COUNT(rlimits), "RLIMIT_???");
		out_sep(o);
		out_rlimit_at(o, a[2]);
		out_sep(o);
		if (out_param_readable(o, a[3]))
			out_rlimit_at(o, a[3]);
		return 1;
	case SYS_arch_prctl:
		out_arch_prctl(o, a);
		return 1;
	case SYS_time:
		out_time_at(o, a[0]);
		return 1;
	case SYS_futex:
		out_futex(o, a);
		return 1;
	case SYS_sched_getaffinity:
		out_fmt(o, "%d, %llu, ", (int32_t)a[0], (unsigned long long)a[1]);
		out_cpuset(o, a[2]);
		return 1;
	case SYS_getdents64:
		out_int(o, a[0]);
		out_sep(o);
		out_dirents(o, a[1]);
		out_sep(o);
		out_ulong(o, a[2]);
		return 1;
	case SYS_getrandom:
		out_filled(o, a[0], 1);
		out_sep(o);
		out_ulong(o, a[1]);
		out_sep(o);
		out_flags(o, (uint32_t)a[2], grnd_flags, COUNT(grnd_flags), "GRND_???");
		return 1;
	case SYS_rseq:
		out_ptr(o, a[0]);
		out_fmt(o, ", %#x, %#x, %#x", (uint32_t)a[1], (uint32_t)a[2], (uint32_t)a[3]);
		return 1;
	case SYS_prctl:
		out_prctl(o, a);
		return 1;
	case SYS_getgroups:
		out_int(o, a[0]);
		out_sep(o);
		out_groups(o, a[1]);
		return 1;
	case SYS_clone:
		out_clone(o, a);
		return 1;
	case SYS_execve:
		out_path(o, a[0]);
		out_sep(o);
		out_argv(o, a[1]);
		out_sep(o);
		out_envp(o, a[2]);
		return 1;
	case SYS_wait4:
		out_wait4(o, a);
		return 1;
	}
	return 0;
}

/* ring3's own calls (core/abi/abi.h), named as in the report. */
static const struct {
	uint64_t nr;
	const char *name;
	uint8_t nargs;
} ring3_calls[] = {
	{ SYS_ring3_kinfo, "ring3_kinfo", 1 },
	{ SYS_ring3_report, "ring3_report", 1 },
	{ SYS_ring3_selftest, "ring3_selftest", 2 },
	{ SYS_ring3_bench, "ring3_bench", 1 },
};

/* " = 3", " = -1 ENOENT (No such file or directory)", " = ?". */
static void out_return(struct out *o)
{
	const struct strace_call *c = o->c;
	out_str(o, " = ");
	if (c->nr == SYS_exit || c->nr == SYS_exit_group) {
		out_char(o, '?');
		return;
	}
	if (call_failed(c)) {
		uint64_t err = (uint64_t)-c->ret;
		if (err < ERRNO_COUNT && errnos[err].name)
			out_fmt(o, "-1 %s (%s)", errnos[err].name, errnos[err].text);
		else
			out_fmt(o, "-1 ERRNO_%llu (Unknown error %llu)", (unsigned long long)err,
				(unsigned long long)err);
		return;
	}
	uint64_t r = (uint64_t)c->ret;
	switch (c->nr) {
	case SYS_mmap:
	case SYS_mremap:
	case SYS_brk:
		out_hex(o, r);
		return;
	case SYS_umask:
		out_octal(o, r);
		return;
	case SYS_time:
		out_fmt(o, "%lld (", (long long)r);
		out_date(o, (int64_t)r);
		out_char(o, ')');
		return;
	case SYS_fcntl:
		if (r && (uint32_t)c->args[1] == F_GETFD) {
			out_fmt(o, "%#llx (flags ", (unsigned long long)r);
			out_flags(o, r, fd_flags, COUNT(fd_flags), "FD_???");
			out_char(o, ')');
			return;
		}
		if ((uint32_t)c->args[1] == F_GETFL) {
			out_fmt(o, "%#llx (flags ", (unsigned long long)r);
			out_open_flags(o, r);
			out_char(o, ')');
			return;
		}
		break;
	case SYS_prctl:
		if ((uint32_t)c->args[0] == PR_GET_DUMPABLE && names_lookup(r, dumpable, COUNT(dumpable))) {
			out_fmt(o, "%llu (%s)", (unsigned long long)r,
				names_lookup(r, dumpable, COUNT(dumpable)));
			return;
		}
		break;
	}
	out_long(o, r);
}

int strace_format(char *buf, size_t size, const struct strace_call *c,
		  int64_t (*copy)(void *dst, uint64_t user_src, uint64_t n))
{
	struct out o = { .buf = buf, .size = size, .copy = copy, .c = c };
	const char *name = syscall_name(c->nr);
	int nargs = syscall_nargs(c->nr);
	if (size)
		buf[0] = 0;
	for (size_t i = 0; !name && i < COUNT(ring3_calls); i++) {
		if (ring3_calls[i].nr == c->nr) {
			name = ring3_calls[i].name;
			nargs = ring3_calls[i].nargs;
		}
	}
	if (name)
		out_str(&o, name);
	else
		out_fmt(&o, "syscall_%#llx", (unsigned long long)c->nr);
	out_char(&o, '(');
	if (!out_args(&o)) {
		/* Not decoded (or not Linux's): every argument in hex, strace's
		 * six for a number it does not know. */
		if (nargs < 0)
			nargs = 6;
		for (int i = 0; i < nargs; i++) {
			if (i)
				out_sep(&o);
			out_hex(&o, c->args[i]);
		}
	}
	out_char(&o, ')');
	out_return(&o);
	return (int)o.len;
}
