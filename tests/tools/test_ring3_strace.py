#!/usr/bin/env python3
"""tools/ring3_strace.py on hand-made logs: tasks told apart by CPU and
RUN/SUMMARY, task ends, and normalisation of both kinds of output.
Prints one line per failure and a count; exits nonzero on any failure."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import ring3_strace  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tally  # noqa: E402

check = tally.check


SC = "SYSCALL cpu={cpu} seq=1 rip=0x401000 nr=1 name=write a0=0x1 a1=0x402000 a2=0x3 ret=3 cycles=9"
LOG = [
    "KERNEL ring3: own GDT, IDT, TSS, page tables and SYSCALL MSRs installed",
    "RUN cpu=0 pid=1 payload=a size=1 entry=0x400000 rsp=0x7fffffff0000 region=0x400000-0x401000",
    "RUN cpu=1 pid=1001 payload=a size=1 entry=0x400000 rsp=0x7fffffff0000 region=0x400000-0x401000",
    SC.format(cpu=0) + ' | write(1, "hi\\n", 3) = 3',
    'TEXT cpu=0 pid=1 fd=1 "SYSCALL cpu=0 | forged(1) = 0\\n"',
    SC.format(cpu=1) + ' via=int80 | write(1, "b\\n", 2) = 2',
    "EXIT cpu=0 pid=1 code=-1",
    "SUMMARY cpu=0 syscalls=1 faults=0 exit=-1 pid=1 payload=a iret_returns=0",
    "RUN cpu=0 pid=2 payload=b size=1 entry=0x400000 rsp=0x7fffffff0000 region=0x400000-0x401000",
    SC.format(cpu=0),  # a log from before the strace form
    "FAULT cpu=0 vector=14 name=#PF err=0x4 rip=0x401000 rsp=0x7fffffff0000 mode=user action=terminated pid=2",
    "SUMMARY cpu=0 syscalls=1 faults=1 exit=killed pid=2 payload=b iret_returns=0",
    "SUMMARY cpu=1 syscalls=1 faults=1 exit=killed pid=1001 payload=a iret_returns=0 signal=6",
    "DONE status=pass",
]

check(ring3_strace.convert(LOG), [
    'write(1, "hi\\n", 3) = 3',
    'write(1, "b\\n", 2) = 2',
    "exit_group(-1) = ?",
    "+++ exited with 255 +++",
    "write(0x1, 0x402000, 0x3) = 3",
    "+++ killed by SIGSEGV +++",
    "+++ killed by SIGABRT +++",
], "convert: every task")
check(ring3_strace.convert(LOG, pid=1), ['write(1, "hi\\n", 3) = 3', "exit_group(-1) = ?",
                                         "+++ exited with 255 +++"], "convert --pid 1")
check(ring3_strace.convert(LOG, pid=1001, follow=True),
      ['[pid 1001] write(1, "b\\n", 2) = 2', "[pid 1001] +++ killed by SIGABRT +++"],
      "convert --pid 1001 -f")

TOGETHER = [
    "RUN cpu=0 pid=1 payload=a size=1 entry=0x400000 rsp=0x7fffffff0000 region=0x400000-0x401000",
    "RUN cpu=0 pid=2 payload=b size=1 entry=0x400000 rsp=0x7fffffff0000 region=0x400000-0x401000",
    SC.format(cpu=0) + " | getpid() = 1",
    "KILL cpu=0 pid=2 reason=cpu-time-limit rip=0x401000 cpu_us=5",
    "SUMMARY cpu=0 syscalls=1 faults=0 exit=killed pid=2 payload=b iret_returns=0",
    SC.format(cpu=0) + " | getpid() = 1",
]
check(ring3_strace.convert(TOGETHER), ["getpid() = 1", "+++ killed +++", "getpid() = 1"],
      "convert --together: ambiguous calls kept")
check(ring3_strace.convert(TOGETHER, pid=1), ["getpid() = 1"],
      "convert --together --pid: only the calls that are surely the task's")
NAMED = [l.replace(" cycles=9 |", " cycles=9 pid=2 tsc=77 |") for l in TOGETHER]
check(ring3_strace.convert(NAMED, pid=2), ["getpid() = 1", "+++ killed +++", "getpid() = 1"],
      "convert --together --pid: a SYSCALL line's pid= names its task")

HOST = [
    '4242 execve("./prog", ["./prog"], 0x7ffe4f583c28 /* 37 vars */) = 0',
    "4242 arch_prctl(ARCH_SET_FS, 0x408658) = 0",
    "4242 set_tid_address(0x408790)         = 4242",
    "4242 getpid()                          = 4242",
    "4242 brk(NULL)                         = 0x55733e03e000",
    "4242 clock_gettime(CLOCK_MONOTONIC, {tv_sec=12871, tv_nsec=177160207}) = 0",
    "4242 kill(4242, SIGTERM <unfinished ...>",
    "4243 exit_group(0)                     = ?",
    "4242 <... kill resumed>)               = 0",
    "4242 --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=4242, si_uid=0} ---",
    '4242 getrandom("\\xa4\\x49\\x5d\\xc0\\x1f\\x6e\\xda\\x03", 8, GRND_NONBLOCK) = 8',
    '4242 newfstatat(AT_FDCWD, "/etc", {st_mode=S_IFDIR|0755, st_size=4096, ...}, 0) = 0',
    "4242 uname({sysname=\"Linux\", nodename=\"vm\", ...}) = 0",
    "4242 time(NULL)                        = 1796051062 (2026-11-30T15:04:22+0000)",
    "4242 write(1, \"a) = b\", 6)              = 6",
    "4242 exit_group(3)                     = ?",
    "4242 +++ exited with 3 +++",
]
RING3 = [
    "arch_prctl(ARCH_SET_FS, 0x408658) = 0",
    "set_tid_address(0x408790) = 1",
    "getpid() = 1",
    "brk(NULL) = 0x600000",
    "clock_gettime(CLOCK_MONOTONIC, {tv_sec=3, tv_nsec=5}) = 0",
    "exit_group(0) = ?",
    "kill(1, SIGTERM) = 0",
    'getrandom("\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08", 8, GRND_NONBLOCK) = 8',
    '[pid 1] newfstatat(AT_FDCWD, "/etc", {st_mode=S_IFDIR|0555, st_size=0, ...}, 0) = 0',
    "uname({sysname=\"ring3\", nodename=\"uefi\", ...}) = 0",
    "time(NULL) = 5 (1970-01-01T00:00:05+0000)",
    "write(1, \"a) = b\", 6) = 6",
    "exit_group(3) = ?",
    "+++ exited with 3 +++",
]
want = [
    "arch_prctl(ARCH_SET_FS, 0xADDR) = 0",
    "set_tid_address(0xADDR) = PID",
    "getpid() = PID",
    "brk(NULL) = 0xADDR",
    "clock_gettime(CLOCK_MONOTONIC, {tv_sec=N, tv_nsec=N}) = 0",
    "exit_group(0) = ?",
    "kill(PID, SIGTERM) = 0",
    'getrandom("RANDOM", 8, GRND_NONBLOCK) = 8',
    'newfstatat(AT_FDCWD, "/etc", {st_mode=S_IFDIR, ...}, 0) = 0',
    "uname({...}) = 0",
    "time(NULL) = N (DATE)",
    "write(1, \"a) = b\", 6) = 6",
    "exit_group(3) = ?",
    "+++ exited with 3 +++",
]
check(ring3_strace.normalise(HOST), want, "normalise: host strace -f output")
check(ring3_strace.normalise(RING3), want, "normalise: converted ring3 log")
check(ring3_strace.normalise(['statx(3, "", AT_STATX_SYNC_AS_STAT, STATX_ALL, {stx_mask=STATX_ALL, '
                              'stx_attributes=0, stx_mode=S_IFREG|0644, stx_size=5, ...}) = 0']),
      ['statx(3, "", AT_STATX_SYNC_AS_STAT, STATX_ALL, {stx_mode=S_IFREG, ...}) = 0'],
      "normalise: statx")
check(ring3_strace.split_args('1, "a, \\"b", [{x=1, y=2}], f(3, 4)'),
      ["1", '"a, \\"b"', "[{x=1, y=2}]", "f(3, 4)"], "split_args")

sys.exit(tally.status("tools"))
