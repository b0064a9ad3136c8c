"""Run every test tier of FL Student Transfers in real Odoo on real PostgreSQL.

Called by ``scripts/test`` after the shared set-up. Tiers, in order:

1. lint      ruff, and pylint-odoo's mandatory checks;
2. unit      pure-Python tests (``tests/unit``: the FASTER codec, the log check);
3. odoo      the three addons installed on a fresh throwaway database with
             ``--test-enable``: every addon's own tests, tours in Chromium;
4. pytest-odoo  the cross-addon tests of ``tests/odoo`` against that database;
5. e2e       ``tests/e2e``: real Odoo servers on loopback.

The Odoo log of tiers 3-5 must be clean: any WARNING or ERROR line fails the
run (tools/checklog.py). Throwaway databases and their filestores are dropped
at the end, failure or not. The last lines say, per tier, how many tests ran
and failed, and the wall time.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import checklog

ADDONS = ["fl_state_codes", "focus_transfers", "faster_export"]
PYTHON = os.environ.get("PYTHON", sys.executable)
RESULT_RE = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests "
    r"when loading database"
)


@dataclass
class Tier:
    name: str
    run: int = 0
    failed: int = 0
    ok: bool = True
    note: str = ""
    skipped: bool = False

    def line(self):
        if self.skipped:
            return f"  {self.name:<12} skipped ({self.note})"
        status = "ok" if self.ok else "FAILED"
        note = f"  {self.note}" if self.note else ""
        return (
            f"  {self.name:<12} {status:<7} {self.run:>4} run, "
            f"{self.failed:>3} failed{note}"
        )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def banner(text):
    print(f"\n===== {text} =====", flush=True)


def run(cmd, log_path=None, env=None, show=None):
    """Run ``cmd`` from the repository root; tee matching lines to stdout."""
    print("$ " + " ".join(str(c) for c in cmd), flush=True)
    with subprocess.Popen(
        [str(c) for c in cmd],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    ) as proc:
        log = open(log_path, "w", encoding="utf-8") if log_path else None  # noqa: SIM115
        try:
            for line in proc.stdout:
                if log:
                    log.write(line)
                if show is None or show(line):
                    sys.stdout.write(line)
                    sys.stdout.flush()
        finally:
            if log:
                log.close()
    return proc.returncode


def junit_counts(path):
    """Tests run and failed (failures + errors) from a pytest junit file."""
    if not path.exists():
        return 0, 0
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    run_ = failed = 0
    for suite in suites:
        run_ += int(suite.get("tests", 0)) - int(suite.get("skipped", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    return run_, failed


def check_log(tier, log_path):
    offences = checklog.check_lines(
        log_path.read_text(encoding="utf-8", errors="replace").splitlines()
    )
    if offences:
        print(
            f"log check FAILED for {tier.name}: {len(offences)} line(s) in {log_path}"
        )
        for offence in offences[:50]:
            print(offence)
        tier.ok = False
        tier.note += f" log check: {len(offences)} WARNING/ERROR line(s)"
    else:
        print(f"log check passed for {tier.name} ({log_path.name})")
        tier.note += " log check: passed"


def odoo_log_interesting(line):
    return bool(
        re.search(r" (WARNING|ERROR|CRITICAL) ", line)
        or "odoo.tests.result" in line
        or "odoo.tests.stats" in line
        or (" odoo.addons." in line and ".tests." in line and "Starting" in line)
        or line.startswith(("Traceback", "  File", "AssertionError"))
    )


def tier_lint():
    tier = Tier("lint")
    paths = [p for p in ("addons", "tests", "tools", "bench") if (ROOT / p).is_dir()]
    checks = [
        ["ruff", "check", *paths],
        ["ruff", "format", "--check", *paths],
        [
            PYTHON,
            "-m",
            "pylint",
            "--rcfile=.pylintrc-mandatory",
            *[f"addons/{a}" for a in ADDONS],
        ],
    ]
    for cmd in checks:
        tier.run += 1
        if run(cmd) != 0:
            tier.failed += 1
            tier.ok = False
    return tier


def tier_pytest(name, path, logs, extra=(), env=None, odoo_log=None):
    tier = Tier(name)
    tests = list(Path(ROOT, path).rglob("test_*.py"))
    if not tests:
        tier.skipped = True
        tier.note = f"no tests in {path} yet"
        return tier
    junit = logs / f"{name}.xml"
    rc = run(
        [PYTHON, "-m", "pytest", path, "-q", "-rfE", f"--junitxml={junit}", *extra],
        log_path=logs / f"{name}.out",
        env=env,
    )
    tier.run, tier.failed = junit_counts(junit)
    # pytest exit 5 means "no tests collected": that is a failure here too.
    tier.ok = rc == 0 and tier.failed == 0 and tier.run > 0
    if odoo_log is not None and odoo_log.exists():
        check_log(tier, odoo_log)
    return tier


def tier_odoo(db, data_dir, logs):
    tier = Tier("odoo")
    log_path = logs / "odoo-install.log"
    rc = run(
        [
            PYTHON,
            "-m",
            "odoo",
            "-c",
            "odoo.conf",
            "-d",
            db,
            "--db-filter",
            f"^{db}$",
            "--data-dir",
            data_dir,
            "-i",
            ",".join(ADDONS),
            "--test-enable",
            "--test-tags",
            ",".join(f"/{a}" for a in ADDONS),
            "--http-port",
            free_port(),
            "--gevent-port",
            free_port(),
            "--stop-after-init",
            "--log-level",
            "info",
        ],
        log_path=log_path,
        show=odoo_log_interesting,
    )
    text = log_path.read_text(encoding="utf-8", errors="replace")
    results = list(RESULT_RE.finditer(text))
    match = results[-1] if results else None
    if match:
        tier.run = int(match["run"])
        tier.failed = int(match["failed"]) + int(match["errors"])
    tier.ok = rc == 0 and match is not None and tier.failed == 0 and tier.run > 0
    if match is None:
        tier.note = "no test result line in the Odoo log"
    check_log(tier, log_path)
    return tier


def drop_database(db, data_dir):
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "odoo", "--if-exists", "--force", db],
        env={**os.environ, "PGPASSWORD": "odoo"},
        check=False,
        capture_output=True,
    )
    shutil.rmtree(data_dir, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tiers",
        default="lint,unit,odoo,pytest-odoo,e2e",
        help="comma-separated tiers to run (default: all)",
    )
    parser.add_argument(
        "--keep-db", action="store_true", help="keep the throwaway database"
    )
    args = parser.parse_args(argv)
    wanted = args.tiers.split(",")
    started = time.monotonic()
    run_id = f"{time.strftime('%Y%m%d%H%M%S')}_{uuid.uuid4().hex[:6]}"
    logs = ROOT / "var" / "test-logs" / run_id
    logs.mkdir(parents=True, exist_ok=True)
    db = f"fltest_{run_id}"
    data_dir = ROOT / "var" / "test-data" / run_id
    tiers = []
    try:
        if "lint" in wanted:
            banner("lint: ruff, pylint-odoo (mandatory checks)")
            tiers.append(tier_lint())
        if "unit" in wanted:
            banner("unit: pure-Python tests (no Odoo)")
            tiers.append(tier_pytest("unit", "tests/unit", logs))
        if {"odoo", "pytest-odoo", "e2e"} & set(wanted):
            banner(f"odoo: install {', '.join(ADDONS)} with --test-enable on {db}")
            tiers.append(tier_odoo(db, data_dir, logs))
        if "pytest-odoo" in wanted:
            banner(f"pytest-odoo: tests/odoo against {db}")
            odoo_log = logs / "pytest-odoo.log"
            tiers.append(
                tier_pytest(
                    "pytest-odoo",
                    "tests/odoo",
                    logs,
                    extra=[
                        f"--odoo-database={db}",
                        "--odoo-config=odoo.conf",
                        "--odoo-log-level=info",
                        f"--odoo-extra=logfile={odoo_log}",
                        f"--odoo-extra=data-dir={data_dir}",
                        # Odoo logs an ERROR when its test framework is
                        # imported outside test mode; in test mode, though,
                        # loading the registry would run every installed
                        # addon's tests: select none of them (pytest runs ours).
                        "--odoo-extra=test-enable",
                        "--odoo-extra=test-tags=/fl_no_test_at_registry_load",
                    ],
                    odoo_log=odoo_log,
                )
            )
        if "e2e" in wanted:
            banner("e2e: real Odoo servers on loopback")
            tiers.append(
                tier_pytest(
                    "e2e",
                    "tests/e2e",
                    logs,
                    extra=["-p", "no:odoo"],
                    env={
                        "FL_TEST_DB": db,
                        "FL_TEST_DATA_DIR": str(data_dir),
                        "FL_TEST_LOGS": str(logs),
                    },
                )
            )
    finally:
        if not args.keep_db:
            drop_database(db, data_dir)
            extra = logs / "databases.txt"  # written by e2e tests
            for extra_db in extra.read_text().split() if extra.exists() else []:
                drop_database(extra_db, data_dir)
    elapsed = time.monotonic() - started
    banner("summary")
    for tier in tiers:
        print(tier.line())
    total_run = sum(t.run for t in tiers if t.name != "lint")
    total_failed = sum(t.failed for t in tiers if t.name != "lint")
    ok = all(t.ok for t in tiers)
    print(f"  logs: {logs}")
    print(f"  wall time: {elapsed:.0f} s")
    print(f"{total_run - total_failed} passed, {total_failed} failed")
    print("RESULT: " + ("PASSED" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
