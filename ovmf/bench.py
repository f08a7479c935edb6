#!/usr/bin/env python3
"""make bench: the syscall boundary's cost, ring3 beside Linux, in instructions.

Every run is the same QEMU machine (q35, OVMF, the same memory, one CPU)
under -icount shift=SHIFT,sleep=off with the real-time clock at a fixed
date following the instruction count, so the guest TSC advances 2^SHIFT
per guest instruction and a run repeats exactly. The bench program
(user_payload/bench/) runs under ring3 from the disk image, and as /init
of an initramfs under Debian's kernel, which the same OVMF boots through
QEMU's -kernel. Columns: ring3 and Linux on qemu64, Linux with
mitigations=off, and ring3 and Linux on Skylake-Client (where Linux turns
page-table isolation on); the ratio ring3/Linux per CPU model.

Also: ring3 on qemu64 twice (the runs must agree) and once without the
timer, ring3's mitigations one by one (when this ring3.efi has
--mitigate), a task switch pair (yield_pair.bin) on qemu64 and -cpu max,
and the built-in demo's whole run (efi_main to DONE).

Checks: ring3's null syscall (getppid) <= 64 instructions on qemu64 with
its default mitigations; <= a quarter of Linux's in every Linux column;
the demo < 5,000,000 instructions; the two ring3 runs and the two Linux
runs identical, and the table identical to the previous make bench's when
nothing it was made from has changed (identical: n, min and median of
every path; max and p99 are shown, not compared). Writes build/bench.json,
build/bench.md (the tables) and build/bench.png (a bar chart).
"""
import argparse
import glob
import hashlib
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))
import bench_report  # noqa: E402
import mkinitramfs  # noqa: E402

NULL_SYSCALL_TARGET = 64
LINUX_SHARE_TARGET = 0.25
DEMO_TARGET = 5_000_000
MITIGATION_PATHS = "getppid,write-4096"
# ring3 configurations for the mitigation table: name, ring3.efi options.
MITIGATION_RUNS = ([("defaults", []), ("none", ["--no-mitigate=all"])]
                   + [(m, ["--no-mitigate=all", f"--mitigate={m}"])
                      for m in bench_report.MITIGATIONS]
                   + [("all", ["--mitigate=all"])])


def image(build, name, words, copies):
    img = os.path.join(build, f"{name}.img")
    cmd = [os.path.join(HERE, "mkimage.sh"), img, os.path.join(build, "ring3.efi"),
           os.path.join(ROOT, "startup.nsh")]
    for c in copies:
        cmd += ["--copy", c]
    subprocess.run(cmd, env=dict(os.environ, RING3_ARGS=" ".join(words)), check=True)
    return img


def run(what, cmd, log):
    """One QEMU run through run.py (cmd: its options, then any "--" and
    QEMU's own); the parsed log."""
    start = time.monotonic()
    r = subprocess.run([sys.executable, os.path.join(HERE, "run.py"), "--timeout", "900",
                        "--quiet", "--log", log, *cmd])
    print(f"  {what}: {time.monotonic() - start:.0f} s", flush=True)
    if r.returncode != 0:
        sys.exit(f"bench: the {what} run failed (run.py status {r.returncode}; see {log})")
    with open(log, "rb") as f:
        return bench_report.parse(f.read().decode("latin-1"))


def ring3(build, name, ring3_opts, shift, cpu="qemu64", program=None, copies=(), qemu_extra=()):
    """ring3.efi [options]: the bench program with its arguments, or (with
    program=None and copies) flat payloads named in ring3_opts."""
    words = [f"--icount-shift={shift}", *ring3_opts]
    files = list(copies)
    if program is not None:
        # No CPU-time limit: under icount a full run is some 20 guest
        # seconds of the program's own.
        words += ["--cpu-limit=0", "--", "bench", *program]
        files.append(os.path.join(build, "user_payload", "bench", "bench"))
    img = image(build, name, words, files)
    res = run(name, ["--image", img, "--icount", str(shift), "--cpu", cpu, *qemu_extra],
              os.path.join(build, f"{name}.log"))
    return res


def linux(build, name, vmlinuz, initrd, cmdline, program, shift, cpu):
    append = " ".join(["console=ttyS0", "quiet", "panic=-1", *cmdline, "rdinit=/init", "--",
                       *program])
    res = run(name, ["--linux", vmlinuz, "--initrd", initrd, "--append", append,
                     "--icount", str(shift), "--cpu", cpu], os.path.join(build, f"{name}.log"))
    if res["kernel"] != "linux" or not res["paths"]:
        sys.exit(f"bench: {name}: no BENCH lines from the program under Linux")
    return res


def find_vmlinuz(given):
    if given:
        path = given
    else:
        found = sorted(glob.glob("/boot/vmlinuz-*"))
        if not found:
            sys.exit("bench: no /boot/vmlinuz-*: install linux-image-amd64 (make deps)")
        path = found[-1]
    if not os.access(path, os.R_OK):
        sys.exit(f"bench: {path} is readable only by root: run as root, or copy it readable"
                 " and pass VMLINUZ=that-copy")
    return path


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# What two runs must agree on: n, min and median of every path. Not max:
# a run's timer ticks land on the iterations that happen to be running
# then, and the boot before the loops does not always take the same
# number of instructions; nor p99 where a path's slow tail is over 1% of
# its round trips (docs/bench.md, "Repeatable").
SAME = ("n", "min", "median")


def cells(res):
    return {p: {k: v.get(k) for k in SAME} for p, v in res["paths"].items()}


def comparable(table):
    """The table without what may differ from run to run."""
    return {"side_by_side": {p: {c: {k: v.get(k) for k in SAME} for c, v in row["cells"].items()}
                             for p, row in table["side_by_side"].items()},
            "mitigations": [{"config": r["config"], "paths": {p: v["median"] for p, v in
                                                              r["paths"].items()},
                             "reported": r["reported"]} for r in table["mitigations"] or []]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--shift", type=int, default=4)
    ap.add_argument("--n", type=int, default=100000, help="round trips per path")
    ap.add_argument("--vmlinuz", help="Linux kernel (default: the newest /boot/vmlinuz-*)")
    args = ap.parse_args()
    b, shift, n = args.build, args.shift, args.n
    started = time.monotonic()
    vmlinuz = find_vmlinuz(args.vmlinuz)
    bench_elf = os.path.join(b, "user_payload", "bench", "bench")
    initrd = os.path.join(b, "bench-initramfs.cpio.gz")
    mkinitramfs.main([initrd, "--init", bench_elf, "--gzip"])
    program = [f"--icount-shift={shift}", f"--n={n}"]
    print(f"bench: -icount shift={shift},sleep=off, {n} round trips per path; Linux: {vmlinuz}")

    # ring3 on qemu64, twice: the runs must be identical.
    r1 = ring3(b, "bench-ring3-qemu64", [], shift, program=program)
    r2 = ring3(b, "bench-ring3-qemu64-again", [], shift, program=program)
    ring3_same = cells(r1) == cells(r2)
    print(bench_report.table(r1))
    quiet = ring3(b, "bench-ring3-no-timer", ["--slice-us=0"], shift,
                  program=program + ["--paths=getppid"])

    # Linux in the same machine: default, twice; mitigations=off; and
    # both kernels on Skylake-Client.
    l1 = linux(b, "bench-linux-qemu64", vmlinuz, initrd, [], program, shift, "qemu64")
    l2 = linux(b, "bench-linux-qemu64-again", vmlinuz, initrd, [], program, shift, "qemu64")
    linux_same = cells(l1) == cells(l2)
    loff = linux(b, "bench-linux-qemu64-mitigations-off", vmlinuz, initrd, ["mitigations=off"],
                 program, shift, "qemu64")
    rsky = ring3(b, "bench-ring3-skylake", [], shift, cpu="Skylake-Client", program=program)
    lsky = linux(b, "bench-linux-skylake", vmlinuz, initrd, [], program, shift, "Skylake-Client")
    columns = [
        {"name": "ring3 qemu64", "kernel": "ring3", "cpu": "qemu64", "result": r1},
        {"name": "Linux qemu64", "kernel": "linux", "cpu": "qemu64", "result": l1},
        {"name": "Linux qemu64 mitigations=off", "kernel": "linux", "cpu": "qemu64",
         "result": loff},
        {"name": "ring3 Skylake-Client", "kernel": "ring3", "cpu": "Skylake-Client",
         "result": rsky},
        {"name": "Linux Skylake-Client", "kernel": "linux", "cpu": "Skylake-Client",
         "result": lsky},
    ]
    sbs = bench_report.side_by_side(columns)
    side_md = bench_report.side_by_side_markdown(sbs)
    print(side_md)
    for c in columns[1:3] + columns[4:]:
        vulns = c["result"]["linux"]
        on = {k: v for k, v in vulns.items() if k not in ("release", "cmdline")
              and not v.startswith("Not affected")}
        print(f"{c['name']}: " + "; ".join(f"{k}: {v}" for k, v in sorted(on.items())))

    # ring3's mitigations, each alone and together.
    app = os.path.join(b, "ring3.efi")
    runs = [(config, ring3(b, f"bench-mitigate-{config}", opts, shift,
                           program=program + [f"--paths={MITIGATION_PATHS}"]))
            for config, opts in MITIGATION_RUNS]
    mitigation = bench_report.mitigation_rows(runs)
    print(bench_report.mitigation_markdown(mitigation))

    # A task switch pair: two copies of yield_pair.bin together, each
    # yielding to the other, with FXSAVE (qemu64) and XSAVEOPT (-cpu max).
    pair = os.path.join(b, "tests", "payloads", "yield_pair.bin")
    switch = {}
    for cpu in ("qemu64", "max"):
        res = ring3(b, f"bench-yield-{cpu}", ["--together", "yield_pair.bin", "yield_pair.bin"],
                    shift, cpu=cpu, copies=[pair])
        switch[cpu] = res["paths"].get("yield-pair", {}).get("median")
        print(f"yield to another task and back (-cpu {cpu}): {switch[cpu]} instructions")

    # The demo twice: serial only (no display adapter, so neither the
    # firmware's console nor the kernel's draws pixels), and with the
    # screen console. The target is checked on the first.
    demo = ring3(b, "bench-demo", [], shift, qemu_extra=["--", "-vga", "none"])
    demo_insns = (demo.get("total") or {}).get("instructions")
    screen = ring3(b, "bench-demo-screen", [], shift)
    screen_insns = (screen.get("total") or {}).get("instructions")

    def med(res, p):
        return (res["paths"].get(p) or {}).get("median")
    null = med(r1, "getppid")
    null_quiet = med(quiet, "getppid")
    ok_null = None not in (null, null_quiet) and max(null, null_quiet) <= NULL_SYSCALL_TARGET
    shares = {r["name"]: sbs["rows"].get("getppid", {}).get("ratios", {}).get(r["name"])
              for r in sbs["ratios"]}
    ok_share = bool(shares) and all(x is not None and x <= LINUX_SHARE_TARGET
                                    for x in shares.values())
    ok_demo = demo_insns is not None and demo_insns < DEMO_TARGET
    print(f"ring3's null syscall (getppid) on qemu64: {null} instructions with the timer,"
          f" {null_quiet} without (target <= {NULL_SYSCALL_TARGET}): {'met' if ok_null else 'MISSED'}")
    print("ring3's null syscall over Linux's: " + ", ".join(
        f"{k} {v}" for k, v in shares.items()) + f" (target <= {LINUX_SHARE_TARGET} each):"
          f" {'met' if ok_share else 'MISSED'}")
    print(f"demo, efi_main to DONE, serial only: {demo_insns} instructions"
          f" (target < {DEMO_TARGET}): {'met' if ok_demo else 'MISSED'}")
    print(f"demo, efi_main to DONE, with the screen console: {screen_insns} instructions"
          f" (reported, not checked: see docs/bench.md)")
    print(f"ring3's two runs {'are identical' if ring3_same else 'DIFFER'};"
          f" Linux's two runs {'are identical' if linux_same else 'DIFFER'}")

    # The table again from the same inputs must be the same table.
    table = {"side_by_side": sbs["rows"], "mitigations": mitigation}
    inputs = {"ring3.efi": sha256(app), "bench": sha256(bench_elf),
              "vmlinuz": sha256(vmlinuz), "shift": shift, "n": n,
              "qemu": subprocess.run(["qemu-system-x86_64", "--version"], text=True,
                                     stdout=subprocess.PIPE).stdout.splitlines()[0]}
    out_json = os.path.join(b, "bench.json")
    again = None
    try:
        with open(out_json) as f:
            before = json.load(f)
        if before.get("inputs") == inputs:
            again = comparable(before["table"]) == comparable(table)
    except (OSError, ValueError):
        pass
    print("the table is " + {None: "not compared (no earlier make bench from the same inputs)",
                             True: "identical to the previous make bench's",
                             False: "NOT identical to the previous make bench's"}[again])

    out = {"icount_shift": shift, "n": n, "unit": sbs["unit"], "columns": sbs["columns"],
           "ratios": sbs["ratios"], "table": table, "inputs": inputs,
           "linux": {c["name"]: c["result"]["linux"] for c in columns if c["kernel"] == "linux"},
           "paths": {c["name"]: c["result"]["paths"] for c in columns},
           "no_timer": quiet["paths"], "identical_runs": {"ring3": ring3_same,
                                                          "linux": linux_same,
                                                          "previous_make_bench": again},
           "yield_pair_median": switch, "demo_instructions": demo_insns,
           "demo_instructions_with_screen": screen_insns,
           "targets": {"null_syscall_max": NULL_SYSCALL_TARGET, "null_syscall_met": ok_null,
                       "linux_share_max": LINUX_SHARE_TARGET, "linux_share": shares,
                       "linux_share_met": ok_share, "demo_max": DEMO_TARGET,
                       "demo_met": ok_demo},
           "seconds": round(time.monotonic() - started)}
    with open(out_json, "w") as f:
        json.dump(out, f, indent=2, sort_keys=True)
    with open(os.path.join(b, "bench.md"), "w") as f:
        f.write(side_md + "\n" + bench_report.side_by_side_markdown(sbs, spread=False) + "\n"
                + bench_report.mitigation_markdown(mitigation))
    print(f"wrote {out_json} and {os.path.join(b, 'bench.md')}")
    # Charts need matplotlib, which Debian installs for its own python3.
    plotter = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    logs = [f"{c['name']}={os.path.join(b, name)}.log" for c, name in zip(columns, [
        "bench-ring3-qemu64", "bench-linux-qemu64", "bench-linux-qemu64-mitigations-off",
        "bench-ring3-skylake", "bench-linux-skylake"])]
    subprocess.run([plotter, os.path.join(ROOT, "tools", "bench_report.py"), *logs,
                    "--chart", os.path.join(b, "bench.png"),
                    "--png-dir", os.path.join(b, "bench-png")], stdout=subprocess.DEVNULL)
    print(f"make bench took {time.monotonic() - started:.0f} s")
    ok = ok_null and ok_share and ok_demo and ring3_same and linux_same and again is not False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
