"""The host tool tests' one way to check: compare, print a line per
failure, count, and give the exit status at the end."""

checks = failed = 0


def check(got, want, what):
    global checks, failed
    checks += 1
    if got != want:
        failed += 1
        print(f"FAIL {what}:\n  got  {got!r}\n  want {want!r}")


def status(name):
    """Print the count; 1 if anything failed, else 0."""
    print(f"{name}: {checks} checks, {failed} failed")
    return 1 if failed else 0
