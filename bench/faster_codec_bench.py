"""FASTER codec throughput: decode+validate and encode, against a floor.

Run: ``python bench/faster_codec_bench.py [N] [REPEAT]`` (default 200,000
I04 records, each with its own student number; best of 5 interleaved runs of
each measure, so that a busy moment of the machine weighs on all alike).

The floor is reading the same file and slicing it into 1020-byte records
without decoding. It is measured two ways, and the ratios to both printed:

- streaming (1 MB read at a time, each record sliced and dropped): the
  least any reader of the file does, and a steady figure;
- kept (the whole file read, all records kept in a list): what the bench
  measured until 2026-12-03. Its time is mostly memory allocation, so it
  swings 3-5x with the allocator's state (whether freed memory is at hand):
  first in a fresh process it is slow, after other measures fast.

Also printed, for the goal's sake, a *lower bound*: what any decoder that
gives each record as a dict must do at the very least, with no item
located, checked or converted: every byte looked at once (one translate a
block, the displayable-bytes edit), a copy of the all-blank dict a record,
and each item present sliced into it, by straight-line code written from the
layout. No decoder+validator can be faster than this in CPython.

decode+validate is ``read_decoded`` (every record decoded to typed values
and validated, in one pass, as ``python -m faster decode --validate``
does). Also printed: the per-record calls (decode() and validate_record()
of each record of read_records()), and decode and validate alone. Goals
(issue 4): decode+validate within 5x of the floor; encode at least 100,000
records/s.
"""

import datetime
import functools
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


def ideal_reader(first_record):
    """The lower bound's reader (see the module docstring): straight-line
    code from the layout table, one slice a non-blank item of the records."""
    layout = faster.layout_for("I04")
    present = {key for key, value in faster.decode(first_record).items() if value}
    lines = ["def ideal(path):", "    for block in read_blocks(path):"]
    lines.append("        block.translate(None, DISPLAYABLE)")
    lines.append("        for pos in range(0, len(block), 1020):")
    lines.append("            values = template.copy()")
    for fld in layout.data_fields:
        if fld.key in present:
            start, end = fld.start - 1, fld.end
            lines.append(
                f"            values[{fld.key!r}] = block[pos + {start}:pos + {end}]"
            )
    env = {
        "read_blocks": faster.io.read_blocks,
        "DISPLAYABLE": faster.validate.DISPLAYABLE,
        "template": dict.fromkeys(fld.key for fld in layout.data_fields),
    }
    exec("\n".join(lines), env)  # noqa: S102  # the bench's own code
    return env["ideal"]


def best(functions, repeat):
    """The shortest of ``repeat`` timed runs of each function, in seconds.

    The runs are interleaved (each function once a round), so that a busy
    moment of the machine weighs on all measures alike, not on one.
    """
    times = [[] for _ in functions]
    for _ in range(repeat):
        for function, runs in zip(functions, times, strict=True):
            started = time.perf_counter()
            function()
            runs.append(time.perf_counter() - started)
    return [min(runs) for runs in times]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    values = [sample_values(n) for n in range(1000)]
    records = []

    def encode_all():
        records[:] = [faster.encode("I04", values[n % 1000]) for n in range(count)]

    (encode_s,) = best([encode_all], repeat)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.fst")
        faster.write_records(
            path,
            (r[:3] + b"%010d" % n + r[13:] for n, r in enumerate(records)),
            line_end=b"",
        )
        ideal = ideal_reader(records[0])
        del records[:]

        def floor():
            sliced = 0
            with open(path, "rb") as handle:
                while block := handle.read(1020 * 1024):
                    for i in range(0, len(block), 1020):
                        record = block[i : i + 1020]
                        sliced += 1
            assert sliced == count and len(record) == 1020

        def floor_kept():
            with open(path, "rb") as handle:
                data = handle.read()
            sliced = [data[i : i + 1020] for i in range(0, len(data), 1020)]
            assert len(sliced) == count

        def decode_validate():
            issues = 0
            for _values, found in faster.read_decoded(path):
                issues += len(found)
            assert issues == 0

        def per_record():
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

        measures = [
            floor,
            floor_kept,
            functools.partial(ideal, path),  # the lower bound
            decode_validate,
            per_record,
            decode_only,
            validate_only,
        ]
        (
            floor_s,
            kept_s,
            bound_s,
            decode_s,
            per_record_s,
            decode_only_s,
            validate_only_s,
        ) = best(measures, repeat)

    def ratios(seconds):
        return f"{seconds / floor_s:,.1f}x the floor, {seconds / kept_s:,.1f}x kept"

    print(f"records:          {count} (best of {repeat} interleaved runs each)")
    print(f"floor (stream):   {count / floor_s:>12,.0f} records/s")
    print(f"floor (kept):     {count / kept_s:>12,.0f} records/s")
    print(
        f"decode+validate:  {count / decode_s:>12,.0f} records/s  "
        f"({ratios(decode_s)}; goal <= 5x)"
    )
    for label, seconds in (
        ("lower bound:", bound_s),
        ("per record:", per_record_s),
        ("decode alone:", decode_only_s),
        ("validate alone:", validate_only_s),
    ):
        print(f"  {label:<16}{count / seconds:>12,.0f} records/s  ({ratios(seconds)})")
    print(f"encode:           {count / encode_s:>12,.0f} records/s  (goal >= 100,000)")
    print(f"date: {datetime.date.today()}")


if __name__ == "__main__":
    main()
