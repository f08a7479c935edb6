#!/usr/bin/env python3
"""ring3's serial log as strace's own output, and strace output made comparable.

Every SYSCALL line ends in the call as strace 6.1 prints it, after " | "
(docs/abi.md). convert() turns a log into strace's output, one line per
SYSCALL line, plus what strace prints where a task ends:

    openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
    exit_group(0) = ?
    +++ exited with 0 +++

An exit or exit_group has no SYSCALL line (it does not return): its EXIT
line gives `exit_group(N) = ?`, its SUMMARY `+++ exited with N +++`
(N & 0xff, as a wait status keeps it). A killed task's SUMMARY gives
`+++ killed by SIGNAME +++`: the signal from the SUMMARY's signal=N when
it has one, else the one Linux sends for the FAULT line's vector (#PF and
#GP: SIGSEGV, #UD: SIGILL, ...), else `+++ killed +++` (a kill for a
limit, which Linux has no single signal for).

Tasks. A SYSCALL line names its task (pid=). In a log from before it
did, a task's lines are those on its CPU between its RUN line and its
SUMMARY line: exact without --together, where a CPU runs its tasks one
after another; with --together several tasks are live on a CPU at once
and their calls interleave, so such a line gets pid None (kept without
--pid, dropped with it).

normalise() makes a converted log and a host `strace -f -o FILE` of the
same program comparable, line for line:
  - the pid column of `strace -f -o`, `[pid N] ` prefixes, strace's
    padding before " = " and " (INJECTED)" go; calls split by
    "<unfinished ...>" / "<... NAME resumed>" are joined first;
  - signal lines (`--- SIGCHLD {...} ---`) and successful execve calls go
    (ring3 starts a program without one);
  - hex numbers of five digits or more become 0xADDR (addresses: mmap and
    brk results, buffers, stacks);
  - process ids become PID: the results of getpid, gettid, getppid,
    getpgrp, getpgid, getsid, set_tid_address, fork, vfork, clone and a
    successful wait4, and the positive pid arguments of kill, tkill,
    tgkill, wait4, getpgid, getsid, prlimit64 and sched_getaffinity;
  - values that depend on the machine or the moment become N: tv_sec,
    tv_nsec, tv_usec, rlim_cur, rlim_max, time()'s result and date;
    getrandom's bytes become "RANDOM", sched_getaffinity's CPU list
    [CPUS] and its result N;
  - of the structs ring3 and Linux fill differently only the shape stays:
    stat's and statx's contents keep the file type alone
    ({st_mode=S_IFREG, ...}), uname and sysinfo print {...}.
Everything else (flags, paths, data, errno names, exit codes) must match.

Usage:
  ring3_strace.py LOG [--pid N] [-f]   strace's output of a ring3 log
  ring3_strace.py --normalise FILE     normalised lines of either kind
  ring3_strace.py --normalise A B      a diff of the two, normalised; exit 1 if they differ
"""
import argparse
import difflib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ring3_log  # noqa: E402

RUN_RE = re.compile(r"^RUN cpu=(\d+) pid=(\d+) ")
EXIT_RE = re.compile(r"^EXIT cpu=(\d+) pid=(\d+) code=(-?\d+)")
SUMMARY_RE = re.compile(r"^SUMMARY cpu=(\d+) .*?exit=(-?\d+|killed) pid=(\d+)")
FAULT_RE = re.compile(r"^FAULT cpu=(\d+) vector=(\d+) .* pid=(\d+)")
SYSCALL_RE = re.compile(r"^SYSCALL cpu=(\d+) .*? nr=(-?\d+) name=(\w+)((?: a\d=0x[0-9a-f]+)*)"
                        r" ret=(-?\d+) cycles=\d+")
SYSCALL_PID_RE = re.compile(r" pid=(\d+) tsc=\d+$")  # in the keys, before " | "

SIGNALS = ["SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
           "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
           "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU",
           "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",
           "SIGPWR", "SIGSYS"]
# The signal Linux sends a user task for an exception vector.
VECTOR_SIGNAL = {0: "SIGFPE", 1: "SIGTRAP", 3: "SIGTRAP", 4: "SIGSEGV", 5: "SIGSEGV",
                 6: "SIGILL", 7: "SIGSEGV", 10: "SIGSEGV", 11: "SIGBUS", 12: "SIGBUS",
                 13: "SIGSEGV", 14: "SIGSEGV", 16: "SIGFPE", 17: "SIGBUS", 19: "SIGFPE"}


def signal_name(n):
    """strace's name for signal n: SIGSEGV, SIGRTMIN, SIGRT_3, or the number."""
    if 1 <= n < 32:
        return SIGNALS[n - 1]
    if n == 32:
        return "SIGRTMIN"
    if 32 < n <= 64:
        return f"SIGRT_{n - 32}"
    return str(n)


def _strace_tail(line, m):
    """The strace form of a SYSCALL line (hex arguments for a log that
    predates it)."""
    if " | " in line:
        return line.split(" | ", 1)[1]
    args = ", ".join(re.findall(r" a\d=(0x[0-9a-f]+)", m.group(4)))
    return f"{m.group(3)}({args}) = {m.group(5)}"


def convert(lines, pid=None, follow=False):
    """strace's lines for a ring3 log (a list of lines); only task pid's
    when pid is given; with follow, each prefixed "[pid N] "."""
    kernel = ring3_log.split([l.rstrip("\r\n") for l in lines])[0]
    live = {}     # cpu -> pids between their RUN and SUMMARY
    signal = {}   # pid -> the signal a FAULT stands for
    out = []

    def emit(owner, text):
        if pid is not None and owner != pid:
            return
        out.append(f"[pid {owner}] {text}" if follow and owner is not None else text)

    for l in kernel:
        m = RUN_RE.match(l)
        if m:
            live.setdefault(int(m.group(1)), []).append(int(m.group(2)))
            continue
        m = SYSCALL_RE.match(l)
        if m:
            named = SYSCALL_PID_RE.search(l.split(" | ", 1)[0])
            tasks = live.get(int(m.group(1)), [])
            owner = int(named.group(1)) if named else tasks[0] if len(tasks) == 1 else None
            emit(owner, _strace_tail(l, m))
            continue
        m = EXIT_RE.match(l)
        if m:
            emit(int(m.group(2)), f"exit_group({m.group(3)}) = ?")
            continue
        m = FAULT_RE.match(l)
        if m and int(m.group(2)) in VECTOR_SIGNAL:
            signal[int(m.group(3))] = VECTOR_SIGNAL[int(m.group(2))]
            continue
        m = SUMMARY_RE.match(l)
        if m:
            cpu, code, owner = int(m.group(1)), m.group(2), int(m.group(3))
            sig = re.search(r" signal=(\d+)", l)
            if code != "killed":
                emit(owner, f"+++ exited with {int(code) & 0xff} +++")
            elif sig:
                emit(owner, f"+++ killed by {signal_name(int(sig.group(1)))} +++")
            elif owner in signal:
                emit(owner, f"+++ killed by {signal[owner]} +++")
            else:
                emit(owner, "+++ killed +++")
            if owner in live.get(cpu, []):
                live[cpu].remove(owner)
    return out


def split_args(s):
    """An argument list split at its top-level commas (not inside quotes,
    brackets or braces)."""
    args, depth, quoted, start, i = [], 0, False, 0, 0
    while i < len(s):
        ch = s[i]
        if quoted:
            if ch == "\\":
                i += 1
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted = True
        elif ch in "[{(":
            depth += 1
        elif ch in "]})":
            depth -= 1
        elif ch == "," and depth == 0:
            args.append(s[start:i].strip())
            start = i + 1
        i += 1
    if s[start:].strip():
        args.append(s[start:].strip())
    return args


CALL_RE = re.compile(r"^(\w+)\((.*)\) = (.*)$")
PID_RESULT = {"getpid", "gettid", "getppid", "getpgrp", "getpgid", "getsid", "set_tid_address",
              "fork", "vfork", "clone", "clone3", "wait4"}
PID_ARGS = {"kill": (0,), "tkill": (0,), "tgkill": (0, 1), "wait4": (0,), "getpgid": (0,),
            "getsid": (0,), "prlimit64": (0,), "sched_getaffinity": (0,)}


def _join_unfinished(lines):
    """Lines with strace -f's pid column: each call whole again."""
    pending, out = {}, []
    for l in lines:
        m = re.match(r"^(\d+) +(.*)$", l)
        if not m:
            out.append(l)
            continue
        owner, text = m.groups()
        if text.endswith(" <unfinished ...>"):
            pending[owner] = text[:-len(" <unfinished ...>")]
            continue
        r = re.match(r"^<\.\.\. \w+ resumed>(.*)$", text)
        if r and owner in pending:
            text = pending.pop(owner) + r.group(1)
        out.append(text)
    return out


def _normalise_call(name, args, ret):
    if name in PID_ARGS:
        for i in PID_ARGS[name]:
            if i < len(args) and re.fullmatch(r"[1-9]\d*", args[i]):
                args[i] = "PID"
    if name in PID_RESULT and re.fullmatch(r"[1-9]\d*", ret):
        ret = "PID"
    if name == "time":
        ret = re.sub(r"^\d+ \(.*\)$", "N (DATE)", ret)
        args = [re.sub(r"^\[\d+ /\* .* \*/\]$", "[N /* DATE */]", a) for a in args]
    if name == "getrandom" and args and args[0].startswith('"'):
        args[0] = '"RANDOM"'
    if name == "sched_getaffinity":
        args = args[:2] + ["[CPUS]" if a.startswith("[") else a for a in args[2:]]
        ret = re.sub(r"^\d+$", "N", ret)
    if name in ("uname", "sysinfo") and args and args[0].startswith("{"):
        args[0] = "{...}"
    for i, a in enumerate(args):
        m = re.match(r"^\{(?:stx_mask=.*?, )?(st|stx)_mode=(S_IF[A-Z]+)", a)
        if m:
            args[i] = f"{{{m.group(1)}_mode={m.group(2)}, ...}}"
    return f"{name}({', '.join(args)}) = {ret}"


def normalise(lines):
    """Comparable lines from a converted ring3 log or a host strace
    output (see the module's docstring for the rules)."""
    out = []
    for l in _join_unfinished([l.rstrip("\r\n") for l in lines]):
        l = re.sub(r"^\[pid +\d+\] ", "", l)
        l = re.sub(r" +\(INJECTED\)$", "", l)
        pad = list(re.finditer(r"\) +=( |$)", l))
        if pad:  # strace's padding before the result, which is after the last ") ="
            l = l[:pad[-1].start()] + ") =" + pad[-1].group(1) + l[pad[-1].end():]
        if not l or l.startswith("--- "):
            continue
        l = re.sub(r"\b0x[0-9a-f]{5,}\b", "0xADDR", l)
        l = re.sub(r"\b(tv_sec|tv_nsec|tv_usec|rlim_cur|rlim_max)=[^,}]+", r"\1=N", l)
        m = CALL_RE.match(l)
        if m:
            name, args, ret = m.group(1), split_args(m.group(2)), m.group(3)
            if name == "execve" and ret == "0":
                continue
            l = _normalise_call(name, args, ret)
        out.append(l)
    return out


def _read(path):
    with open(path, "rb") as f:
        lines = ring3_log.clean(f.read()).splitlines()
    if any(l.startswith("SYSCALL ") for l in lines):
        lines = convert(lines)
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", help="a serial log (or, with --normalise, strace output)")
    ap.add_argument("--pid", type=int, help="only this task's calls")
    ap.add_argument("-f", dest="follow", action="store_true", help='prefix lines with "[pid N] "')
    ap.add_argument("--normalise", action="store_true",
                    help="normalise (one file) or diff normalised (two files)")
    args = ap.parse_args()
    if args.normalise:
        if len(args.files) > 2:
            ap.error("--normalise takes one or two files")
        sides = [normalise(_read(p)) for p in args.files]
        if len(sides) == 1:
            print("\n".join(sides[0]))
            return 0
        diff = list(difflib.unified_diff(sides[0], sides[1], args.files[0], args.files[1],
                                         lineterm=""))
        print("\n".join(diff))
        return 1 if diff else 0
    if len(args.files) != 1:
        ap.error("one log at a time")
    with open(args.files[0], "rb") as f:
        print("\n".join(convert(ring3_log.clean(f.read()).splitlines(), pid=args.pid, follow=args.follow)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
