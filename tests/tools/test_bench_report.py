#!/usr/bin/env python3
"""tools/bench_report.py on real recorded logs of the bench program, one
under ring3 and one under Linux in the same QEMU machine (tests/tools/data/,
made with --n=200), and on made-up logs for what a recording cannot show:
forged lines, the mitigation table. Prints one line per failure and a
count; exits nonzero on any failure."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
import bench_report  # noqa: E402
sys.path.insert(0, HERE)
import tally  # noqa: E402

check = tally.check

DATA = os.path.join(HERE, "data")


def load(name):
    with open(os.path.join(DATA, name), "rb") as f:
        return bench_report.parse(f.read().decode("latin-1"))


# ---- the recorded logs ----
ring3 = load("bench-ring3.log")
linux = load("bench-linux.log")
check((ring3["kernel"], ring3["unit"], linux["kernel"], linux["unit"]),
      ("ring3", "instructions", "linux", "instructions"), "kernels and units")
both = ["timing-pair", "call", "getppid", "getpid", "enosys", "write-1", "write-64", "write-4096",
        "read-4096", "clock_gettime", "int80-getpid"]
check(sorted(ring3["paths"]), sorted(both + ["syscall-iret"]), "ring3's paths")
check(sorted(linux["paths"]), sorted(both), "Linux's paths: no IRETQ switch there")
for name, res in (("ring3", ring3), ("linux", linux)):
    for p, v in res["paths"].items():
        check((v["n"], v["source"]), (200, "program"), f"{name} {p}: n and source")
        check(v["min"] <= v["median"] <= v["p99"] <= v["max"], True, f"{name} {p}: order")
        # ring3 cuts a TEXT line after 128 bytes: the histogram lines
        # arrive in pieces and must be put back together.
        check(sum(v["hist"]["counts"]), 200, f"{name} {p}: histogram adds up to n")
check((ring3["paths"]["getppid"]["median"], linux["paths"]["getppid"]["median"]), (63, 322),
      "getppid as recorded")
check({k: (v["state"], v["why"]) for k, v in ring3["mitigations"].items()},
      {"pti": ("off", "not-affected"), "verw": ("off", "not-affected"),
       "ibpb": ("off", "unavailable"), "retpoline": ("on", "affected"),
       "rsb": ("on", "affected"), "clear-regs": ("off", "hardening")},
      "ring3's boot report on its mitigations (qemu64)")
check(ring3["total"] is not None and "instructions" in ring3["total"], True, "ring3's TOTAL line")
check(linux["linux"].get("meltdown"), "Not affected", "Linux's verdict on meltdown (qemu64)")
check(linux["linux"].get("release", "").endswith("-amd64"), True, "Linux's release line")
check(ring3["linux"], {}, "no LINUX lines under ring3")

sbs = bench_report.side_by_side([
    {"name": "ring3 qemu64", "kernel": "ring3", "cpu": "qemu64", "result": ring3},
    {"name": "Linux qemu64", "kernel": "linux", "cpu": "qemu64", "result": linux},
])
check([r["name"] for r in sbs["ratios"]], ["ring3 qemu64 / Linux qemu64"], "one ratio")
check(sbs["rows"]["getppid"]["ratios"]["ring3 qemu64 / Linux qemu64"], round(63 / 322, 3),
      "getppid ratio")
check("timing-pair" in sbs["rows"], False, "the timing pair is not a row")
check(sbs["rows"]["syscall-iret"]["ratios"], {}, "no ratio without a Linux number")
md = bench_report.side_by_side_markdown(sbs)
row = [l for l in md.splitlines() if l.startswith("| getppid")]
check(row, ["| getppid: null syscall (getppid) | 63 [63, 63] | 322 [322, "
            + str(linux["paths"]["getppid"]["max"]) + "] | 0.20 |"], "the markdown row")

row = [l for l in bench_report.side_by_side_markdown(sbs, spread=False).splitlines()
       if l.startswith("| getppid")]
check(row, ["| getppid: null syscall (getppid) | 63 | 322 | 0.20 |"], "the row, medians only")

# The same from the command line, two logs side by side.
t = subprocess.run([sys.executable, os.path.join(HERE, "..", "..", "tools", "bench_report.py"),
                    f"ring3={os.path.join(DATA, 'bench-ring3.log')}",
                    f"linux={os.path.join(DATA, 'bench-linux.log')}"],
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
check((t.returncode, "| getppid: null syscall (getppid) | 63 [63, 63] |" in t.stdout),
      (0, True), "the command line, two logs")

# ---- made-up logs ----
RUN = ("RUN cpu=0 pid=1 payload=bench size=1 entry=0x401000 rsp=0x7ffffffefe00"
       " region=0x400000-0x500000 format=elf")


def text(s):
    return 'TEXT cpu=0 pid=1 fd=1 "' + s.replace('"', '\\"') + '\\n"'


def bench_line(path, median, kernel="ring3"):
    return (f"BENCH path={path} unit=instructions n=10 min={median} median={median}"
            f" p99={median} max={median} overhead=5 kernel={kernel}")


# Under ring3 a line the program did not put in TEXT is the kernel's
# (yield_pair's BENCH goes through the kernel); a program cannot forge one.
forged = bench_report.parse("\n".join([
    "KERNEL ring3: own GDT, IDT, TSS, page tables and SYSCALL MSRs installed", RUN,
    text(bench_line("getppid", 60)),
    text("LINUX meltdown: Mitigation: PTI"),
    "BENCH path=yield-pair n=2000 unit=instructions min=900 median=933 p99=950 max=990 overhead=5",
    "DONE status=pass"]))
check({p: (v["median"], v["source"]) for p, v in forged["paths"].items()},
      {"getppid": (60, "program"), "yield-pair": (933, "kernel")}, "sources under ring3")
check(forged["linux"], {}, "a LINUX line inside TEXT is no Linux verdict")

# The mitigation table from boot reports (the lines ring3 prints for
# --mitigate / --no-mitigate) and the program's numbers.
STATES = {
    "defaults": {"pti": ("off", "not-affected"), "verw": ("off", "not-affected"),
                 "ibpb": ("off", "not-affected"), "retpoline": ("on", "affected"),
                 "rsb": ("on", "affected"), "clear-regs": ("on", "affected")},
}


def mitigation_log(config, getppid, write):
    on = {"none": set(), "all": set(bench_report.MITIGATIONS)}.get(config, {config})
    lines = ["KERNEL ring3: own GDT, IDT, TSS, page tables and SYSCALL MSRs installed"]
    for m in bench_report.MITIGATIONS:
        if config == "defaults":
            state, why = STATES["defaults"][m]
        elif m == "ibpb" and m in on:
            state, why = "off", "unavailable"
        else:
            state, why = ("on", "forced") if m in on else ("off", "disabled")
        extra = " pcid=off" if m == "pti" and state == "on" else ""
        lines.append(f"BOOT cpu=0 mitigation={m} state={state} why={why}{extra}")
        lines.append(f"BOOT cpu=1 mitigation={m} state=on why=forced")  # only CPU 0 counts
    lines += [RUN, text(bench_line("getppid", getppid)), text(bench_line("write-4096", write)),
              "DONE status=pass"]
    return bench_report.parse("\n".join(lines))


runs = [("defaults", mitigation_log("defaults", 70, 140)), ("none", mitigation_log("none", 60, 121)),
        ("pti", mitigation_log("pti", 75, 136)), ("ibpb", mitigation_log("ibpb", 60, 121)),
        ("all", mitigation_log("all", 90, 160))]
rows = bench_report.mitigation_rows(runs)
check([(r["config"], r["paths"]["getppid"]["above_none"], r["paths"]["write-4096"]["above_none"])
       for r in rows],
      [("defaults", 10, 19), ("none", 0, 0), ("pti", 15, 15), ("ibpb", 0, 0), ("all", 30, 39)],
      "cost above none")
md = bench_report.mitigation_markdown(rows).splitlines()
check(md[2:], [
    "| defaults | 70 (+10) | 140 (+19) | on: retpoline, rsb, clear-regs |",
    "| none | 60 (+0) | 121 (+0) | all off |",
    "| pti | 75 (+15) | 136 (+15) | pti on (forced) |",
    "| ibpb | 60 (+0) | 121 (+0) | ibpb off (unavailable) |",
    "| all | 90 (+30) | 160 (+39) | on: pti, verw, retpoline, rsb, clear-regs |",
], "the mitigation table")
check(runs[2][1]["mitigations"]["pti"], {"state": "on", "why": "forced", "pcid": "off"},
      "a boot line's further fields kept")
check(bench_report.mitigation_rows([("none", bench_report.parse(""))])[0]["paths"]["getppid"],
      {"median": None, "above_none": None}, "a run without numbers")

# A USB-stick run on an Intel PC: the program adds the fixed counters'
# figures to its lines (docs/bench.md), the table gains their columns.
pc = bench_report.parse("\n".join([
    "KERNEL ring3: own GDT, IDT, TSS, page tables and SYSCALL MSRs installed", RUN,
    text("BENCH path=getppid unit=cycles n=10 min=180 median=190 p99=240 max=900 overhead=30"
         " kernel=ring3 pmu_instructions=66 pmu_cycles=185"),
    text("BENCH path=call unit=cycles n=10 min=2 median=2 p99=3 max=9 overhead=30 kernel=ring3"),
    "DONE status=pass"]))
check((pc["paths"]["getppid"]["pmu_instructions"], pc["paths"]["getppid"]["pmu_cycles"]), (66, 185),
      "the counters' figures kept")
t = bench_report.table(pc).splitlines()
check((t[0].split()[-2:], t[2].split()[-3:], t[3].split()[-3:]),
      (["pmu-insns", "pmu-cycles"], ["cycles", "-", "-"], ["cycles", "66", "185"]),
      "the counters' columns, '-' where a line has none")
check("pmu" in bench_report.table(ring3), False, "no counters' columns without counters")

sys.exit(tally.status("bench_report"))
