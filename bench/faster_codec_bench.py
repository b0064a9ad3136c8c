"""FASTER codec throughput: decode+validate and encode, against a floor.

Run: ``python bench/faster_codec_bench.py [N] [REPEAT]`` (default 200,000
records, best of 3 runs of each measure). The floor is reading the same file
and slicing it into 1020-byte records without decoding; decode+validate
(read_records, decode and validate_record of every record) is printed as
records/s and as a ratio to it, and so are decode and validate alone. Goals
(issue 4): decode+validate within 5x of the floor, encode at least 100,000
records/s. Each figure is the best of REPEAT runs, so that other processes
on the machine weigh less on it (all measures alike).
"""

import datetime
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(
    0, str(Path(__file__).resolve().parents[1] / "addons" / "faster_export")
)

import faster


def sample_values(n):
    return {
        "student_number": f"12{n % 10**8:08d}",
        "district": 12,
        "school": "0041",
        "credit_district": "12",
        "credit_school": "0041",
        "school_year": (2020 + n % 5, 2021 + n % 5),
        "grade_level": "09",
        "term": "3",
        "course_number": "1200310",
        "course_title": "ALGEBRA 1",
        "credit_attempted": Decimal("1.00"),
        "credit_earned": Decimal("1.00"),
        "final_grade": "A",
        "block1_p1": "A",
        "block1_p2": "B",
        "block1_exam": "A",
    }


def best(function, repeat):
    """The shortest of ``repeat`` timed runs of function(), in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    values = [sample_values(n) for n in range(1000)]
    records = []

    def encode_all():
        records[:] = [faster.encode("I04", values[n % 1000]) for n in range(count)]

    encode_s = best(encode_all, repeat)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.fst")
        faster.write_records(path, records, line_end=b"")
        del records[:]

        def floor():
            with open(path, "rb") as handle:
                data = handle.read()
            sliced = [data[i : i + 1020] for i in range(0, len(data), 1020)]
            assert len(sliced) == count

        def decode_validate():
            issues = 0
            for number, record in enumerate(faster.read_records(path), 1):
                faster.decode(record)
                issues += len(faster.validate_record(record, number))
            assert issues == 0

        def decode_only():
            for record in faster.read_records(path):
                faster.decode(record)

        def validate_only():
            for number, record in enumerate(faster.read_records(path), 1):
                faster.validate_record(record, number)

        floor_s = best(floor, repeat)
        decode_s = best(decode_validate, repeat)
        decode_only_s = best(decode_only, repeat)
        validate_only_s = best(validate_only, repeat)
    print(f"records:          {count} (best of {repeat} runs each)")
    print(f"floor (slice):    {count / floor_s:>12,.0f} records/s")
    print(
        f"decode+validate:  {count / decode_s:>12,.0f} records/s  "
        f"(ratio to floor {decode_s / floor_s:,.1f}x; goal <= 5x)"
    )
    for label, seconds in (("decode", decode_only_s), ("validate", validate_only_s)):
        print(
            f"  {label + ' alone:':<16}{count / seconds:>12,.0f} records/s  "
            f"(ratio to floor {seconds / floor_s:,.1f}x)"
        )
    print(f"encode:           {count / encode_s:>12,.0f} records/s  (goal >= 100,000)")
    print(f"date: {datetime.date.today()}")


if __name__ == "__main__":
    main()
