#!/usr/bin/env python3
"""A ring3 serial log as a timeline: Chrome's trace format and a PNG.

What the kernel prints to place things in time (docs/abi.md):
  - `BOOT cpu=K tsc=... hz=N`: the TSC's rate, to turn ticks into time;
  - `SYSCALL ... pid=P tsc=T`: when the call's dispatch began, its task,
    and `cycles`, how long it took;
  - `SLICE cpu=K pid=P tsc=T cycles=N irqs=I reason=R`: one stint of a
    task on a CPU, printed when it ends, and why it ended (preempt: the
    timer tick that switched; yield, sleep, end);
  - `SIGNAL ... tsc=T` and, with --trace-irq, `IRQ ... tsc=T`.
FAULT, KILL and EXIT lines carry no time of their own: each is placed at
the end of the stint it was printed in (the next SLICE line of its task
on its CPU), else at the latest time seen on that CPU. A task's sleep
runs from the stint that ended with reason=sleep to its next stint; the
gap after a preemption or a yield is time it was runnable and waiting.
A task in quiet mode (ring3_report) prints neither SYSCALL nor SLICE
lines: it has a lane, with what little it printed.

The trace (--json) opens in Perfetto (ui.perfetto.dev) and
chrome://tracing: a "CPUs" group with one lane per CPU (each stint named
after its task, preemptions and interrupts as marks) and a "tasks" group
with one lane per task (its stints, the syscalls inside them by name,
sleeps, waits, signals, faults, its end). Times are microseconds from
the first timestamp in the log; every event is in time order.

The picture (--png) shows the same lanes; it needs matplotlib (Debian's
python3-matplotlib, for /usr/bin/python3).

Usage:
  ring3_timeline.py LOG [--json OUT] [--png OUT] [--title TEXT]
"""
import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ring3_log  # noqa: E402

HZ_RE = re.compile(r"^BOOT cpu=\d+ tsc=\S+ hz=(\d+)")
CPU_RE = re.compile(r"^BOOT cpu=(\d+) apic_id=")
RUN_RE = re.compile(r"^RUN cpu=(\d+) pid=(\d+) payload=(\S+)")
SYSCALL_RE = re.compile(r"^SYSCALL cpu=(\d+) seq=(\d+) rip=0x[0-9a-f]+ nr=(-?\d+) name=(\w+)"
                        r"(?: a\d=0x[0-9a-f]+)* ret=(-?\d+) cycles=(\d+)(?: via=int80)?"
                        r" pid=(\d+) tsc=(\d+)")
SLICE_RE = re.compile(r"^SLICE cpu=(\d+) pid=(\d+) tsc=(\d+) cycles=(\d+) irqs=(\d+) reason=(\w+)")
SIGNAL_RE = re.compile(r"^SIGNAL cpu=(\d+) pid=(\d+) sig=(\d+) name=(\w+) code=(-?\d+) .*"
                       r"action=([\w-]+)(?: handler=(0x[0-9a-f]+))?(?: pf_err=0x[0-9a-f]+)? tsc=(\d+)$")
IRQ_RE = re.compile(r"^IRQ cpu=(\d+) vector=(\d+) name=([\w-]+) from=(\w+) pid=(\d+) .*tsc=(\d+)$")
FAULT_RE = re.compile(r"^FAULT cpu=(\d+) vector=(\d+) name=(\S+) .* mode=(user|kernel)"
                      r" action=\w+(?: pid=(\d+))?")
KILL_RE = re.compile(r"^KILL cpu=(\d+) pid=(\d+) reason=([\w-]+)")
EXIT_RE = re.compile(r"^EXIT cpu=(\d+) pid=(\d+) code=(-?\d+)")

CPUS, TASKS = 1, 2  # the trace's two groups ("processes")


class Run:
    """What a log says happened, in TSC ticks."""

    def __init__(self):
        self.hz = None
        self.cpus = set()
        self.tasks = {}     # pid -> {"cpu", "name"}
        self.syscalls = []  # dicts: cpu pid tsc cycles name nr ret seq call
        self.slices = []    # dicts: cpu pid tsc cycles irqs reason
        self.marks = []     # dicts: cpu pid tsc kind name args (pid None: the CPU's)
        self.unplaced = 0   # untimed lines with nothing on their CPU to place them by


def parse(lines):
    """A Run from a log's lines (user text is never read)."""
    run = Run()
    kernel = ring3_log.split([l.rstrip("\r\n") for l in lines])[0]
    pending = {}  # cpu -> untimed marks waiting for their stint's end
    latest = {}   # cpu -> the latest tick seen there so far

    def seen(cpu, tsc):
        run.cpus.add(cpu)
        latest[cpu] = max(latest.get(cpu, tsc), tsc)

    def untimed(cpu, pid, kind, name, args):
        run.cpus.add(cpu)
        pending.setdefault(cpu, []).append(dict(cpu=cpu, pid=pid, tsc=None, kind=kind,
                                                name=name, args=args))

    for l in kernel:
        keys = l.split(" | ", 1)[0]
        m = HZ_RE.match(keys)
        if m:
            run.hz = run.hz or int(m.group(1))
            continue
        m = CPU_RE.match(keys)
        if m:
            run.cpus.add(int(m.group(1)))  # a lane even if it runs nothing
            continue
        m = RUN_RE.match(keys)
        if m:
            cpu, pid = int(m.group(1)), int(m.group(2))
            run.cpus.add(cpu)
            run.tasks[pid] = {"cpu": cpu, "name": m.group(3)}
            continue
        m = SYSCALL_RE.match(keys)
        if m:
            cpu, pid, tsc = int(m.group(1)), int(m.group(7)), int(m.group(8))
            call = l.split(" | ", 1)[1] if " | " in l else ""
            run.syscalls.append(dict(cpu=cpu, pid=pid, tsc=tsc, cycles=int(m.group(6)),
                                     name=m.group(4), nr=int(m.group(3)), ret=int(m.group(5)),
                                     seq=int(m.group(2)), call=call))
            seen(cpu, tsc + int(m.group(6)))
            continue
        m = SLICE_RE.match(keys)
        if m:
            cpu, pid, tsc, cycles = (int(m.group(i)) for i in range(1, 5))
            run.slices.append(dict(cpu=cpu, pid=pid, tsc=tsc, cycles=cycles,
                                   irqs=int(m.group(5)), reason=m.group(6)))
            seen(cpu, tsc + cycles)
            # What this stint printed without a time happened before its end.
            keep = []
            for mark in pending.get(cpu, []):
                if mark["pid"] in (pid, None):
                    mark["tsc"] = tsc + cycles
                    run.marks.append(mark)
                else:
                    keep.append(mark)
            pending[cpu] = keep
            continue
        m = SIGNAL_RE.match(keys)
        if m:
            cpu, tsc = int(m.group(1)), int(m.group(8))
            args = {"sig": int(m.group(3)), "code": int(m.group(5)), "action": m.group(6)}
            if m.group(7):
                args["handler"] = m.group(7)
            run.marks.append(dict(cpu=cpu, pid=int(m.group(2)), tsc=tsc, kind="signal",
                                  name=m.group(4), args=args))
            seen(cpu, tsc)
            continue
        m = IRQ_RE.match(keys)
        if m:
            cpu, tsc = int(m.group(1)), int(m.group(6))
            run.marks.append(dict(cpu=cpu, pid=None, tsc=tsc, kind="irq", name=m.group(3),
                                  args={"vector": int(m.group(2)), "from": m.group(4),
                                        "pid": int(m.group(5))}))
            seen(cpu, tsc)
            continue
        m = FAULT_RE.match(keys)
        if m:
            pid = int(m.group(5)) if m.group(5) and m.group(4) == "user" else None
            untimed(int(m.group(1)), pid, "fault", m.group(3),
                    {"vector": int(m.group(2)), "mode": m.group(4)})
            continue
        m = KILL_RE.match(keys)
        if m:
            untimed(int(m.group(1)), int(m.group(2)), "kill", "kill " + m.group(3),
                    {"reason": m.group(3)})
            continue
        m = EXIT_RE.match(keys)
        if m:
            untimed(int(m.group(1)), int(m.group(2)), "exit", "exit " + m.group(3),
                    {"code": int(m.group(3))})
    for cpu, marks in pending.items():
        for mark in marks:
            if cpu in latest:
                mark["tsc"] = latest[cpu]
                run.marks.append(mark)
            else:
                run.unplaced += 1
    for e in run.syscalls + run.slices + run.marks:
        if e["pid"] is not None and e["pid"] not in run.tasks:
            run.tasks[e["pid"]] = {"cpu": e["cpu"], "name": "?"}
    return run


def task_label(run, pid):
    return f"{run.tasks[pid]['name']} (pid {pid})"


def gaps(run):
    """Per task, the time between its stints: (pid, start, end, what),
    what being "sleep" or "runnable", in ticks."""
    out = []
    by_task = {}
    for s in sorted(run.slices, key=lambda s: s["tsc"]):
        by_task.setdefault(s["pid"], []).append(s)
    for pid, stints in by_task.items():
        for a, b in zip(stints, stints[1:]):
            end = a["tsc"] + a["cycles"]
            if b["tsc"] > end:
                out.append((pid, end, b["tsc"], "sleep" if a["reason"] == "sleep" else "runnable"))
    return out


def trace(run):
    """The Chrome trace (a dict ready for json.dump)."""
    ticks = [e["tsc"] for e in run.syscalls + run.slices + run.marks]
    origin = min(ticks) if ticks else 0
    hz = run.hz or 1_000_000_000

    def us(tsc):
        return round((tsc - origin) * 1e6 / hz, 3)

    def dur(start, cycles):
        # The difference of two rounded times: what nests in ticks
        # (a syscall in its stint) still nests in microseconds.
        return round(us(start + cycles) - us(start), 3)

    meta = [{"ph": "M", "pid": CPUS, "tid": 0, "name": "process_name", "args": {"name": "CPUs"}},
            {"ph": "M", "pid": CPUS, "tid": 0, "name": "process_sort_index", "args": {"sort_index": 0}},
            {"ph": "M", "pid": TASKS, "tid": 0, "name": "process_name", "args": {"name": "tasks"}},
            {"ph": "M", "pid": TASKS, "tid": 0, "name": "process_sort_index", "args": {"sort_index": 1}}]
    for cpu in sorted(run.cpus):
        meta.append({"ph": "M", "pid": CPUS, "tid": cpu, "name": "thread_name",
                     "args": {"name": f"cpu {cpu}"}})
        meta.append({"ph": "M", "pid": CPUS, "tid": cpu, "name": "thread_sort_index",
                     "args": {"sort_index": cpu}})
    for i, pid in enumerate(sorted(run.tasks)):
        meta.append({"ph": "M", "pid": TASKS, "tid": pid, "name": "thread_name",
                     "args": {"name": f"{task_label(run, pid)} on cpu {run.tasks[pid]['cpu']}"}})
        meta.append({"ph": "M", "pid": TASKS, "tid": pid, "name": "thread_sort_index",
                     "args": {"sort_index": i}})

    events = []
    for s in run.slices:
        args = {"pid": s["pid"], "reason": s["reason"], "irqs": s["irqs"], "cycles": s["cycles"]}
        events.append({"ph": "X", "cat": "slice", "name": task_label(run, s["pid"]), "pid": CPUS,
                       "tid": s["cpu"], "ts": us(s["tsc"]), "dur": dur(s["tsc"], s["cycles"]), "args": args})
        events.append({"ph": "X", "cat": "run", "name": f"on cpu {s['cpu']}", "pid": TASKS,
                       "tid": s["pid"], "ts": us(s["tsc"]), "dur": dur(s["tsc"], s["cycles"]), "args": args})
        if s["reason"] == "preempt":
            events.append({"ph": "i", "s": "t", "cat": "preempt", "name": "preempt", "pid": CPUS,
                           "tid": s["cpu"], "ts": us(s["tsc"] + s["cycles"]),
                           "args": {"pid": s["pid"]}})
    for c in run.syscalls:
        events.append({"ph": "X", "cat": "syscall", "name": c["name"], "pid": TASKS, "tid": c["pid"],
                       "ts": us(c["tsc"]), "dur": dur(c["tsc"], c["cycles"]),
                       "args": {"nr": c["nr"], "ret": c["ret"], "seq": c["seq"], "cpu": c["cpu"],
                                "call": c["call"]}})
    for pid, start, end, what in gaps(run):
        events.append({"ph": "X", "cat": what, "name": what, "pid": TASKS, "tid": pid,
                       "ts": us(start), "dur": dur(start, end - start)})
    for m in run.marks:
        on_cpu = m["pid"] is None
        events.append({"ph": "i", "s": "t", "cat": m["kind"], "name": m["name"],
                       "pid": CPUS if on_cpu else TASKS, "tid": m["cpu"] if on_cpu else m["pid"],
                       "ts": us(m["tsc"]), "args": dict(m["args"], cpu=m["cpu"])})
    # Time order; at one instant an enclosing span before what it holds.
    events.sort(key=lambda e: (e["ts"], -e.get("dur", 0)))
    other = {"tsc_hz": hz, "tsc_origin": origin, "cpus": len(run.cpus), "tasks": len(run.tasks),
             "syscalls": len(run.syscalls), "slices": len(run.slices)}
    if not run.hz:
        other["warning"] = "no BOOT hz= line: ticks taken as nanoseconds"
    if run.unplaced:
        other["unplaced"] = run.unplaced
    return {"traceEvents": meta + events, "displayTimeUnit": "ms", "otherData": other}


def picture(run, path, title=None):
    """The timeline as a PNG: a row per CPU, then a row per task."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ticks = [e["tsc"] for e in run.syscalls + run.slices + run.marks]
    origin = min(ticks) if ticks else 0
    hz = run.hz or 1_000_000_000

    def ms(tsc):
        return (tsc - origin) * 1e3 / hz

    cpus, pids = sorted(run.cpus), sorted(run.tasks)
    rows = [f"cpu {c}" for c in cpus] + [task_label(run, p) for p in pids]
    y = {("cpu", c): i for i, c in enumerate(cpus)}
    y.update({("task", p): len(cpus) + i for i, p in enumerate(pids)})
    # Task colours: tab20's strong shades first, then its light ones;
    # never its greys, which mean waiting here.
    cmap = plt.get_cmap("tab20")
    palette = [cmap(i) for i in list(range(0, 20, 2)) + list(range(1, 20, 2)) if i not in (14, 15)]
    colour = {p: palette[i % len(palette)] for i, p in enumerate(pids)}

    # Up to 60 inches tall: a run of hundreds of tasks gets thin rows.
    fig, ax = plt.subplots(figsize=(12, min(1.2 + 0.42 * len(rows), 60)), dpi=110)
    h = 0.7
    for s in run.slices:
        span = [(ms(s["tsc"]), max(ms(s["tsc"] + s["cycles"]) - ms(s["tsc"]), 1e-4))]
        for row in (y[("cpu", s["cpu"])], y[("task", s["pid"])]):
            ax.broken_barh(span, (row - h / 2, h), facecolors=colour[s["pid"]], edgecolor="none")
    for pid, start, end, what in gaps(run):
        ax.broken_barh([(ms(start), ms(end) - ms(start))], (y[("task", pid)] - h / 4, h / 2),
                       facecolors="#dddddd" if what == "runnable" else "none",
                       edgecolor="#4e79a7" if what == "sleep" else "none",
                       hatch="////" if what == "sleep" else None, linewidth=0)

    def marks(points, **style):
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], linestyle="none", **style)

    marks([(ms(c["tsc"]), y[("task", c["pid"])]) for c in run.syscalls],
          marker="|", markersize=11, color="black", markeredgewidth=0.8)
    marks([(ms(s["tsc"] + s["cycles"]), y[("cpu", s["cpu"])] - h / 2) for s in run.slices
           if s["reason"] == "preempt"], marker="v", markersize=5, color="black")
    kinds = {"irq": dict(marker=".", markersize=3, color="#7f7f7f"),
             "signal": dict(marker="*", markersize=11, color="#f28e2b", markeredgecolor="black",
                            markeredgewidth=0.5),
             "fault": dict(marker="X", markersize=9, color="#e15759", markeredgecolor="black",
                           markeredgewidth=0.5),
             "kill": dict(marker="x", markersize=8, color="#e15759", markeredgewidth=2),
             "exit": dict(marker="o", markersize=5, color="white", markeredgecolor="black")}
    for kind, style in kinds.items():
        pts = []
        for m in run.marks:
            if m["kind"] != kind:
                continue
            if m["pid"] is None:
                row = y[("cpu", m["cpu"])] + h / 2
            else:  # a signal just above its task's row: its end is often at the same time
                row = y[("task", m["pid"])] - (h / 2 if kind == "signal" else 0)
            pts.append((ms(m["tsc"]), row))
        marks(pts, **style)

    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(rows, fontsize=10 if len(rows) <= 140 else 4)
    ax.set_ylim(max(len(rows), 1) - 0.5, -0.5)
    if cpus and pids:
        ax.axhline(len(cpus) - 0.5, color="#999999", linewidth=0.8)
    ax.set_xlabel("ms since the first event")
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)
    ax.set_title(title or f"ring3: {len(cpus)} CPU(s), {len(pids)} task(s), "
                 f"{len(run.syscalls)} syscalls, {len(run.slices)} stints")
    legend = [Patch(facecolor="#bbbbbb", label="running (colour: task)"),
              Patch(facecolor="#dddddd", label="runnable, waiting"),
              Patch(facecolor="none", edgecolor="#4e79a7", hatch="////", label="sleeping"),
              Line2D([], [], linestyle="none", marker="|", color="black", markersize=10, label="syscall"),
              Line2D([], [], linestyle="none", marker="v", color="black", label="preempted")]
    labels = {"irq": "interrupt", "signal": "signal", "fault": "fault", "kill": "killed", "exit": "exit"}
    present = {m["kind"] for m in run.marks}
    legend += [Line2D([], [], linestyle="none", label=labels[k], **kinds[k]) for k in kinds if k in present]
    ax.legend(handles=legend, loc="upper center", bbox_to_anchor=(0.5, -0.5 / (1 + 0.3 * len(rows))),
              ncol=min(len(legend), 5), fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("log", help="a ring3 serial log (build/serial.log)")
    ap.add_argument("--json", help="write the Chrome trace here")
    ap.add_argument("--png", help="draw the timeline here (needs matplotlib)")
    ap.add_argument("--title", help="the picture's title")
    args = ap.parse_args()
    if not args.json and not args.png:
        ap.error("nothing to write: give --json, --png or both")
    with open(args.log, "rb") as f:
        run = parse(ring3_log.clean(f.read()).splitlines())
    if not run.slices and not run.syscalls:
        sys.stderr.write(f"ring3_timeline: nothing timed in {args.log} "
                         "(no SLICE or SYSCALL lines with tsc=)\n")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(trace(run), f)
        print(f"wrote {args.json}: {len(run.cpus)} CPU lane(s), {len(run.tasks)} task lane(s), "
              f"{len(run.syscalls)} syscalls")
    if args.png:
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            sys.exit("ring3_timeline: no matplotlib (Debian: python3-matplotlib, for /usr/bin/python3)")
        picture(run, args.png, args.title)
        print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
