"""python -m faster from any directory, and streaming file reading/writing."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import faster
import pytest
from faster_samples import i01, transcript

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "addons" / "faster_export"


def run(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_DIR)}
    return subprocess.run(
        [sys.executable, "-m", "faster", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "good.fst"
    faster.write_records(path, transcript())
    return path


def test_validate_exit_codes(tmp_path, good_file):
    result = run("validate", str(good_file), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid, 6 record(s)" in result.stdout
    bad = tmp_path / "bad.fst"
    records = transcript()
    records[1] = records[1][:99] + b"\x00" + records[1][100:]
    faster.write_records(bad, records)
    result = run("validate", str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert "record 2 (I01) item 13 bytes 100-100" in result.stdout
    result = run("validate", str(tmp_path / "missing.fst"), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_decode_json_by_item_and_encode_back(tmp_path, good_file):
    result = run("decode", str(good_file), "--json", "--by-item", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["record_type"] for o in objects] == [
        "I00",
        "I01",
        "I03",
        "I04",
        "I03",
        "I04",
    ]
    assert objects[1]["9"] == ["RIVERA", "", "ANA", "M"]
    source = tmp_path / "records.json"
    source.write_text(result.stdout)
    out = tmp_path / "out.fst"
    result = run("encode", str(source), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == good_file.read_bytes()


def test_decode_and_validate_in_one_pass(tmp_path, good_file):
    result = run("decode", str(good_file), "--json", "--validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    plain = run("decode", str(good_file), "--json", cwd=tmp_path)
    assert result.stdout == plain.stdout
    records = transcript()
    records[3] = records[3][:15] + b"X2" + records[3][17:]  # district: digits
    bad = tmp_path / "bad.fst"
    faster.write_records(bad, records)
    result = run("decode", str(bad), "--json", "--validate", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        (
            f"{bad}: record 4 (I04) item 4 bytes 16-17: value 'X2' [numeric] "
            "District Number, Current Enrollment must be digits, right-justified "
            "and zero-filled"
        )
    ]
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == 6 and objects[3]["district"] == "X2"


def test_layout_table(tmp_path):
    result = run("layout", "I04", cwd=tmp_path)
    assert result.returncode == 0
    assert "course_number" in result.stdout
    assert run("layout", "Z42", cwd=tmp_path).returncode == 2


def test_reads_records_with_or_without_line_ends(tmp_path):
    records = transcript()
    for line_end in (b"", b"\n", b"\r\n", b"\r"):
        path = tmp_path / f"t{line_end.hex()}.fst"
        faster.write_records(path, records, line_end=line_end)
        assert list(faster.read_records(path)) == records
    assert list(faster.read_records(io.BytesIO(b"".join(records)))) == records


def test_line_ended_files_are_read_a_block_at_a_time(tmp_path):
    """Constant memory whatever the line end: CR only (old Mac tools) too."""
    records = transcript() * 400  # 2,400 records: three blocks
    for line_end in (b"\n", b"\r\n", b"\r"):
        path = tmp_path / f"b{line_end.hex()}.fst"
        faster.write_records(path, records, line_end=line_end)
        blocks = list(faster.io.read_blocks(path))
        assert len(blocks) == 3 and all(type(b) is bytes for b in blocks)
        assert b"".join(blocks) == b"".join(records)


def test_a_line_that_never_ends_is_an_error_not_all_in_memory(tmp_path):
    """A line-ended file whose line ends stop (a corrupt or foreign file):
    a clear error as soon as a block holds no line end, with the record's
    number, instead of the rest of the file held in memory as one record."""
    good = transcript()[0]
    stream = io.BytesIO(good + b"\r\n" + good + b"\r\n" + b"X" * (8 << 20))
    with pytest.raises(faster.FasterError, match=r"record 3 .*no line end"):
        list(faster.read_records(stream))
    assert stream.tell() < 3 << 20  # read a block or two, not the 8 MB
    # a long but ended line is one bad record among the others, as before
    long_line = good + b"\r\n" + b"X" * 5000 + b"\r\n" + good + b"\r\n"
    assert [len(r) for r in faster.read_records(io.BytesIO(long_line))] == [
        1020,
        5000,
        1020,
    ]
    path = tmp_path / "endless.fst"
    path.write_bytes(good + b"\n" + b"X" * (3 << 20))
    result = run("validate", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert "unreadable" in result.stderr and "record 2" in result.stderr


def test_read_transcripts_splits_at_headers(good_file, tmp_path):
    path = tmp_path / "batch.fst"
    faster.write_records(path, transcript() + transcript())
    assert [len(t) for t in faster.read_transcripts(path)] == [6, 6]


def test_write_is_atomic_and_refuses_short_records(tmp_path):
    path = tmp_path / "out.fst"
    with pytest.raises(faster.FasterError, match="nothing written"):
        faster.write_records(path, [i01(), b"I01 short"])
    assert list(tmp_path.iterdir()) == []
