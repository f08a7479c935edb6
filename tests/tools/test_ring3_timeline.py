#!/usr/bin/env python3
"""tools/ring3_timeline.py on hand-made logs: where lines without a time
of their own land, sleeps and waits, ticks to microseconds, the trace
judged by timeline_check.py, and the command line's trace and PNG. (The
end-to-end test runs it on a fresh log of 2 CPUs, and checks that
timeline_check catches a damaged trace.) Prints one line per failure
and a count; exits nonzero on any failure. Needs matplotlib for the PNG
(make runs it with Debian's /usr/bin/python3)."""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "..", "..", "tools", "ring3_timeline.py")
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
sys.path.insert(0, HERE)
import ring3_timeline  # noqa: E402
import tally  # noqa: E402
import timeline_check  # noqa: E402

check = tally.check


# ---- hand-made logs: what lands where ----
HZ = 2_000_000_000  # 2000 ticks a microsecond
LOG = [
    "BOOT cpu=0 apic_id=0",
    "BOOT cpu=0 tsc=cycles hz=2000000000",
    "BOOT cpu=1 apic_id=1",
    "RUN cpu=0 pid=1 payload=a.bin size=1 entry=0x400000 rsp=0x7fffffff0000 region=0x400000-0x500000",
    "RUN cpu=0 pid=2 payload=b.bin size=1 entry=0x400000 rsp=0x7fffffff0000 region=0x400000-0x500000",
    "SYSCALL cpu=0 seq=1 rip=0x401000 nr=35 name=nanosleep a0=0x7ffffffefe00 a1=0x0 ret=0 cycles=4000"
    " pid=1 tsc=1002000 | nanosleep({tv_sec=0, tv_nsec=1000000}, NULL) = 0",
    'TEXT cpu=0 pid=1 fd=1 "SYSCALL cpu=0 seq=9 rip=0x0 nr=1 name=forged ret=0 cycles=1 pid=1 tsc=5\\n"',
    "SLICE cpu=0 pid=1 tsc=1000000 cycles=10000 irqs=0 reason=sleep",
    "FAULT cpu=0 vector=6 name=#UD err=0x0 rip=0x400011 rsp=0x7fffffff0000 mode=user action=terminated pid=2",
    "  rax=0x0000000000000000 rbx=0x1122334455667788 rcx=0x0000000000000000 rdx=0x0000000000000000",
    "SLICE cpu=0 pid=2 tsc=1010000 cycles=2000000 irqs=1 reason=end",
    "IRQ cpu=0 vector=240 name=timer from=idle pid=0 rip=0xffffffff80001000 tsc=3100000",
    "SIGNAL cpu=0 pid=1 sig=14 name=SIGALRM code=128 addr=0x0 rip=0x401002 action=handler"
    " handler=0x401200 tsc=3300000",
    "EXIT cpu=0 pid=1 code=0",
    "SLICE cpu=0 pid=1 tsc=3200000 cycles=200000 irqs=0 reason=end",
    "RUN cpu=1 pid=1001 payload=quiet.bin size=1 entry=0x400000 rsp=0x7fffffff0000 region=0x400000-0x500000",
    "REPORT cpu=1 pid=1001 mode=quiet",
    "KILL cpu=1 pid=1001 reason=cpu-time-limit rip=0x400000 cpu_us=5",
    "DONE status=pass",
]
run = ring3_timeline.parse(LOG)
check(run.hz, HZ, "hz from the BOOT line")
check(sorted(run.cpus), [0, 1], "a lane for every CPU that booted")
check(sorted(run.tasks), [1, 2, 1001], "a lane for every task, the quiet one too")
check([c["name"] for c in run.syscalls], ["nanosleep"], "a SYSCALL line inside TEXT is user text")
marks = {(m["kind"], m["pid"]): m["tsc"] for m in run.marks}
check(marks[("fault", 2)], 1010000 + 2000000, "a FAULT lands at the end of its stint")
check(marks[("exit", 1)], 3400000, "EXIT lands at the end of its stint, not at an earlier line")
check(marks[("signal", 1)], 3300000, "SIGNAL at its own tsc")
check(marks[("irq", None)], 3100000, "an idle interrupt on its CPU's lane")
check(("kill", 1001) in marks, False, "a KILL on a CPU with nothing timed is left out")
check(run.unplaced, 1, "... and counted")
check(ring3_timeline.gaps(run), [(1, 1010000, 3200000, "sleep")], "sleep: from its stint's end to the next")

t = ring3_timeline.trace(run)
events = [e for e in t["traceEvents"] if e["ph"] != "M"]
by = {}
for e in events:
    by.setdefault((e["cat"], e["tid"]), e)  # the first of each kind
check((by[("syscall", 1)]["ts"], by[("syscall", 1)]["dur"]), (1.0, 2.0),
      "ticks to microseconds from the first event")
check((by[("slice", 0)]["ts"], by[("sleep", 1)]["dur"]), (0.0, 1095.0), "the stint and the sleep")
check(by[("syscall", 1)]["args"]["call"], "nanosleep({tv_sec=0, tv_nsec=1000000}, NULL) = 0",
      "the strace form goes with the event")
check([e["ts"] for e in events] == sorted(e["ts"] for e in events), True, "events in time order")
check(t["otherData"].get("unplaced"), 1, "the trace says what it left out")
check(json.loads(json.dumps(t)) == t, True, "the trace is plain JSON")
check(timeline_check.problems(LOG, t), [], "the hand-made log passes the check")

# The command line: the trace and the PNG it writes.
with tempfile.TemporaryDirectory() as tmp:
    log, js, png = (os.path.join(tmp, n) for n in ("serial.log", "trace.json", "timeline.png"))
    with open(log, "w") as f:
        f.write("\n".join(LOG) + "\n")
    r = subprocess.run([sys.executable, TOOL, log, "--json", js, "--png", png],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    check(r.returncode, 0, f"ring3_timeline.py exit status ({r.stdout.strip()})")
    with open(js) as f:
        check(timeline_check.problems(LOG, json.load(f), png), [], "the command line's trace and PNG")
        check(timeline_check.problems(LOG, t, js)[-1:], [f"{js} is not a PNG"],
              "the check tells a PNG from something else")

old = ring3_timeline.parse([l.replace(" hz=2000000000", "") for l in LOG])
check(ring3_timeline.trace(old)["otherData"].get("warning", "")[:12], "no BOOT hz= ", "no rate: said so")

sys.exit(tally.status("timeline"))
