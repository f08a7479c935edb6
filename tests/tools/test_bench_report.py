#!/usr/bin/env python3
"""tools/bench_report.py on made-up logs of both kernels: what it takes
from where (the program's TEXT under ring3, a Linux console), forged
lines, the side-by-side and mitigation tables, the counters' columns.
(The end-to-end tests run it on fresh logs of the bench program under
ring3 and under Linux.) Prints one line per failure and a count; exits
nonzero on any failure."""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
import bench_report  # noqa: E402
sys.path.insert(0, HERE)
import tally  # noqa: E402

check = tally.check

# ---- made-up logs ----
RUN = ("RUN cpu=0 pid=1 payload=bench size=1 entry=0x401000 rsp=0x7ffffffefe00"
       " region=0x400000-0x500000 format=elf")


def text(s):
    return 'TEXT cpu=0 pid=1 fd=1 "' + s.replace('"', '\\"') + '\\n"'


def bench_line(path, median, kernel="ring3"):
    return (f"BENCH path={path} unit=instructions n=10 min={median} median={median}"
            f" p99={median} max={median} overhead=5 kernel={kernel}")


# A run of each kernel, as their logs look: under ring3 the program's
# lines inside TEXT lines among the kernel's, on Linux its console.
RING3_LOG = "\n".join([
    "KERNEL ring3: own GDT, IDT, TSS, page tables and SYSCALL MSRs installed",
    "BOOT cpu=0 mitigation=retpoline state=on why=affected",
    "BOOT cpu=0 mitigation=clear-regs state=off why=hardening", RUN,
    text("bench: kernel=ring3 n=10 unit=instructions"),
    text(bench_line("getppid", 63)), text(bench_line("syscall-iret", 125)),
    "TOTAL since=efi_main tsc=500 instructions=31",
    "DONE status=pass"])
LINUX_LOG = "\n".join([
    "[    0.000000] Linux version 6.1.0-57-amd64", "LINUX release: 6.1.0-57-amd64",
    "LINUX meltdown: Not affected", bench_line("getppid", 322, kernel="linux"), "bench: done"])
ring3, linux = bench_report.parse(RING3_LOG), bench_report.parse(LINUX_LOG)
check((ring3["kernel"], ring3["unit"], linux["kernel"], linux["unit"]),
      ("ring3", "instructions", "linux", "instructions"), "kernels and units")
check({p: (v["median"], v["source"]) for p, v in ring3["paths"].items()},
      {"getppid": (63, "program"), "syscall-iret": (125, "program")}, "ring3's paths, from TEXT")
check({k: (v["state"], v["why"]) for k, v in ring3["mitigations"].items()},
      {"retpoline": ("on", "affected"), "clear-regs": ("off", "hardening")}, "ring3's boot lines")
check(ring3["total"], {"tsc": 500, "instructions": 31}, "ring3's TOTAL line")
check((linux["linux"], ring3["linux"]),
      ({"release": "6.1.0-57-amd64", "meltdown": "Not affected"}, {}), "LINUX lines, on Linux only")

sbs = bench_report.side_by_side([
    {"name": "ring3 qemu64", "kernel": "ring3", "cpu": "qemu64", "result": ring3},
    {"name": "Linux qemu64", "kernel": "linux", "cpu": "qemu64", "result": linux},
])
check([r["name"] for r in sbs["ratios"]], ["ring3 qemu64 / Linux qemu64"], "one ratio")
check(sbs["rows"]["getppid"]["ratios"]["ring3 qemu64 / Linux qemu64"], round(63 / 322, 3),
      "getppid ratio")
check(sbs["rows"]["syscall-iret"]["ratios"], {}, "no ratio without a Linux number")
row = [l for l in bench_report.side_by_side_markdown(sbs).splitlines() if l.startswith("| getppid")]
check(row, ["| getppid: null syscall (getppid) | 63 [63, 63] | 322 [322, 322] | 0.20 |"],
      "the markdown row")
row = [l for l in bench_report.side_by_side_markdown(sbs, spread=False).splitlines()
       if l.startswith("| getppid")]
check(row, ["| getppid: null syscall (getppid) | 63 | 322 | 0.20 |"], "the row, medians only")

# The same from the command line, two logs side by side.
with tempfile.TemporaryDirectory() as tmp:
    logs = []
    for name, body in (("ring3", RING3_LOG), ("linux", LINUX_LOG)):
        logs.append(f"{name}={os.path.join(tmp, name + '.log')}")
        with open(logs[-1].split("=", 1)[1], "w") as f:
            f.write(body + "\n")
    t = subprocess.run([sys.executable, os.path.join(HERE, "..", "..", "tools", "bench_report.py"),
                        *logs], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
check((t.returncode, "| getppid: null syscall (getppid) | 63 [63, 63] |" in t.stdout),
      (0, True), "the command line, two logs")

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
# --mitigate / --no-mitigate) and the program's numbers. The defaults as
# ring3 decides them on qemu64.
DEFAULTS = {"pti": ("off", "not-affected"), "verw": ("off", "not-affected"),
            "ibpb": ("off", "unavailable"), "retpoline": ("on", "affected"),
            "rsb": ("on", "affected"), "clear-regs": ("off", "hardening")}


def mitigation_log(config, getppid, write):
    on = {"none": set(), "all": set(bench_report.MITIGATIONS)}.get(config, {config})
    lines = ["KERNEL ring3: own GDT, IDT, TSS, page tables and SYSCALL MSRs installed"]
    for m in bench_report.MITIGATIONS:
        if config == "defaults":
            state, why = DEFAULTS[m]
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
    "| defaults | 70 (+10) | 140 (+19) | on: retpoline, rsb |",
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
