/* expect: exit 0
 * 100000 syscalls with random numbers and arguments from a seeded
 * generator (xorshift64*, seed 0x5eed), real short sleeps among them. Every result must be a valid
 * result for that call or a -errno the call can return; the kernel must
 * neither fault nor hang. Per-call lines are switched off (ring3_report)
 * so the serial port is not the bottleneck; SUMMARY still counts them. */
#include "user_payload/ulib.h"

#define FUZZ_CALLS 100000

static uint64_t state = 0x5eed;

static uint64_t next(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545F4914F6CDD1DULL;
}

/* Valid user pointers point here or at the unused tail of the region,
 * so a call that writes through one never hits this program's own code,
 * data or stack. */
static uint8_t scratch[65536 + 8192]; /* offsets below 64 KiB, lengths below 4 KiB */
static uint64_t region_end;

/* A mix of argument shapes: small, valid user, edge of the region,
 * kernel, near the top of the address space, random. */
static uint64_t arg(void)
{
	uint64_t r = next();
	switch (r & 7) {
	case 0: return 0;
	case 1: return r >> 60;
	case 2: return (uint64_t)scratch + ((r >> 8) & 0xffff);
	case 3: return region_end - ((r >> 8) & 0xfff);
	case 4: return 0xffff800000000000ULL | (r >> 20);
	case 5: return ~0ULL - (r >> 50);
	default: return r;
	}
}

static int errno_ok(int64_t r)
{
	static const int64_t known[] = {
		EPERM, ENOENT, ESRCH, EBADF, EAGAIN, ENOMEM, EACCES, EFAULT, EEXIST, ENOTDIR,
		EISDIR, EINVAL, EMFILE, ENOTTY, ESPIPE, EROFS, ERANGE, ENAMETOOLONG, ENOSYS,
		ELOOP, ENODEV, ENXIO, ETIMEDOUT, EOPNOTSUPP,
	};
	for (unsigned i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (r == -known[i])
			return 1;
	return 0;
}

static int result_ok(uint64_t nr, int64_t r)
{
	switch (nr) {
	/* Counts, descriptors, offsets, ids, old masks: any value >= 0. */
	case SYS_write: case SYS_writev: case SYS_read: case SYS_readv: case SYS_pread64:
	case SYS_open: case SYS_openat: case SYS_dup: case SYS_dup2: case SYS_dup3:
	case SYS_fcntl: case SYS_lseek: case SYS_getcwd: case SYS_readlink: case SYS_readlinkat:
	case SYS_umask: case SYS_getrandom: case SYS_sched_getaffinity: case SYS_getpgid:
	case SYS_getsid: case SYS_getpgrp: case SYS_getppid: case SYS_getdents64: case SYS_mremap:
		return r >= 0 || errno_ok(r);
	case SYS_set_tid_address: return r >= 1; /* the caller's thread id */
	case SYS_getpid: case SYS_gettid: return r >= 1;
	case SYS_sched_yield: return r == 0;
	case SYS_mmap: return r > 0 || errno_ok(r);
	case SYS_brk: return r > 0; /* the heap's end, moved or not */
	case SYS_time: return r > 0 || r == -EFAULT; /* seconds since 1970 */
	default: return r == 0 || errno_ok(r);
	}
}

int main(void)
{
	struct ring3_kinfo k;
	if (usys1(SYS_ring3_kinfo, &k))
		return 2;
	region_end = k.region_end;
	usys1(SYS_ring3_report, RING3_REPORT_QUIET);
	int bad = 0;
	for (int i = 0; i < FUZZ_CALLS;) {
		uint64_t r = next(), nr;
		/* Half known calls (but not exit, which would end the run, nor
		 * write to fd 1/2 with a valid buffer, which would flood the
		 * console), half any number at all. */
		if (r & 1) {
			static const uint64_t known[] = { SYS_write, SYS_mmap, SYS_mprotect,
				SYS_sched_yield, SYS_getpid, SYS_uname, SYS_arch_prctl, SYS_gettid,
				SYS_getcpu, SYS_ring3_kinfo, SYS_ring3_selftest, SYS_nanosleep,
				SYS_clock_nanosleep, SYS_clock_gettime, SYS_time, 0, 2, 335, 512 };
			nr = known[(r >> 1) % (sizeof(known) / sizeof(known[0]))];
		} else {
			nr = (r >> 1) & 1 ? (r >> 2) & 1023 : next();
		}
		/* Not exit, nor a signal to itself (now or by a timer), nor a
		 * wait no one ends, nor a sigreturn through a random frame:
		 * each would end or stop this program, rightly, as on Linux. */
		if (nr == SYS_exit || nr == SYS_exit_group || nr == SYS_ring3_report ||
		    nr == SYS_kill || nr == SYS_tkill || nr == SYS_tgkill || nr == SYS_futex ||
		    nr == SYS_pause || nr == SYS_rt_sigsuspend || nr == SYS_rt_sigreturn ||
		    nr == SYS_alarm || nr == SYS_setitimer)
			continue;
		uint64_t a0 = arg(), a1 = arg(), a2 = arg(), a3 = arg(), a4 = arg(), a5 = arg();
		if (nr == SYS_write && (a0 == FD_STDOUT || a0 == FD_STDERR))
			a0 = 3; /* -EBADF: keep the console quiet */
		/* The console and fd 3 stay what they are (fd 3 must keep
		 * discarding what the writes above send it). */
		if ((nr == SYS_dup2 || nr == SYS_dup3) && a1 <= 3)
			a1 = 10 + (a1 & 7);
		if (nr == SYS_close && a0 <= 3)
			a0 = 100;
		/* Calls that write a length's worth into a buffer: at most 4 KiB,
		 * so one aimed at scratch stays inside it. */
		if (nr == SYS_read || nr == SYS_pread64 || nr == SYS_getdents64 || nr == SYS_readlink)
			a2 &= 0xfff;
		if (nr == SYS_getcwd || nr == SYS_getrandom)
			a1 &= 0xfff;
		if (nr == SYS_readlinkat)
			a3 &= 0xfff;
		if (nr == SYS_arch_prctl && (a0 == ARCH_SET_FS || a0 == ARCH_SET_GS))
			a0 = ARCH_GET_FS; /* keep this program's own TLS-free bases */
		/* Calls that replace, unmap or protect pages would take this
		 * program's own code, data or stack away (as they would on
		 * Linux): aim them elsewhere in user space. */
		if ((nr == SYS_mmap || nr == SYS_munmap || nr == SYS_mprotect || nr == SYS_mremap ||
		     nr == SYS_madvise) &&
		    ((a0 < region_end + 0x10000000 && a0 + a1 > 0x400000 - 0x1000) ||
		     a0 + a1 > 0x7fff00000000ULL || a0 + a1 < a0))
			a0 = 0x600000000000ULL | (a0 & 0xfffff000);
		if (nr == SYS_mremap) /* MREMAP_FIXED's target too */
			a4 = 0x610000000000ULL | (a4 & 0xfffff000);
		/* Sleeps: half the time a real one of under 0.2 ms, else a
		 * pointer that is no user memory at all (a valid timespec found
		 * at random could rightly last for years). */
		static struct abi_timespec nap;
		if (nr == SYS_nanosleep || nr == SYS_clock_nanosleep) {
			static const uint64_t bad[] = { 0, 0xffff800000000000ULL, 0x8000000000000000ULL,
							0x7ffffffffff8ULL };
			nap.tv_sec = 0;
			nap.tv_nsec = (long long)(next() % 200000);
			uint64_t ts = (r & 2) ? (uint64_t)&nap : bad[(r >> 2) & 3];
			if (nr == SYS_nanosleep)
				a0 = ts;
			else
				a2 = ts;
		}
		int64_t ret = usys6(nr, a0, a1, a2, a3, a4, a5);
		i++;
		if (!result_ok(nr, ret)) {
			if (bad++ < 10)
				uprintf("fuzz: call %d nr=%llu returned %lld\n", i,
					(unsigned long long)nr, (long long)ret);
		}
	}
	usys1(SYS_ring3_report, RING3_REPORT_CALLS);
	uprintf("fuzz: %d calls, %d bad results, last state 0x%llx\n", FUZZ_CALLS, bad,
		(unsigned long long)state);
	return bad != 0;
}
