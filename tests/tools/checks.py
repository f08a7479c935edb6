"""What the tool tests share: check() compares and counts, done() prints
the count and gives the exit status."""
failed = checks = 0


def check(got, want, what):
    global failed, checks
    checks += 1
    if got != want:
        failed += 1
        print(f"FAIL {what}:\n  got  {got!r}\n  want {want!r}")


def done(name):
    print(f"{name}: {checks - failed} passed, {failed} failed")
    return 1 if failed else 0
