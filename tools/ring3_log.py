"""Reading ring3's serial report with ring 3 kept out of it.

The kernel writes whole lines, each starting with its keyword (RUN,
SYSCALL, FAULT, SUMMARY, DONE, ...). Whatever a payload writes arrives
only inside TEXT lines, its bytes quoted and escaped, so it can never
make a line of its own (docs/abi.md, "User text"). Everything that
decides a verdict or counts something reads kernel_lines(); what a
program printed comes from user_text().
"""
import re

# Exactly what the kernel writes: printable ASCII but '"' and '\', or one
# of its escapes. Anything else after "TEXT " is a torn or damaged line.
TEXT_RE = re.compile(r'^TEXT cpu=(\d+) pid=(\d+) fd=(\d+) "((?:[ !#-\[\]-~]|\\[nrt"\\]|\\x[0-9a-f]{2})*)"$')
_ESCAPES = {"n": b"\n", "r": b"\r", "t": b"\t", '"': b'"', "\\": b"\\"}
# What a terminal or the firmware's console adds to a serial capture.
_ANSI = re.compile(rb"\x1b\[[0-9;=?]*[A-Za-z]")


def clean(raw):
    """Serial bytes (or text read as latin-1) as text: ANSI escapes and
    carriage returns removed. Every reader of a log starts here."""
    if isinstance(raw, str):
        raw = raw.encode("latin-1")
    return _ANSI.sub(b"", raw).replace(b"\r", b"").decode("latin-1")


def decode(quoted):
    """The bytes of a TEXT line's quoted part (without the quotes)."""
    out = bytearray()
    i = 0
    while i < len(quoted):
        ch = quoted[i]
        if ch != "\\":
            out += ch.encode("ascii")
            i += 1
        elif quoted[i + 1] == "x":
            out.append(int(quoted[i + 2:i + 4], 16))
            i += 4
        else:
            out += _ESCAPES[quoted[i + 1]]
            i += 2
    return bytes(out)


def split(lines):
    """(kernel_lines, texts, torn): texts are (cpu, pid, fd, bytes) in
    order; torn are lines that start like TEXT but are not well formed (a
    CPU stopped by a panic in the middle of one, or a damaged serial
    line): neither kernel lines nor user text."""
    kernel, texts, torn = [], [], []
    for l in lines:
        m = TEXT_RE.match(l)
        if m:
            texts.append((int(m.group(1)), int(m.group(2)), int(m.group(3)), decode(m.group(4))))
        elif l.startswith("TEXT"):
            torn.append(l)
        else:
            kernel.append(l)
    return kernel, texts, torn


def user_text(texts, pid=None, fd=None, cpu=None):
    """What the matching tasks wrote, concatenated, as bytes."""
    return b"".join(b for c, p, f, b in texts
                    if (pid is None or p == pid) and (fd is None or f == fd)
                    and (cpu is None or c == cpu))


def verdict(lines):
    """'pass' or 'fail' from the one kernel DONE line; None without one.
    More than one DONE line is a broken report: ValueError."""
    kernel = split(lines)[0]
    done = [l for l in kernel if re.match(r"^DONE status=(pass|fail)$", l)]
    if len(done) > 1:
        raise ValueError(f"{len(done)} DONE lines in one run")
    return done[0].split("=")[1] if done else None
