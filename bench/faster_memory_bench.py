"""Peak memory of ``python -m faster validate`` and ``decode --json`` on a
file of I04 records with no header (I00), at two sizes.

Run: ``python bench/faster_memory_bench.py [--package DIR] [MB ...]``
(default 20 200; DIR holds the ``faster`` package to measure, this
checkout's by default: another version's, extracted with ``git archive``,
gives the before figures). Each command runs in a child process, its output
to /dev/null; its peak is the child's own peak resident size (VmHWM, read
from /proc when it exits: Linux; wait4()'s ru_maxrss would carry this
script's own peak across fork and exec). A reader that holds a transcript in
memory shows a peak that grows with the file; a bounded one the same peak at
every size.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "addons" / "faster_export"))

import faster


def headerless_file(path, megabytes):
    """``megabytes`` of one I04 record repeated, CR LF after each."""
    record = faster.encode("I04", {
        "student_number": "1200000001", "district": 12, "school": "0041",
        "credit_district": "12", "credit_school": "0041",
        "school_year": (2023, 2024), "grade_level": "09", "term": "3",
        "course_number": "1200310", "course_title": "ALGEBRA 1",
    }) + b"\r\n"  # fmt: skip
    count = megabytes * 2**20 // len(record)
    block = record * 1024
    with open(path, "wb") as handle:
        handle.writelines(block for _ in range(count // 1024))
        handle.write(record * (count % 1024))
    return count


PEAK_RUNNER = """
import atexit, runpy, sys
def peak(path=sys.argv[1]):
    with open("/proc/self/status") as status:
        kb = next(line for line in status if line.startswith("VmHWM:")).split()[1]
    with open(path, "w") as out:
        out.write(kb)
atexit.register(peak)
sys.argv = ["faster", *sys.argv[2:]]
runpy.run_module("faster", run_name="__main__", alter_sys=True)
"""


def peak(package, tmp, *args):
    """(exit code, peak resident MB, seconds) of ``python -m faster ARGS``."""
    env = dict(os.environ, PYTHONPATH=str(package))
    kb = Path(tmp, "peak.txt")
    started = time.perf_counter()
    code = subprocess.run(
        [sys.executable, "-c", PEAK_RUNNER, kb, *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False,
    ).returncode  # fmt: skip
    return code, int(kb.read_text()) / 1024, time.perf_counter() - started


def main():
    args = sys.argv[1:]
    package = ROOT / "addons" / "faster_export"
    if args[:1] == ["--package"]:
        package, args = Path(args[1]).resolve(), args[2:]
    sizes = [int(a) for a in args] or [20, 200]
    print(f"faster package: {package}")
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in sizes:
            path = Path(tmp, f"headerless-{megabytes}.dat")
            count = headerless_file(path, megabytes)
            for args in (("validate", str(path)), ("decode", "--json", str(path))):
                code, mb, seconds = peak(package, tmp, *args)
                print(
                    f"{megabytes:>5} MB ({count:,} records) {' '.join(args[:-1]):<14}"
                    f" exit {code}  peak {mb:8.1f} MB  {seconds:6.2f} s"
                )
            path.unlink()


if __name__ == "__main__":
    main()
