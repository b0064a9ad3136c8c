"""FASTER codec throughput: decode+validate and encode, against a floor.

Run: ``python bench/faster_codec_bench.py [N]`` (default 200,000 records).
The floor is reading the same file and slicing it into 1020-byte records
without decoding; decode+validate is printed as records/s and as a ratio to
it. Goals (issue 4): decode+validate within 5x of the floor, encode at least
100,000 records/s.
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


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    values = [sample_values(n) for n in range(1000)]
    started = time.perf_counter()
    records = [faster.encode("I04", values[n % 1000]) for n in range(count)]
    encode_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.fst")
        faster.write_records(path, records, line_end=b"")
        started = time.perf_counter()
        with open(path, "rb") as handle:
            data = handle.read()
        sliced = [data[i : i + 1020] for i in range(0, len(data), 1020)]
        floor_s = time.perf_counter() - started
        assert len(sliced) == count
        started = time.perf_counter()
        issues = 0
        for number, record in enumerate(faster.read_records(path), 1):
            faster.decode(record)
            issues += len(faster.validate_record(record, number))
        decode_s = time.perf_counter() - started
    assert issues == 0
    print(f"records:          {count}")
    print(f"floor (slice):    {count / floor_s:>12,.0f} records/s")
    print(
        f"decode+validate:  {count / decode_s:>12,.0f} records/s  "
        f"(ratio to floor {decode_s / floor_s:,.1f}x; goal <= 5x)"
    )
    print(f"encode:           {count / encode_s:>12,.0f} records/s  (goal >= 100,000)")
    print(f"date: {datetime.date.today()}")


if __name__ == "__main__":
    main()
