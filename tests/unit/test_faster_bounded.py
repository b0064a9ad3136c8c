"""validate and decode read any file in bounded memory: a transcript is held
only until the next header, and one that passes the most a transcript may
hold (a file without headers) is an invalid file, located, not memory that
grows with the file."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import faster
import pytest
from faster_samples import header, i01, i03, i04, transcript

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "addons" / "faster_export"
LIMIT = faster.io.MAX_TRANSCRIPT_RECORDS


# Runs python -m faster and writes the process's own peak resident size
# (VmHWM, kB) when it exits. Not wait4()'s ru_maxrss: on Linux that carries
# the parent's peak across fork and exec, so it would measure pytest.
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


def peak_run(*args, cwd):
    """(exit code, stdout, stderr, peak resident MB) of python -m faster."""
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_DIR)}
    with (
        open(cwd / "out.txt", "wb") as out,  # a pipe would fill: a file
        open(cwd / "err.txt", "wb") as err,
    ):
        code = subprocess.run(
            [sys.executable, "-c", PEAK_RUNNER, cwd / "peak.txt", *args],
            cwd=cwd, env=env, stdout=out, stderr=err, timeout=120, check=False,
        ).returncode  # fmt: skip
    return (
        code,
        (cwd / "out.txt").read_text(),
        (cwd / "err.txt").read_text(),
        int((cwd / "peak.txt").read_text()) / 1024,
    )


def headerless(path, megabytes):
    """A file of ``megabytes`` of one I04 record, no header anywhere."""
    record = i04(2023) + b"\r\n"
    count = megabytes * 2**20 // len(record)
    with open(path, "wb") as handle:
        handle.writelines(record * 1024 for _ in range(count // 1024))
    return count // 1024 * 1024


def test_a_transcript_up_to_the_bound_is_read_one_past_it_is_refused():
    records = [header(), *[i04(2023)] * (LIMIT - 1)]
    data = b"".join(records)
    assert [len(t) for t in faster.read_transcripts(io.BytesIO(data * 2))] == [
        LIMIT,
        LIMIT,
    ]
    with pytest.raises(faster.TranscriptTooLongError) as raised:
        list(faster.read_transcripts(io.BytesIO(data + i04(2023) + header())))
    assert raised.value.record_number == LIMIT + 1
    assert str(raised.value).startswith(
        f"record {LIMIT + 1:,}: the transcript whose header is record 1 passes "
        f"{LIMIT:,} records with no new header (I00)"
    )
    assert isinstance(raised.value, faster.FasterError)


def test_records_before_any_header_are_refused_past_the_bound():
    data = i01() * (LIMIT + 1)
    with pytest.raises(
        faster.TranscriptTooLongError, match=f"^record {LIMIT + 1:,}: no header"
    ):
        list(faster.read_transcripts(io.BytesIO(data)))
    # a later transcript is numbered from its own header
    data = b"".join(transcript()) + b"".join([header(), *[i04(2023)] * LIMIT])
    with pytest.raises(faster.TranscriptTooLongError) as raised:
        list(faster.read_transcripts(io.BytesIO(data)))
    assert raised.value.record_number == 6 + LIMIT + 1
    assert "header is record 7 passes" in str(raised.value)


def test_validate_a_headerless_file_in_bounded_memory(tmp_path):
    """20 MB and 80 MB without a header: the same peak memory (it grew by
    about 1.2 MB a MB of file when a transcript was held whole), and exit 1
    at the bound, located."""
    runs = {}
    for megabytes in (20, 80):
        path = tmp_path / f"headerless-{megabytes}.fst"
        assert headerless(path, megabytes) > LIMIT * 4
        runs[path] = peak_run("validate", str(path), cwd=tmp_path)
        path.unlink()  # 100 MB: not left in the temporary folder
    peaks = [peak for *_, peak in runs.values()]
    assert abs(peaks[1] - peaks[0]) < 5, peaks
    assert peaks[1] < 60, peaks
    for path, (code, out, err, _) in runs.items():
        assert code == 1, out + err
        assert "Traceback" not in err
        assert out.splitlines() == [
            (
                f"{path}: record {LIMIT + 1:,}: no header (I00) in {LIMIT:,} records "
                f"with no new header (I00): a transcript holds at most {LIMIT:,}, more "
                "than the FASTER layouts allow one student; "
                "a file missing its headers? Not read further"
            ),
            f"{path}: 1 error(s) in {LIMIT + 1} record(s)",
        ]


def test_decode_json_streams_in_bounded_memory(tmp_path):
    """decode --json prints each record as it is read: the same peak for a
    file four times larger."""
    peaks = []
    for megabytes in (8, 32):
        path = tmp_path / f"headerless-{megabytes}.fst"
        count = headerless(path, megabytes)
        code, out, err, peak = peak_run("decode", "--json", str(path), cwd=tmp_path)
        path.unlink()
        assert code == 0, err
        assert out.count("\n") == count
        del out
        peaks.append(peak)
    assert abs(peaks[1] - peaks[0]) < 5, peaks


def _many_transcripts():
    """Transcripts, valid and not: out of order, a stranger's record, a
    first one with no header, a bad byte."""
    records = [i01(), i03(2023)]  # before any header
    for n in range(300):
        one = transcript()
        if n % 7 == 1:
            one[2], one[4] = one[4], one[2]  # years descend
        if n % 11 == 2:
            one[3] = i04(2023, student_number="1200000002")
        if n % 13 == 3:
            one[1] = one[1][:99] + b"\x00" + one[1][100:]
        if n % 17 == 4:
            one = one[:1]  # a request: a header alone
        records.extend(one)
    return records


def _reference_lines(path, records):
    """What validate printed when each transcript was held whole: split at
    each header, validate_transcript() of each."""
    lines, chunk, number = [], [], 1
    for record in [*records, None]:
        if chunk and (record is None or faster.io.is_header(record)):
            lines += [f"{path}: {i}" for i in faster.validate_transcript(chunk, number)]
            number += len(chunk)
            chunk = []
        chunk.append(record)
    return lines, number - 1


def test_many_transcripts_validate_and_decode_as_before(tmp_path):
    records = _many_transcripts()
    path = tmp_path / "many.fst"
    faster.write_records(path, records)
    code, out, err, _ = peak_run("validate", str(path), cwd=tmp_path)
    lines, count = _reference_lines(path, records)
    assert len(lines) > 100
    assert code == 1, err
    assert out.splitlines() == [
        *lines,
        f"{path}: {len(lines)} error(s) in {count} record(s)",
    ]
    good = tmp_path / "good.fst"
    faster.write_records(good, transcript() * 500)
    code, out, err, _ = peak_run("validate", str(good), cwd=tmp_path)
    assert (code, out, err) == (0, f"{good}: valid, 3000 record(s)\n", "")
    code, out, err, _ = peak_run("decode", "--json", str(path), cwd=tmp_path)
    assert (code, err) == (0, "")
    expected = []
    for record in records:
        try:
            expected.append(json.dumps(faster.decode(record), default=str))
        except faster.FasterError:
            continue
    assert out.splitlines() == expected
