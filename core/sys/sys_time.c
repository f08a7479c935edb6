/*
 * Time: clock_gettime and friends, nanosleep, sched_yield. Every clock
 * is the TSC, calibrated at boot: MONOTONIC counts from efi_main,
 * REALTIME from the firmware's date (GetTime, before ExitBootServices),
 * the CPU-time clocks from the task's own time on the CPU.
 */
#include "core/sys/syscall.h"
#include "core/cpu/cpu.h"
#include "core/cpu/time.h"
#include "core/entry/uaccess.h"
#include "core/lib/clock.h"
#include "core/task/sched.h"
#include "core/task/task.h"

static uint64_t ns_of(uint64_t ticks)
{
	return clock_ticks_to_ns(ticks, clock_ns_per_tick_q32(time_tsc_hz()));
}

/* Nanoseconds on clock id now, or -EINVAL for a clock this kernel lacks.
 * Clock ids are C ints: the upper half of the register is not looked at. */
static int64_t clock_now(int32_t id, int64_t *ns)
{
	uint64_t now = cpu_rdtsc();
	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_TAI:
		*ns = (boot_handoff->rtc_valid ? boot_handoff->rtc_unix * NSEC_PER_SEC : 0) +
		      (int64_t)ns_of(now - (boot_handoff->rtc_valid ? boot_handoff->rtc_tsc
								  : boot_handoff->efi_main_tsc));
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = (int64_t)ns_of(now - boot_handoff->efi_main_tsc);
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID: /* one thread per process */
		*ns = (int64_t)ns_of(sched_current_cpu_tsc(task_current()));
		return 0;
	}
	return -EINVAL;
}

int64_t sys_clock_gettime(const struct trap_frame *f)
{
	int64_t ns;
	int64_t err = clock_now((int32_t)f->rdi, &ns);
	if (err)
		return err;
	struct abi_timespec ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
	return copy_to_user(f->rsi, &ts, sizeof(ts));
}

int64_t sys_clock_getres(const struct trap_frame *f)
{
	int64_t ns;
	int64_t err = clock_now((int32_t)f->rdi, &ns);
	if (err || !f->rsi)
		return err;
	struct abi_timespec res = { 0, 1 }; /* the TSC resolves below a nanosecond */
	return copy_to_user(f->rsi, &res, sizeof(res));
}

int64_t sys_gettimeofday(const struct trap_frame *f)
{
	int64_t ns;
	clock_now(CLOCK_REALTIME, &ns);
	struct abi_timeval tv = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / 1000 };
	struct abi_timezone tz = { 0, 0 };
	int64_t err = f->rdi ? copy_to_user(f->rdi, &tv, sizeof(tv)) : 0;
	if (!err && f->rsi)
		err = copy_to_user(f->rsi, &tz, sizeof(tz));
	return err;
}

int64_t sys_time(const struct trap_frame *f)
{
	int64_t ns;
	clock_now(CLOCK_REALTIME, &ns);
	int64_t s = ns / NSEC_PER_SEC;
	if (f->rdi) {
		int64_t err = copy_to_user(f->rdi, &s, sizeof(s));
		if (err)
			return err;
	}
	return s;
}

/*
 * Sleep on clock id until ts (absolute) or for ts (relative). As Linux
 * checks: an unknown clock first (-EINVAL), then one that cannot be
 * slept on (-EOPNOTSUPP: the raw, coarse and CPU-time clocks; Linux can
 * sleep on PROCESS_CPUTIME, this kernel cannot), then the timespec.
 */
static int64_t sleep_on(int32_t id, int absolute, uint64_t uts)
{
	int64_t now_ns;
	if (clock_now(id, &now_ns))
		return -EINVAL;
	if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC && id != CLOCK_BOOTTIME && id != CLOCK_TAI)
		return -EOPNOTSUPP;
	struct abi_timespec ts;
	int64_t err = copy_from_user(&ts, uts, sizeof(ts));
	if (err)
		return err;
	if (!clock_timespec_ok(ts.tv_sec, ts.tv_nsec))
		return -EINVAL;
	uint64_t ns = (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
	if (ts.tv_sec > INT64_MAX / NSEC_PER_SEC)
		ns = UINT64_MAX;
	if (absolute)
		ns = ns > (uint64_t)now_ns ? ns - (uint64_t)now_ns : 0;
	uint64_t ticks = clock_ns_to_ticks(ns, time_tsc_hz()), now = cpu_rdtsc();
	sched_sleep_current(ticks > UINT64_MAX - now ? UINT64_MAX : now + ticks);
	return 0; /* what the task sees when it wakes */
}

int64_t sys_nanosleep(const struct trap_frame *f)
{
	return sleep_on(CLOCK_MONOTONIC, 0, f->rdi);
}

/* Flag bits other than TIMER_ABSTIME are ignored, as on Linux. */
int64_t sys_clock_nanosleep(const struct trap_frame *f)
{
	return sleep_on((int32_t)f->rdi, (int32_t)f->rsi & TIMER_ABSTIME, f->rdx);
}

int64_t sys_sched_yield(const struct trap_frame *f)
{
	(void)f;
	sched_yield_current();
	return 0;
}
