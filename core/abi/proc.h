/*
 * Processes, memory and signals in Linux's x86-64 ABI: the constants and
 * structs of mremap, madvise, prctl, rlimits, sysinfo, futex, getrandom
 * and the signal calls, as the kernel lays them out. Pure header.
 */
#ifndef CORE_ABI_PROC_H
#define CORE_ABI_PROC_H

/* mremap flags. */
#define MREMAP_MAYMOVE   1
#define MREMAP_FIXED     2
#define MREMAP_DONTUNMAP 4

/* madvise advice (the ones programs send at start-up and in malloc). */
#define MADV_NORMAL     0
#define MADV_RANDOM     1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED   3
#define MADV_DONTNEED   4
#define MADV_FREE       8
#define MADV_REMOVE     9
#define MADV_DONTFORK   10
#define MADV_DOFORK     11
#define MADV_MERGEABLE  12
#define MADV_UNMERGEABLE 13
#define MADV_HUGEPAGE   14
#define MADV_NOHUGEPAGE 15
#define MADV_DONTDUMP   16
#define MADV_DODUMP     17
#define MADV_WIPEONFORK 18
#define MADV_KEEPONFORK 19
#define MADV_COLD       20
#define MADV_PAGEOUT    21
#define MADV_POPULATE_READ  22
#define MADV_POPULATE_WRITE 23
#define MADV_DONTNEED_LOCKED 24
#define MADV_COLLAPSE   25
#define MADV_HWPOISON   100
#define MADV_SOFT_OFFLINE 101

/* prctl options. */
#define PR_SET_PDEATHSIG 1  /* (signal): sent when the parent dies */
#define PR_GET_PDEATHSIG 2  /* (int *) */
#define PR_GET_DUMPABLE  3
#define PR_SET_DUMPABLE  4  /* (SUID_DUMP_*) */
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PR_SET_NO_NEW_PRIVS 38 /* (1, 0, 0, 0): execve grants nothing more */
#define PR_GET_NO_NEW_PRIVS 39 /* (0, 0, 0, 0) */
#define SUID_DUMP_DISABLE 0
#define SUID_DUMP_USER    1
#define SUID_DUMP_ROOT    2
#define TASK_COMM_LEN 16 /* a task's name, its NUL included */

/* Resource limits. */
#define RLIMIT_CPU     0
#define RLIMIT_FSIZE   1
#define RLIMIT_DATA    2
#define RLIMIT_STACK   3
#define RLIMIT_CORE    4
#define RLIMIT_RSS     5
#define RLIMIT_NPROC   6
#define RLIMIT_NOFILE  7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS      9
#define RLIMIT_LOCKS   10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE    13
#define RLIMIT_RTPRIO  14
#define RLIMIT_RTTIME  15
#define RLIM_NLIMITS   16
#define RLIM_INFINITY  (~0ULL)

/* futex operations (the low bits of op; FUTEX_PRIVATE_FLAG may be set). */
#define FUTEX_WAIT           0
#define FUTEX_WAKE           1
#define FUTEX_FD             2  /* removed in Linux 2.6.26 */
#define FUTEX_REQUEUE        3
#define FUTEX_CMP_REQUEUE    4
#define FUTEX_WAKE_OP        5
#define FUTEX_LOCK_PI        6
#define FUTEX_UNLOCK_PI      7
#define FUTEX_TRYLOCK_PI     8
#define FUTEX_WAIT_BITSET    9
#define FUTEX_WAKE_BITSET    10
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI 12
#define FUTEX_LOCK_PI2       13
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu /* val3 of the *_BITSET ops: any waiter */
#define FUTEX_PRIVATE_FLAG   128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK       (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

/* FUTEX_WAKE_OP's val3: op (bits 28-30, bit 31 makes oparg a shift
 * count), cmp (24-27), oparg (12-23) and cmparg (0-11), both signed. */
#define FUTEX_OP_SET         0 /* *uaddr2 = oparg */
#define FUTEX_OP_ADD         1 /* *uaddr2 += oparg */
#define FUTEX_OP_OR          2 /* *uaddr2 |= oparg */
#define FUTEX_OP_ANDN        3 /* *uaddr2 &= ~oparg */
#define FUTEX_OP_XOR         4 /* *uaddr2 ^= oparg */
#define FUTEX_OP_OPARG_SHIFT 8 /* with an op: oparg is 1 << oparg */
#define FUTEX_OP_CMP_EQ      0
#define FUTEX_OP_CMP_NE      1
#define FUTEX_OP_CMP_LT      2
#define FUTEX_OP_CMP_LE      3
#define FUTEX_OP_CMP_GT      4
#define FUTEX_OP_CMP_GE      5

/* getrandom flags. */
#define GRND_NONBLOCK 1
#define GRND_RANDOM   2
#define GRND_INSECURE 4

/* Signals. */
#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4
#define SIGTRAP   5
#define SIGABRT   6
#define SIGBUS    7
#define SIGFPE    8
#define SIGKILL   9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGSTKFLT 16
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGIO     29
#define SIGPWR    30
#define SIGSYS    31
#define SIGRTMIN  32 /* the first real-time signal (the kernel's; a C library takes some) */
#define NSIG      64 /* signals 1..64; 32.. are real-time */

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define SIG_DFL     0ULL
#define SIG_IGN     1ULL

/* sa_flags. */
#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO   0x00000004
#define SA_RESTORER  0x04000000
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_INTERRUPT 0x20000000 /* historical: no effect */
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000

/* sigaltstack ss_flags. */
#define SS_ONSTACK    1
#define SS_DISABLE    2
#define SS_AUTODISARM (1u << 31) /* disarm while a handler runs on it */

/* Interval timers. */
#define ITIMER_REAL    0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF    2

/* clone flags; the low byte is the signal sent to the parent at exit. */
#define CSIGNAL              0x000000ff
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_PIDFD          0x00001000
#define CLONE_PTRACE         0x00002000
#define CLONE_VFORK          0x00004000
#define CLONE_PARENT         0x00008000
#define CLONE_THREAD         0x00010000
#define CLONE_NEWNS          0x00020000
#define CLONE_SYSVSEM        0x00040000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED       0x00400000
#define CLONE_UNTRACED       0x00800000
#define CLONE_CHILD_SETTID   0x01000000
#define CLONE_NEWCGROUP      0x02000000
#define CLONE_NEWUTS         0x04000000
#define CLONE_NEWIPC         0x08000000
#define CLONE_NEWUSER        0x10000000
#define CLONE_NEWPID         0x20000000
#define CLONE_NEWNET         0x40000000
#define CLONE_IO             0x80000000

/* wait4 options (spelled as a C library spells them: a host test may
 * see both definitions). */
#define WNOHANG    1
#define WSTOPPED   2 /* also WUNTRACED */
#define WEXITED    4
#define WCONTINUED 8
#define WNOWAIT    0x01000000
#define WNOTHREAD  0x20000000 /* __WNOTHREAD */
#define WALL       0x40000000 /* __WALL */
#define WCLONE     0x80000000 /* __WCLONE */

#ifndef __ASSEMBLER__
/* rt_sigaction's struct, the kernel's layout (not a C library's). */
struct abi_sigaction {
	unsigned long long sa_handler;
	unsigned long long sa_flags;
	unsigned long long sa_restorer;
	unsigned long long sa_mask; /* sigsetsize must be 8 */
};

struct abi_sigaltstack {
	unsigned long long ss_sp;
	int ss_flags;
	unsigned long long ss_size;
};

struct abi_rlimit {
	unsigned long long rlim_cur, rlim_max;
};

/* sysinfo(2), x86-64 layout. */
struct abi_sysinfo {
	long long uptime;
	unsigned long long loads[3];
	unsigned long long totalram, freeram, sharedram, bufferram;
	unsigned long long totalswap, freeswap;
	unsigned short procs, pad;
	unsigned int pad2;
	unsigned long long totalhigh, freehigh;
	unsigned int mem_unit;
	char reserved[4];
};

_Static_assert(sizeof(struct abi_sigaction) == 32, "kernel sigaction is 32 bytes");
_Static_assert(sizeof(struct abi_sysinfo) == 112, "struct sysinfo is 112 bytes on x86-64");
#endif

#endif
