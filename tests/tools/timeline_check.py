"""What a timeline of a ring3 log must hold, judged from the log itself.

problems(lines, trace, png) reads the kernel lines of a log on its own
(no code of tools/ring3_timeline.py) and lists what the Chrome trace and
the PNG made from it get wrong. blind_spots(lines, trace) damages a good
trace in the ways problems() looks at and lists the damages it missed.
Shared by the host test (tests/tools/test_ring3_timeline.py, on
hand-made logs) and the end-to-end test (on a fresh run).
"""
import copy
import os
import re
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import ring3_log  # noqa: E402

CPUS, TASKS = "CPUs", "tasks"


def _lanes(trace):
    """{group name: {tid: lane name}} from the metadata events."""
    groups, lanes = {}, {}
    for e in trace["traceEvents"]:
        if e.get("ph") == "M" and e.get("name") == "process_name":
            groups[e["pid"]] = e["args"]["name"]
    for e in trace["traceEvents"]:
        if e.get("ph") == "M" and e.get("name") == "thread_name":
            lanes.setdefault(groups.get(e["pid"]), {})[e["tid"]] = e["args"]["name"]
    return groups, lanes


def problems(lines, trace, png=None):
    kernel = ring3_log.split([l.rstrip("\r\n") for l in lines])[0]
    keys = [l.split(" | ", 1)[0] for l in kernel]
    out = []
    if not isinstance(trace, dict) or not isinstance(trace.get("traceEvents"), list):
        return ["no traceEvents list"]
    groups, lanes = _lanes(trace)
    group_of = {name: pid for pid, name in groups.items()}
    if CPUS not in group_of or TASKS not in group_of:
        return [f"lane groups {sorted(groups.values())}, want {CPUS} and {TASKS}"]

    # Every CPU that booted, and every CPU a task ran on.
    cpus = set()
    for k in keys:
        m = re.match(r"^(?:BOOT cpu=(\d+) apic_id=|RUN cpu=(\d+) )", k)
        if m:
            cpus.add(int(m.group(1) or m.group(2)))
    want_cpu_lanes = {c: f"cpu {c}" for c in sorted(cpus)}
    if lanes.get(CPUS) != want_cpu_lanes:
        out.append(f"CPU lanes {lanes.get(CPUS)}, want {want_cpu_lanes}")
    runs = {int(m.group(1)): m.group(2) for k in keys
            for m in [re.match(r"^RUN cpu=\d+ pid=(\d+) payload=(\S+)", k)] if m}
    task_lanes = lanes.get(TASKS, {})
    for pid, name in runs.items():
        if pid not in task_lanes or name not in task_lanes[pid]:
            out.append(f"no lane for task {pid} ({name}): {task_lanes.get(pid)}")

    events = [e for e in trace["traceEvents"] if e.get("ph") != "M"]
    last = None
    for e in events:
        if not isinstance(e.get("ts"), (int, float)) or e["ts"] < 0 or e.get("dur", 0) < 0:
            out.append(f"bad time in {e}")
            break
        if last is not None and e["ts"] < last:
            out.append(f"events out of time order at {e['ts']} after {last}")
            break
        last = e["ts"]

    def on(group, cat):
        return [e for e in events if e.get("pid") == group_of[group] and e.get("cat") == cat]

    # One syscall event per SYSCALL line, on its task's lane, named after
    # the call, in the order the task made them.
    want = {}
    for k in keys:
        m = re.match(r"^SYSCALL cpu=\d+ seq=\d+ .* name=(\w+) .* pid=(\d+) tsc=\d+$", k)
        if k.startswith("SYSCALL ") and not m:
            out.append(f"a SYSCALL line without pid= and tsc=: {k[:120]}")
        elif m:
            want.setdefault(int(m.group(2)), []).append(m.group(1))
    calls = on(TASKS, "syscall")
    if len(calls) != sum(len(v) for v in want.values()):
        out.append(f"{len(calls)} syscall events, {sum(len(v) for v in want.values())} SYSCALL lines")
    got = {}
    for e in calls:
        got.setdefault(e["tid"], []).append(e["name"])
    for pid in sorted(set(want) | set(got)):
        if got.get(pid, []) != want.get(pid, []):
            out.append(f"task {pid}: syscall events {got.get(pid, [])[:8]}..., "
                       f"its SYSCALL lines {want.get(pid, [])[:8]}...")

    # Perfetto drops a span that overlaps another on its lane without
    # nesting: each call lies inside one of its task's stints.
    runs = {}
    for e in on(TASKS, "run"):
        runs.setdefault(e["tid"], []).append((e["ts"], e["ts"] + e["dur"]))
    for e in calls:
        inside = any(a - 1e-6 <= e["ts"] and e["ts"] + e["dur"] <= b + 1e-6 for a, b in runs.get(e["tid"], []))
        if e["tid"] in runs and not inside:
            out.append(f"task {e['tid']}: {e['name']} at {e['ts']} is in none of its stints")
            break

    # A stint per SLICE line on its CPU's lane, a mark per preemption.
    slices = [re.match(r"^SLICE cpu=(\d+) pid=(\d+) .* reason=(\w+)$", k) for k in keys
              if k.startswith("SLICE ")]
    stints = on(CPUS, "slice")
    if sorted((int(m.group(1)), int(m.group(2))) for m in slices) != \
            sorted((e["tid"], e["args"]["pid"]) for e in stints):
        out.append(f"{len(stints)} stints on the CPU lanes for {len(slices)} SLICE lines, or on the wrong lanes")
    preempts = sum(1 for m in slices if m.group(3) == "preempt")
    if len(on(CPUS, "preempt")) != preempts:
        out.append(f"{len(on(CPUS, 'preempt'))} preemption marks, {preempts} SLICE reason=preempt lines")
    sleeps = sum(1 for m in slices if m.group(3) == "sleep")
    if len(on(TASKS, "sleep")) > sleeps or (sleeps and not on(TASKS, "sleep")):
        out.append(f"{len(on(TASKS, 'sleep'))} sleeps for {sleeps} SLICE reason=sleep lines")

    # Signals, faults, interrupts: one mark per line.
    for cat, group, rx in (("signal", TASKS, r"^SIGNAL "), ("fault", TASKS, r"^FAULT .* mode=user "),
                           ("irq", CPUS, r"^IRQ cpu=\d+ vector=\d+ name=[\w-]+ from=")):
        n = sum(1 for k in keys if re.match(rx, k))
        if len(on(group, cat)) != n:
            out.append(f"{len(on(group, cat))} {cat} marks, {n} lines")

    if png is not None:
        try:
            with open(png, "rb") as f:
                head = f.read(24)
            size = os.path.getsize(png)
        except OSError as e:
            return out + [f"no PNG: {e}"]
        if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
            out.append(f"{png} is not a PNG")
        else:
            w, h = struct.unpack(">II", head[16:24])
            if w < 400 or h < 100 or size < 5000:
                out.append(f"{png}: {w}x{h}, {size} bytes: too small to be the picture")
    return out


def blind_spots(lines, trace):
    """The damages to a good trace of a real run that problems() does not
    catch (none, for a check worth its name). The run needs at least six
    calls, a preemption and a signal."""
    ev = trace["traceEvents"]
    calls = [i for i, e in enumerate(ev) if e.get("cat") == "syscall"]

    def swap_names(t):
        t[calls[0]]["name"], t[calls[-1]]["name"] = t[calls[-1]]["name"], t[calls[0]]["name"]

    def lose_lane(t):
        t[:] = [e for e in t if not (e.get("name") == "thread_name" and e["args"]["name"] == "cpu 1")]

    def unsort(t):
        t[-1]["ts"] = 0.5 * t[-1]["ts"]

    def outlast(t):
        t[calls[5]]["dur"] = 1e9

    def drop_first(cat):
        return lambda t: t.remove(next(e for e in t if e.get("cat") == cat))

    damages = (("a syscall event missing", lambda t: t.pop(calls[3])),
               ("a syscall that outlasts its stint", outlast),
               ("two syscall names swapped", swap_names),
               ("a CPU lane missing", lose_lane),
               ("events out of time order", unsort),
               ("a preemption mark missing", drop_first("preempt")),
               ("a signal missing", drop_first("signal")))
    missed = []
    for name, edit in damages:
        t = copy.deepcopy(trace)
        edit(t["traceEvents"])
        if not problems(lines, t):
            missed.append(name)
    return missed
