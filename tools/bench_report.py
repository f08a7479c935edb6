#!/usr/bin/env python3
"""Turn a serial log with BENCH lines into a table, JSON and histograms.

    bench_report.py LOG [--json OUT] [--png-dir DIR]

LOG is the raw serial capture of a run of bench.bin (QEMU's, or one taken
from a real PC with picocom/minicom: escape codes and CRs are ignored).
The table goes to stdout; --json writes the numbers; --png-dir writes one
histogram PNG per path (needs matplotlib: Debian's python3-matplotlib).
"""
import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ring3_log  # noqa: E402

ANSI = re.compile(r"\x1b\[[0-9;=?]*[A-Za-z]")
BENCH = re.compile(r"^BENCH path=(\S+) n=(\d+) unit=(\S+) min=(\d+) median=(\d+) p99=(\d+)"
                   r" max=(\d+) overhead=(\d+)$")
HIST = re.compile(r"^BENCH-HIST path=(\S+) unit=(\S+) lo=(\d+) width=(\d+) counts=([\d,]+)$")
TOTAL = re.compile(r"^TOTAL since=efi_main tsc=(\d+)(?: instructions=(\d+))?$")

# The order the table lists paths in, then anything else.
ORDER = ["call", "syscall", "syscall-iret", "int80", "enosys", "write-1", "write-64",
         "write-4096", "timing-pair"]


def parse(text):
    """The BENCH results of one log as a dict (see --json)."""
    lines = ring3_log.split(ANSI.sub("", text).replace("\r", "").splitlines())[0]
    out = {"unit": None, "paths": {}, "total": None}
    for l in lines:
        m = BENCH.match(l)
        if m:
            p = out["paths"].setdefault(m.group(1), {})
            p.update(n=int(m.group(2)), min=int(m.group(4)), median=int(m.group(5)),
                     p99=int(m.group(6)), max=int(m.group(7)), overhead=int(m.group(8)))
            out["unit"] = m.group(3)
            continue
        m = HIST.match(l)
        if m:
            p = out["paths"].setdefault(m.group(1), {})
            p["hist"] = {"lo": int(m.group(3)), "width": int(m.group(4)),
                         "counts": [int(c) for c in m.group(5).split(",")]}
            continue
        m = TOTAL.match(l)
        if m:
            out["total"] = {"tsc": int(m.group(1))}
            if m.group(2):
                out["total"]["instructions"] = int(m.group(2))
    return out


def table(result):
    unit = result["unit"] or "?"
    rows = [f"{'path':<14}{'n':>8}  {'min':>8}{'median':>8}{'p99':>8}{'max':>8}   unit",
            "-" * 64]
    names = [p for p in ORDER if p in result["paths"]]
    names += sorted(p for p in result["paths"] if p not in ORDER)
    for name in names:
        p = result["paths"][name]
        if "n" not in p:
            continue
        rows.append(f"{name:<14}{p['n']:>8}  {p['min']:>8}{p['median']:>8}{p['p99']:>8}"
                    f"{p['max']:>8}   {unit}")
    return "\n".join(rows) + "\n"


def histograms(result, outdir):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.stderr.write("bench_report: no matplotlib (Debian: python3-matplotlib); no PNGs\n")
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("log")
    ap.add_argument("--json")
    ap.add_argument("--png-dir")
    args = ap.parse_args()
    with open(args.log, "rb") as f:
        result = parse(f.read().decode("latin-1"))
    if not result["paths"]:
        sys.exit(f"bench_report: no BENCH lines in {args.log}")
    sys.stdout.write(table(result))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2, sort_keys=True)
    if args.png_dir:
        for p in histograms(result, args.png_dir):
            print(f"wrote {p}")


if __name__ == "__main__":
    main()
