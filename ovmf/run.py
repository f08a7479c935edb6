#!/usr/bin/env python3
"""Boot a disk image (or a Linux kernel) under QEMU + OVMF and follow the serial report.

Owns the QEMU command line: OVMF through pflash with a fresh VARS copy per
run, no KVM (plain emulation), always under `timeout`. Skips the shell's
startup.nsh countdown by sending a key on the serial line once it shows.

Exit status: 0 when the report's one kernel DONE line (user text, framed
in TEXT lines, never counts) says "DONE status=pass" (or, with
--until, when that pattern was seen) and QEMU powered off by itself, 1 on
"DONE status=fail", 2 when the run ended without a verdict (timeout, crash,
reset), 3 when it passed but QEMU had to be stopped.

With --linux VMLINUZ there is no disk: OVMF boots that kernel (QEMU's
-kernel, -initrd and -append, handed to the firmware through fw_cfg) in
the same machine; the exit status is then 0 when QEMU powered off by
itself (the kernel's init asked for it), 2 otherwise.
"""
import argparse
import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
import ring3_log  # noqa: E402

FIRMWARE_PAIRS = [
    ("/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd"),
    ("/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"),
]
COUNTDOWN = b"to skip startup.nsh"
IMAGE_BASE = re.compile(rb"ring3: image base (0x[0-9a-fA-F]+) size")
# startup.nsh prints this when the app returned: the run is over, unfinished.
BACK_IN_SHELL = re.compile(r"^ring3: returned to the shell", re.M)
# The real-time clock's start under --icount (runs repeat exactly).
RTC_BASE = "2024-01-01T00:00:00"
F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)  # Linux fcntl(2)


def find_firmware(args):
    code = args.ovmf_code or os.environ.get("OVMF_CODE")
    vars_ = args.ovmf_vars or os.environ.get("OVMF_VARS")
    if code and vars_:
        return code, vars_
    for c, v in FIRMWARE_PAIRS:
        if os.path.exists(c) and os.path.exists(v):
            return c, v
    sys.exit("run.py: no OVMF firmware found; install 'ovmf' or set OVMF_CODE and OVMF_VARS")


def qemu_command(args, code, vars_copy):
    cmd = [
        "timeout", "--kill-after=5", str(args.timeout),
        "qemu-system-x86_64",
        "-machine", "q35", "-cpu", args.cpu, "-m", str(args.mem), "-smp", str(args.smp),
        "-drive", f"if=pflash,format=raw,unit=0,readonly=on,file={code}",
        "-drive", f"if=pflash,format=raw,unit=1,file={vars_copy}",
    ]
    if args.linux:  # no disk: the firmware boots the kernel fw_cfg hands it
        cmd += ["-kernel", args.linux, "-append", args.append]
        cmd += ["-initrd", args.initrd] if args.initrd else []
    elif args.disk == "usb":  # a USB stick on an xHCI controller, as on a real PC
        cmd += ["-drive", f"file={args.image},format=raw,if=none,id=disk0",
                "-device", "qemu-xhci,id=xhci", "-device", "usb-storage,bus=xhci.0,drive=disk0"]
    else:
        cmd += ["-drive", f"file={args.image},format=raw,if=none,id=disk0",
                "-device", "virtio-blk-pci,drive=disk0"]
    cmd += ["-net", "none", "-display", "none", "-no-reboot"]
    cmd += ["-monitor", f"unix:{args.monitor},server=on,wait=off"] if args.monitor else ["-monitor", "none"]
    if args.screendump:
        cmd += ["-qmp", f"unix:{args.qmp},server=on,wait=off"]
    if args.no_serial:
        # No UART at all; the verdict comes through isa-debug-exit (the app
        # must be started with --qemu-exit): pass exits 1, fail exits 3.
        cmd += ["-serial", "none", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    else:
        cmd += ["-serial", "stdio"]
    if args.icount is not None:
        # Guest time from the instruction count alone, and a real-time
        # clock that starts at a fixed date and follows it: nothing the
        # guest reads depends on the host's clock.
        cmd += ["-icount", f"shift={args.icount},sleep=off", "-rtc", f"base={RTC_BASE},clock=vm"]
    if args.debug:
        cmd += ["-s"]
    cmd += args.extra
    return cmd


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--image", help="the disk (else --linux)")
    ap.add_argument("--linux", metavar="VMLINUZ", help="boot this Linux kernel instead of a disk")
    ap.add_argument("--initrd", help="with --linux: its initramfs")
    ap.add_argument("--append", default="", help="with --linux: its command line")
    ap.add_argument("--cpu", default="qemu64")
    ap.add_argument("--mem", default=256, type=int, help="MiB")
    ap.add_argument("--smp", default=1, type=int)
    ap.add_argument("--timeout", default=120, type=int, help="seconds")
    ap.add_argument("--icount", type=int, default=None, help="QEMU -icount shift")
    ap.add_argument("--disk", choices=("virtio", "usb"), default="virtio")
    ap.add_argument("--nmi-on", help="inject an NMI (QEMU monitor 'nmi') once this regex shows")
    ap.add_argument("--screendump", help="save the screen as PNG, then stop QEMU (the app"
                    " should run with --halt so the report stays on screen)")
    ap.add_argument("--screendump-on", default=r"^HALT ", help="when this regex shows on serial")
    ap.add_argument("--screendump-after", type=float,
                    help="or after this many seconds (no serial port)")
    ap.add_argument("--no-serial", action="store_true",
                    help="no serial port: judge by the isa-debug-exit code")
    ap.add_argument("--log", help="write the raw serial output here")
    ap.add_argument("--until", help="stop QEMU once this regex shows (exit 0 if it did)")
    ap.add_argument("--quiet", action="store_true", help="do not echo the serial output")
    ap.add_argument("--pipe-bytes", type=int, default=1 << 20,
                    help="the serial pipe's size: a cushion for a reader the host runs late")
    ap.add_argument("--reader-stall", type=float, metavar="SECONDS",
                    help="stop reading the serial line this long (a terminal that stalls)")
    ap.add_argument("--reader-stall-on", default=r"^RUN ", help="once this regex shows")
    ap.add_argument("--debug", action="store_true", help="gdb stub; write a gdb script")
    ap.add_argument("--so", help="the unstripped ring3.so (the loader), for --debug")
    ap.add_argument("--kernel", help="the unstripped kernel.elf, for --debug")
    ap.add_argument("--gdb-script", default="build/ring3.gdb")
    ap.add_argument("--ovmf-code")
    ap.add_argument("--ovmf-vars")
    ap.add_argument("extra", nargs="*", help="more QEMU arguments (after --)")
    args = ap.parse_args()
    if bool(args.image) == bool(args.linux):
        ap.error("give --image or --linux")

    code, vars_src = find_firmware(args)
    tmp = tempfile.mkdtemp(prefix="ring3-ovmf-")
    args.monitor = os.path.join(tmp, "monitor.sock") if args.nmi_on else None
    args.qmp = os.path.join(tmp, "qmp.sock")
    vars_copy = os.path.join(tmp, "vars.fd")
    shutil.copyfile(vars_src, vars_copy)
    cmd = qemu_command(args, code, vars_copy)

    raw = bytearray()
    lock = threading.Lock()
    done = threading.Event()
    at_eof = threading.Event()  # QEMU closed the serial line: it is exiting
    until = re.compile(args.until) if args.until else None
    nmi_pending = [re.compile(args.nmi_on, re.M)] if args.nmi_on else []
    shot_pending = ([re.compile(args.screendump_on, re.M)]
                    if args.screendump and args.screendump_after is None else [])
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:  # how much QEMU may write before the guest's UART backs up
        fcntl.fcntl(proc.stdout.fileno(), F_SETPIPE_SZ, args.pipe_bytes)
    except OSError:
        pass  # above this user's pipe-max-size: the default stays
    stall_pending = [re.compile(args.reader_stall_on, re.M)] if args.reader_stall else []

    def reader():
        try:
            follow()
        finally:
            done.set()  # whatever happened, never leave main() waiting

    def follow():
        key_sent = False
        gdb_written = False
        # Patterns are searched in the lines this chunk completed plus the
        # line still open: each byte is cleaned a bounded number of times,
        # so a long report never slows the reading (a slow reader makes the
        # guest's UART back up, and the kernel then drops serial output).
        tail = b""
        while True:
            chunk = proc.stdout.read1(4096) if hasattr(proc.stdout, "read1") else proc.stdout.read(1)
            if not chunk:
                break
            with lock:
                raw.extend(chunk)
            if not args.quiet:
                sys.stdout.write(ring3_log.clean(chunk))
                sys.stdout.flush()
            tail += chunk
            cut = tail.rfind(b"\n") + 1
            window_raw = tail
            tail = tail[cut:]
            window = ring3_log.clean(window_raw)
            if not key_sent and COUNTDOWN in window.encode("latin-1"):
                key_sent = True
                try:
                    proc.stdin.write(b" ")
                    proc.stdin.flush()
                except OSError:
                    pass
            if shot_pending and shot_pending[0].search(window):
                shot_pending.clear()
                time.sleep(0.5)  # let the screen catch up with the serial line
                screendump(args.qmp, args.screendump)
                return
            if stall_pending and stall_pending[0].search(window):
                stall_pending.clear()
                time.sleep(args.reader_stall)
            if nmi_pending and nmi_pending[0].search(window):
                nmi_pending.clear()
                send_nmi(args.monitor)
            if args.debug and not gdb_written:
                m = IMAGE_BASE.search(window_raw)
                if m:
                    gdb_written = True
                    write_gdb_script(args, m.group(1).decode())
            if until and until.search(window):
                done.set()
                return
            if not until and BACK_IN_SHELL.search(window):
                done.set()  # the app gave up before ExitBootServices
                return
        at_eof.set()
        done.set()

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    if args.screendump and args.screendump_after is not None:
        if not done.wait(args.screendump_after):
            screendump(args.qmp, args.screendump)
            done.set()
    done.wait()
    stopped = False
    if at_eof.is_set():
        try:  # powered off: let it finish exiting before deciding it hung
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
    if proc.poll() is None:
        proc.terminate()  # our own QEMU, by PID
        stopped = True
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    t.join(timeout=2)
    elapsed = time.monotonic() - start
    shutil.rmtree(tmp, ignore_errors=True)

    text = ring3_log.clean(bytes(raw))
    if args.log:
        os.makedirs(os.path.dirname(os.path.abspath(args.log)), exist_ok=True)
        with open(args.log, "wb") as f:
            f.write(bytes(raw))
    rc = proc.returncode
    if args.no_serial and args.screendump:
        ok = os.path.exists(args.screendump)
        sys.stderr.write(f"run.py: no serial port; screen {'saved' if ok else 'NOT saved'}\n")
        return 0 if ok else 2
    if args.no_serial:
        verdict = {1: 0, 3: 1}.get(rc, 2)
        sys.stderr.write(f"run.py: QEMU exited with {rc} after {elapsed:.1f}s (no serial port:"
                         f" {['pass', 'fail', 'no verdict'][verdict]})\n")
        return verdict
    sys.stderr.write(f"run.py: QEMU exited with {rc} after {elapsed:.1f}s"
                     f"{' (stopped by run.py)' if stopped else ''}\n")
    if until:
        return 0 if until.search(text) else 2
    if args.linux:
        return 0 if rc == 0 and not stopped else 2
    if rc == 124 or rc == 137:
        sys.stderr.write("run.py: timed out\n")
    try:
        status = ring3_log.verdict(text.splitlines())
    except ValueError as e:
        sys.stderr.write(f"run.py: broken report: {e}\n")
        return 2
    if status == "pass":
        if rc != 0:
            sys.stderr.write("run.py: DONE status=pass, but QEMU did not power off by itself\n")
            return 3
        return 0
    if status == "fail":
        return 1
    sys.stderr.write("run.py: no DONE line: the run did not finish\n")
    return 2


def screendump(sock_path, path):
    """QMP: save the display as PNG, then quit QEMU."""
    import json
    import socket
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sock_path)
    f = s.makefile("rw")
    f.readline()  # greeting

    def call(cmd, **arguments):
        f.write(json.dumps({"execute": cmd, "arguments": arguments} if arguments
                           else {"execute": cmd}) + "\n")
        f.flush()
        while True:
            reply = json.loads(f.readline())
            if "return" in reply or "error" in reply:
                return reply

    call("qmp_capabilities")
    r = call("screendump", filename=os.path.abspath(path), format="png")
    if "error" in r:
        sys.stderr.write(f"run.py: screendump failed: {r['error']}\n")
    else:
        sys.stderr.write(f"run.py: screen saved to {path}\n")
    try:
        call("quit")
    except (OSError, ValueError):
        pass
    s.close()


def send_nmi(sock_path):
    """Ask QEMU's monitor to inject an NMI into every CPU."""
    import socket
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sock_path)
    s.sendall(b"nmi\n")
    time.sleep(0.2)
    s.close()
    sys.stderr.write("run.py: injected an NMI\n")


def write_gdb_script(args, base):
    so = os.path.abspath(args.so or "build/ring3.so")
    kernel = os.path.abspath(args.kernel or os.path.join(os.path.dirname(so), "kernel.elf"))
    with open(args.gdb_script, "w") as f:
        f.write(f"""# Generated by ovmf/run.py: the loader was loaded at {base}; the
# kernel runs at the addresses it was linked for.
target remote localhost:1234
add-symbol-file {so} -o {base}
add-symbol-file {kernel}
hbreak core_main
set variable efi_debug_wait = 0
echo ring3: symbols loaded; 'continue' runs to core_main\\n
""")
    sys.stderr.write(f"\nrun.py: QEMU's gdb stub is on :1234; the app waits in efi_main.\n"
                     f"run.py: in another terminal: gdb -x {args.gdb_script}\n")


if __name__ == "__main__":
    sys.exit(main())
