#!/usr/bin/env python3
"""The hostile suite: what each case expects (from its source), and the
check of one boot's serial report against those expectations.

Each case in tests/payloads/hostile/ opens with a comment:
    /* expect: fault 13 err=0x0            (or: exit 0)
     * expect-no-umip: exit 0              (optional: when the CPU has no UMIP)
     * expect-tcg: exit 2                  (optional: under QEMU's TCG, where
                                            it differs from hardware)
     * expect-tcg-smap: ...                (optional: under TCG with SMAP on)
     * What it proves, in a sentence or two. */
Outcome words: "exit N", or "fault V" with optional "err=0xE", and
optional "reason=R" and "iret_returns=N".

Run directly, it prints the cases as a Markdown table (docs/hostile.md).
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SRC = os.path.join(ROOT, "tests", "payloads", "hostile")
INT_TEMPLATE = "int_n.S"
BREAKPOINT_VECTOR = 3


class Case:
    def __init__(self, name, expect, expect_no_umip, expect_tcg, expect_tcg_smap, proves, source):
        self.name = name              # payload file name, e.g. "hlt.bin"
        self.expect = expect          # dict: kind, value, err, reason, iret_returns
        self.expect_no_umip = expect_no_umip
        self.expect_tcg = expect_tcg
        self.expect_tcg_smap = expect_tcg_smap
        self.proves = proves
        self.source = source

    def expected(self, umip, tcg=True):
        # The tests only run under TCG, where SMAP comes with UMIP (-cpu max).
        if tcg and umip and self.expect_tcg_smap:
            return self.expect_tcg_smap
        if tcg and self.expect_tcg:
            return self.expect_tcg
        return self.expect if umip or not self.expect_no_umip else self.expect_no_umip


def parse_outcome(text, vec=None):
    words = text.split()
    out = {"kind": words[0], "value": words[1]}
    if out["kind"] not in ("exit", "fault"):
        raise ValueError(f"bad outcome {text!r}")
    for w in words[2:]:
        k, v = w.split("=", 1)
        if k == "err" and vec is not None:
            v = hex(eval(v, {"VEC": vec}))  # int_n.S: err=VEC*8+2
        out[k] = v
    return out


def parse_header(path, vec=None):
    with open(path) as f:
        head = f.read().split("*/", 1)[0]
    lines = [l.strip().lstrip("/*").strip() for l in head.splitlines()]
    expect = no_umip = tcg = tcg_smap = None
    proves = []
    for l in lines:
        if l.startswith("expect:"):
            expect = parse_outcome(l[len("expect:"):], vec)
        elif l.startswith("expect-no-umip:"):
            no_umip = parse_outcome(l[len("expect-no-umip:"):], vec)
        elif l.startswith("expect-tcg:"):
            tcg = parse_outcome(l[len("expect-tcg:"):], vec)
        elif l.startswith("expect-tcg-smap:"):
            tcg_smap = parse_outcome(l[len("expect-tcg-smap:"):], vec)
        elif l:
            proves.append(l)
    if not expect:
        raise ValueError(f"{path}: no 'expect:' line")
    return expect, no_umip, tcg, tcg_smap, " ".join(proves)


def load_cases():
    cases = []
    for fn in sorted(os.listdir(SRC)):
        base, ext = os.path.splitext(fn)
        if ext not in (".S", ".c") or fn == INT_TEMPLATE:
            continue
        e, n, t, ts, p = parse_header(os.path.join(SRC, fn))
        cases.append(Case(base + ".bin", e, n, t, ts, p, fn))
    for v in range(32):
        e, n, t, ts, p = parse_header(os.path.join(SRC, INT_TEMPLATE), vec=v)
        p = p.replace("Built once per vector (int_00 .. int_31).", "").strip()
        if v == BREAKPOINT_VECTOR:  # its gate has DPL 3, as Linux's: #BP itself
            e = t = parse_outcome("fault 3")
            p = "INT 3 (the two-byte form) reaches #BP through its DPL-3 gate, as INT3 does: SIGTRAP."
        cases.append(Case(f"int_{v:02d}.bin", e, n, t, ts, p, INT_TEMPLATE))
    return cases


RUN_RE = re.compile(r"^RUN cpu=\d+ pid=(\d+) payload=(\S+) ")
FAULT_RE = re.compile(r"^FAULT cpu=\d+ vector=(\d+) name=\S+ err=(0x[0-9a-f]+) rip=\S+ rsp=\S+"
                      r" mode=(\w+) action=(\w+)(?: pid=(\d+))?(?: reason=(\S+))?$")
SIGNAL_RE = re.compile(r"^SIGNAL cpu=\d+ pid=(\d+) sig=(\d+) name=\S+ code=-?\d+ addr=\S+ rip=\S+"
                       r" action=([\w-]+)")
SUMMARY_RE = re.compile(r"^SUMMARY cpu=\d+ syscalls=\d+ faults=(\d+) exit=(\S+) pid=(\d+)"
                        r" payload=(\S+) iret_returns=(\d+) irqs=(\d+) preempted=(\d+) cpu_us=(\d+)"
                        r"(?: signal=(\d+))?$")
# The signal Linux sends for a fault from ring 3, by vector: #DE and #MF,
# #XM SIGFPE; #DB, #BP SIGTRAP; #UD SIGILL; #NP, #SS, #AC SIGBUS; the
# rest (#GP, #PF, #TS...) SIGSEGV.
VECTOR_SIGNAL = {0: 8, 1: 5, 3: 5, 6: 4, 11: 7, 12: 7, 16: 8, 17: 7, 19: 8}


def results(lines):
    """Per payload name: {'faults': [(vector, err, mode, action, reason)],
    'signals': [(sig, action, before its first FAULT line)], 'summary': (...)}."""
    by_pid = {}
    out = {}
    for l in lines:
        m = RUN_RE.match(l)
        if m:
            by_pid[m.group(1)] = m.group(2)
            out.setdefault(m.group(2), {"runs": 0, "faults": [], "signals": [], "summary": None})
            out[m.group(2)]["runs"] += 1
            continue
        m = SIGNAL_RE.match(l)
        if m and m.group(1) in by_pid:
            r = out[by_pid[m.group(1)]]
            r["signals"].append((m.group(2), m.group(3), not r["faults"]))
            continue
        m = FAULT_RE.match(l)
        if m and m.group(5) in by_pid:
            out[by_pid[m.group(5)]]["faults"].append(
                (m.group(1), m.group(2), m.group(3), m.group(4), m.group(6)))
            continue
        m = SUMMARY_RE.match(l)
        if m and m.group(3) in by_pid:
            out[by_pid[m.group(3)]]["summary"] = {
                "faults": m.group(1), "exit": m.group(2), "iret_returns": m.group(5),
                "signal": m.group(9)}
    return out


def check(lines, cases, umip):
    """A list of 'name: what is wrong' strings; empty when all matched."""
    got = results(lines)
    wrong = []
    for c in cases:
        e = c.expected(umip)
        r = got.get(c.name)
        if not r:
            wrong.append(f"{c.name}: never ran")
            continue
        if r["runs"] != 1 or not r["summary"]:
            wrong.append(f"{c.name}: ran {r['runs']} times, summary {r['summary']}")
            continue
        s = r["summary"]
        if e["kind"] == "exit":
            if s["exit"] != e["value"] or r["faults"]:
                wrong.append(f"{c.name}: expected exit {e['value']}, got exit={s['exit']} faults={r['faults']}")
        else:
            if s["exit"] != "killed" or len(r["faults"]) != 1:
                wrong.append(f"{c.name}: expected fault {e['value']}, got exit={s['exit']} faults={r['faults']}")
            else:
                vec, err, mode, action, reason = r["faults"][0]
                if vec != e["value"] or mode != "user" or action != "terminated":
                    wrong.append(f"{c.name}: expected fault {e['value']}, got vector {vec} mode={mode}")
                sig = str(VECTOR_SIGNAL.get(int(vec), 11))
                if s["signal"] != sig:
                    wrong.append(f"{c.name}: expected signal={sig} for vector {vec}, got {s['signal']}")
                # The forced signal's one SIGNAL line, its default action, before the FAULT line.
                if r["signals"] != [(sig, "kill", True)]:
                    wrong.append(f"{c.name}: expected one SIGNAL sig={sig} action=kill before the"
                                 f" FAULT line, got {r['signals']}")
                if "err" in e and int(err, 16) != int(e["err"], 16):
                    wrong.append(f"{c.name}: expected err={e['err']}, got err={err}")
                if e.get("reason") != reason:
                    wrong.append(f"{c.name}: expected reason={e.get('reason')}, got reason={reason}")
        if "iret_returns" in e and s["iret_returns"] != e["iret_returns"]:
            wrong.append(f"{c.name}: expected iret_returns={e['iret_returns']}, got {s['iret_returns']}")
    return wrong


def outcome_text(e):
    if not e:
        return ""
    t = f"exit {e['value']}" if e["kind"] == "exit" else f"fault {e['value']}"
    for k in ("err", "reason", "iret_returns"):
        if k in e:
            t += f" {k}={e[k]}"
    return t


def markdown(cases):
    rows = ["| case | expected (hardware) | without UMIP | under QEMU TCG | what it proves |",
            "|---|---|---|---|---|"]
    for c in cases:
        if c.source == INT_TEMPLATE and c.name != "int_00.bin":
            continue
        name = "int_00 .. int_31" if c.source == INT_TEMPLATE else c.name[:-4]
        exp = "fault 13 err=n*8+2" if c.source == INT_TEMPLATE else outcome_text(c.expect)
        tcg = outcome_text(c.expect_tcg) or "same"
        if c.source == INT_TEMPLATE:
            tcg = "fault 13 err=n*16+2"
        if c.expect_tcg_smap:
            tcg += f"; with SMAP: {outcome_text(c.expect_tcg_smap)}"
        proves = c.proves.replace("|", "\\|")
        rows.append(f"| `{name}` | {exp} | {outcome_text(c.expect_no_umip) or 'same'} |"
                    f" {tcg} | {proves} |")
    return "\n".join(rows) + "\n"


BEGIN, END = "<!-- cases: generated by tests/e2e/hostile.py -->", "<!-- /cases -->"


def doc_with_table(text):
    a, b = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:a] + "\n" + markdown(load_cases()) + text[b:]


if __name__ == "__main__":
    # hostile.py            print the table
    # hostile.py --update F rewrite the table inside F
    # hostile.py --check F  fail if F's table is not the current one
    if len(sys.argv) == 3 and sys.argv[1] in ("--update", "--check"):
        with open(sys.argv[2]) as f:
            text = f.read()
        new = doc_with_table(text)
        if sys.argv[1] == "--update":
            with open(sys.argv[2], "w") as f:
                f.write(new)
        elif new != text:
            sys.exit(f"{sys.argv[2]} is out of date with tests/payloads/hostile: run make docs")
    else:
        sys.stdout.write(markdown(load_cases()))
