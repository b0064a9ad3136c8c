"""Fail a test run on any WARNING, ERROR or CRITICAL line of an Odoo log.

In the manner of OCA's ``checklog-odoo``: a clean log is part of passing. A
skipped tour, a model without access rules or a view in pre-18 syntax only
shows up as a log line, so the test command must read the log, not only the
test results.

Usage: ``python tools/checklog.py LOGFILE`` (exit 1 and print the offending
lines, each with the traceback lines that follow it).
"""

import re
import sys
from dataclasses import dataclass, field

# "2026-11-25 03:35:08,752 9411 WARNING dbname odoo.module: message"
LINE_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ "
    r"(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL|RUNBOT|TEST) "
    r"(?P<db>\S+) (?P<logger>[\w.]+): (?P<message>.*)$"
)
BAD_LEVELS = frozenset({"WARNING", "ERROR", "CRITICAL"})

# Lines that are noise of the environment, not of our code. Keep this list
# short and explain each entry: every pattern here hides real problems too.
IGNORED = (
    # Odoo warns that it cannot send mail when no SMTP server is configured;
    # the tests never send mail.
    re.compile(r"odoo\.addons\.base\.models\.ir_mail_server: .*(mail server|SMTP)"),
)


@dataclass
class Offence:
    lineno: int
    line: str
    context: list = field(default_factory=list)

    def __str__(self):
        return "\n".join([f"{self.lineno}: {self.line}", *self.context])


def check_lines(lines, ignored=IGNORED):
    """Return the offending log entries of ``lines`` (an iterable of str)."""
    offences = []
    current = None
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        match = LINE_RE.match(line)
        if not match:
            # A line that is not a log record continues the previous record
            # (a traceback); keep it as context of an offence.
            if current is not None and len(current.context) < 40:
                current.context.append(line)
            continue
        current = None
        if match["level"] not in BAD_LEVELS:
            continue
        if any(pattern.search(line) for pattern in ignored):
            continue
        current = Offence(lineno, line)
        offences.append(current)
    return offences


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: checklog.py LOGFILE", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8", errors="replace") as log:
        offences = check_lines(log)
    for offence in offences:
        print(offence)
    if offences:
        print(f"log check: FAILED, {len(offences)} WARNING/ERROR line(s) in {argv[0]}")
        return 1
    print(f"log check: passed (no WARNING or ERROR line in {argv[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
