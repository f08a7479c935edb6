#!/usr/bin/env python3
"""Turn serial logs with BENCH lines into tables, JSON and charts.

    bench_report.py LOG [LOG...] [--json OUT] [--png-dir DIR] [--chart PNG]

Each LOG is the raw serial capture of a run of the bench program (QEMU's,
or one taken from a real PC with picocom/minicom: escape codes and CRs are
ignored), under ring3 or under Linux. Under ring3 the program's lines
arrive inside the kernel's TEXT lines and are read from there (as are the
kernel's own BENCH lines, which yield_pair prints through the kernel, and
its BOOT mitigation lines); on a Linux console they are plain lines, with
the LINUX lines the program prints as PID 1. A BENCH line is the
program's own claim about what it measured: the kernel does not check it.

One LOG: its table. Several: one column each (a label may be given as
LABEL=LOG) and the ratio ring3/Linux of the medians for every Linux
column, against the first ring3 column. --json writes the numbers;
--png-dir one histogram per path of the first LOG; --chart a bar chart of
the columns (both need matplotlib: Debian's python3-matplotlib).
"""
import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ring3_log  # noqa: E402

FIELD = re.compile(r"([a-z0-9_-]+)=(\S+)")
NUMBERS = ("n", "min", "median", "p99", "max", "overhead", "pmu_instructions", "pmu_cycles")
TOTAL = re.compile(r"^TOTAL since=efi_main tsc=(\d+)(?: instructions=(\d+))?$")
MITIGATION = re.compile(r"^BOOT cpu=(\d+) mitigation=(\S+) state=(on|off) why=(\S+)((?: \S+=\S+)*)$")
LINUX = re.compile(r"^LINUX ([^:]+): (.*)$")

# The order tables list paths in, then anything else.
ORDER = ["timing-pair", "call", "getppid", "getpid", "enosys", "write-1", "write-64",
         "write-4096", "read-4096", "clock_gettime", "int80-getpid", "syscall-iret",
         "yield-pair"]
# What the paths do, for the side-by-side table.
WHAT = {
    "call": "`call`/`ret` in user mode (the floor)",
    "getppid": "null syscall (getppid)",
    "getpid": "getpid",
    "enosys": "unknown number (-ENOSYS)",
    "write-1": "write 1 byte to /dev/null",
    "write-64": "write 64 bytes to /dev/null",
    "write-4096": "write 4096 bytes to /dev/null",
    "read-4096": "read 4096 bytes from /dev/zero",
    "clock_gettime": "clock_gettime(CLOCK_MONOTONIC), the syscall",
    "int80-getpid": "getpid through `int $0x80`",
    "syscall-iret": "getppid returning through IRETQ (ring3 only)",
}
# ring3's mitigations (ring3.efi --mitigate=LIST / --no-mitigate=LIST).
MITIGATIONS = ["pti", "verw", "ibpb", "retpoline", "rsb", "clear-regs"]


def bench_fields(line, keyword):
    """The fields of a "KEYWORD path=... key=value ..." line, or None."""
    if not line.startswith(keyword + " "):
        return None
    fields = dict(FIELD.findall(line[len(keyword) + 1:]))
    return fields if "path" in fields and "unit" in fields else None


def split(text):
    """(kernel lines, program lines, under ring3?). Under ring3 the
    program's lines are its decoded TEXT, task by task; on Linux every
    line of the console is the program's or Linux's own."""
    lines = ring3_log.clean(text).splitlines()
    kernel, texts, _ = ring3_log.split(lines)
    ring3 = bool(texts) or any(l.startswith("KERNEL ") for l in kernel)
    if not ring3:
        return [], lines, False
    program = []
    for pid in dict.fromkeys(t[1] for t in texts):
        program += ring3_log.user_text(texts, pid=pid).decode("latin-1").splitlines()
    return kernel, program, True


def parse(text):
    """One log's results as a dict (what --json writes)."""
    kernel_lines, program_lines, ring3 = split(text)
    out = {"kernel": "ring3" if ring3 else None, "unit": None, "paths": {}, "total": None,
           "mitigations": {}, "linux": {}}

    def take(line, source):
        f = bench_fields(line, "BENCH")
        if f:
            p = out["paths"].setdefault(f["path"], {})
            p.update({k: int(f[k]) for k in NUMBERS if k in f}, source=source)
            out["unit"] = f["unit"]
            if f.get("kernel"):
                out["kernel"] = f["kernel"]
            return
        f = bench_fields(line, "BENCH-HIST")
        if f:
            out["paths"].setdefault(f["path"], {})["hist"] = {
                "lo": int(f["lo"]), "width": int(f["width"]),
                "counts": [int(c) for c in f["counts"].split(",")]}

    for l in kernel_lines:
        take(l, "kernel")
        m = TOTAL.match(l)
        if m:
            out["total"] = {"tsc": int(m.group(1))}
            if m.group(2):
                out["total"]["instructions"] = int(m.group(2))
        m = MITIGATION.match(l)
        if m and m.group(1) == "0":
            # Any further fields (form=, pcid=) as they are.
            out["mitigations"][m.group(2)] = dict(FIELD.findall(m.group(5)), state=m.group(3),
                                                  why=m.group(4))
    for l in program_lines:
        take(l, "program")
        m = LINUX.match(l)
        if m and not ring3:
            out["linux"][m.group(1)] = m.group(2)
    return out


def ordered(names):
    names = list(names)
    return [p for p in ORDER if p in names] + sorted(p for p in names if p not in ORDER)


def table(result):
    unit = result["unit"] or "?"
    # The fixed counters' columns, where the run had them (a real Intel PC).
    pmu = any("pmu_cycles" in p for p in result["paths"].values())
    head = f"{'unit':<14}{'pmu-insns':>10}{'pmu-cycles':>11}" if pmu else "unit"
    rows = [f"{'path':<14}{'n':>8}  {'min':>8}{'median':>8}{'p99':>8}{'max':>8}   {head}",
            "-" * (64 + (len(head) - 4))]
    for name in ordered(result["paths"]):
        p = result["paths"][name]
        if "n" not in p:
            continue
        tail = (f"{unit:<14}{p.get('pmu_instructions', '-'):>10}{p.get('pmu_cycles', '-'):>11}"
                if pmu else unit)
        rows.append(f"{name:<14}{p['n']:>8}  {p['min']:>8}{p['median']:>8}{p['p99']:>8}"
                    f"{p['max']:>8}   {tail}")
    return "\n".join(rows) + "\n"


def side_by_side(columns):
    """columns: dicts with "name", "kernel" (ring3 or linux), optionally
    "cpu", and "result" (parse()'s). Every Linux column gets a ratio: the
    ring3 column on the same CPU model (else the first ring3 column),
    its median over Linux's. Returns {"columns", "ratios", "rows"}."""
    ring3 = [c for c in columns if c["kernel"] == "ring3"]
    ratios = []
    for c in columns:
        if c["kernel"] != "linux" or not ring3:
            continue
        mate = next((r for r in ring3 if r.get("cpu") and r.get("cpu") == c.get("cpu")), ring3[0])
        ratios.append({"name": f"{mate['name']} / {c['name']}", "ring3": mate["name"],
                       "linux": c["name"]})
    paths = ordered({p for c in columns for p in c["result"]["paths"]} - {"timing-pair"})
    rows = {}
    for p in paths:
        row = {"cells": {}, "ratios": {}}
        for c in columns:
            v = c["result"]["paths"].get(p)
            if v and "median" in v:
                row["cells"][c["name"]] = {k: v[k] for k in ("n", "min", "median", "p99", "max")}
        for r in ratios:
            a, b = row["cells"].get(r["ring3"]), row["cells"].get(r["linux"])
            if a and b and b["median"]:
                row["ratios"][r["name"]] = round(a["median"] / b["median"], 3)
        if row["cells"]:
            rows[p] = row
    units = {c["result"]["unit"] for c in columns if c["result"]["unit"]}
    return {"columns": [{k: c.get(k) for k in ("name", "kernel", "cpu")} for c in columns],
            "ratios": ratios, "rows": rows, "unit": "/".join(sorted(units)) or None}


def side_by_side_markdown(sbs, spread=True):
    """One markdown table: per path, each column's median [min, max]
    (without spread: the median alone) and each ratio."""
    head = ["path"] + [c["name"] for c in sbs["columns"]] + [r["name"] for r in sbs["ratios"]]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for p, row in sbs["rows"].items():
        cells = [f"{p}: {WHAT[p]}" if p in WHAT else p]
        for c in sbs["columns"]:
            v = row["cells"].get(c["name"])
            if not v:
                cells.append("-")
            else:
                cells.append(f"{v['median']} [{v['min']}, {v['max']}]" if spread else str(v["median"]))
        for r in sbs["ratios"]:
            x = row["ratios"].get(r["name"])
            cells.append(f"{x:.2f}" if x is not None else "-")
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def mitigation_rows(runs, paths=("getppid", "write-4096")):
    """runs: (config, result) for "defaults", "none", each mitigation alone
    and "all". Each row: the paths' medians, their cost above "none", and
    what the kernel's boot report said (one mitigation's state alone, or
    the list of those on)."""
    base = dict(runs).get("none")
    rows = []
    for config, res in runs:
        row = {"config": config, "paths": {}, "reported": {}}
        for p in paths:
            med = (res["paths"].get(p) or {}).get("median")
            above = None
            if med is not None and base and p in base["paths"]:
                above = med - base["paths"][p]["median"]
            row["paths"][p] = {"median": med, "above_none": above}
        m = res["mitigations"]
        if config in m:
            row["reported"] = {config: m[config]}
        else:
            row["reported"] = m
        rows.append(row)
    return rows


def reported_text(config, reported):
    if config in reported and len(reported) == 1:
        r = reported[config]
        return f"{config} {r['state']} ({r['why']})"
    if not reported:
        return "no mitigation lines"
    on = [k for k in MITIGATIONS + sorted(set(reported) - set(MITIGATIONS))
          if reported.get(k, {}).get("state") == "on"]
    return "on: " + ", ".join(on) if on else "all off"


def mitigation_markdown(rows, paths=("getppid", "write-4096")):
    head = ["ring3 mitigations"] + [f"{p} (above none)" for p in paths] + ["boot report"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [r["config"]]
        for p in paths:
            v = r["paths"][p]
            if v["median"] is None:
                cells.append("-")
            elif v["above_none"] is None:
                cells.append(f"{v['median']}")
            else:
                cells.append(f"{v['median']} ({v['above_none']:+d})")
        cells.append(reported_text(r["config"], r["reported"]))
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def pyplot():
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        return plt
    except ImportError:
        sys.stderr.write("bench_report: no matplotlib (Debian: python3-matplotlib); no PNGs\n")
        return None


def histograms(result, outdir):
    plt = pyplot()
    if not plt:
        return []
    os.makedirs(outdir, exist_ok=True)
    written = []
    for name, p in sorted(result["paths"].items()):
        h = p.get("hist")
        if not h:
            continue
        lo, w, counts = h["lo"], h["width"], h["counts"]
        fig, ax = plt.subplots(figsize=(6.4, 3.6), dpi=100)
        ax.bar([lo + i * w for i in range(len(counts))], counts, width=w, align="edge",
               color="#3465a4", edgecolor="#204a87")
        ax.set_title(f"{name}: n={p.get('n')} median={p.get('median')} p99={p.get('p99')}"
                     f" max={p.get('max')}")
        ax.set_xlabel(result["unit"] or "")
        ax.set_ylabel("round trips")
        fig.tight_layout()
        path = os.path.join(outdir, f"bench-{name}.png")
        fig.savefig(path)
        plt.close(fig)
        written.append(path)
    return written


def bar_chart(sbs, path):
    """Grouped bars: per path, each column's median (log scale: the copies
    are a hundred times the null call)."""
    plt = pyplot()
    if not plt:
        return None
    paths = list(sbs["rows"])
    cols = [c["name"] for c in sbs["columns"]]
    fig, ax = plt.subplots(figsize=(11, 4.8), dpi=100)
    width = 0.8 / max(1, len(cols))
    colours = ["#3465a4", "#cc0000", "#f57900", "#73d216", "#75507b", "#c4a000", "#555753"]
    for i, c in enumerate(cols):
        xs, ys = [], []
        for j, p in enumerate(paths):
            v = sbs["rows"][p]["cells"].get(c)
            if v:
                xs.append(j + (i - (len(cols) - 1) / 2) * width)
                ys.append(max(v["median"], 1))
        ax.bar(xs, ys, width=width, label=c, color=colours[i % len(colours)])
    ax.set_yscale("log")
    ax.set_xticks(range(len(paths)))
    ax.set_xticklabels(paths, rotation=30, ha="right")
    ax.set_ylabel(f"{sbs['unit'] or ''} per round trip (median)")
    ax.set_title("The same program, the same machine: ring3 and Linux")
    ax.legend(fontsize=8)
    ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("logs", nargs="+", metavar="LOG", help="a log, or LABEL=LOG")
    ap.add_argument("--json")
    ap.add_argument("--png-dir")
    ap.add_argument("--chart")
    args = ap.parse_args()
    columns = []
    for spec in args.logs:
        label, _, path = spec.rpartition("=") if not os.path.exists(spec) else ("", "", spec)
        with open(path, "rb") as f:
            result = parse(f.read().decode("latin-1"))
        if not result["paths"]:
            sys.exit(f"bench_report: no BENCH lines in {path}")
        columns.append({"name": label or f"{result['kernel'] or '?'} ({os.path.basename(path)})",
                        "kernel": result["kernel"], "result": result})
    if len(columns) == 1:
        sys.stdout.write(table(columns[0]["result"]))
        out = columns[0]["result"]
    else:
        out = side_by_side(columns)
        sys.stdout.write(side_by_side_markdown(out))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f, indent=2, sort_keys=True)
    if args.png_dir:
        for p in histograms(columns[0]["result"], args.png_dir):
            print(f"wrote {p}")
    if args.chart and len(columns) > 1 and bar_chart(out, args.chart):
        print(f"wrote {args.chart}")


if __name__ == "__main__":
    main()
