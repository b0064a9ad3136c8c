"""``python -m faster`` on any file: exit 0 valid, 1 invalid, 2 unreadable,
one line an error, never a traceback; an empty file is no transcript."""

import contextlib
import io
import json
import re

import faster
import pytest
from faster import cli
from faster_samples import transcript
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_faster_cli_io import run

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=12,
)
VALUES = st.dictionaries(
    st.sampled_from(["last_name", "sex", "school_year", "9", "birth_date", "x"]),
    JSON,
    max_size=4,
)


def _main(capsys, *argv):
    """(exit status, stdout, stderr) of the command, in this process."""
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "internal error" not in err, err  # the last resort is for bugs
    return status, out, err


@SETTINGS
@given(content=st.binary(max_size=4000))
def test_any_file_gets_an_exit_code_and_one_line_errors(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("c") / "any.fst"
    path.write_bytes(content)
    for argv in (
        ["validate", str(path)],
        ["decode", str(path)],
        ["decode", "--validate", "--json", str(path)],
        ["express", str(path)],
    ):
        status = _run_quiet(argv)
        assert status in (0, 1, 2)
        if not content.strip(b"\r\n"):
            assert status == 1  # no record: no transcript


def _run_quiet(argv):
    """cli.main(argv)'s exit status, its output dropped (hypothesis runs it
    many times in one test, where capsys cannot be reset)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(argv)
    assert "internal error" not in err.getvalue(), err.getvalue()
    return status


@SETTINGS
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(faster.LAYOUTS)) | JSON, VALUES).map(
            lambda case: {"record_type": case[0], **case[1]}
        ),
        min_size=1,
        max_size=3,
    )
)
def test_any_json_encodes_or_exits_one(tmp_path_factory, objects):
    folder = tmp_path_factory.mktemp("j")
    source = folder / "in.json"
    source.write_text(json.dumps(objects))
    status = _run_quiet(["encode", str(source), "-o", str(folder / "out.fst")])
    assert status in (0, 1)
    assert (folder / "out.fst").exists() == (status == 0)


def test_empty_files_are_not_transcripts(tmp_path, capsys):
    empty = tmp_path / "empty.fst"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.fst"
    blank.write_bytes(b"\r\n\n")
    for path in (empty, blank):
        status, out, _ = _main(capsys, "validate", str(path))
        assert status == 1
        assert "no record: an empty file is not a FASTER transcript" in out
        status, _, err = _main(capsys, "decode", "--validate", str(path))
        assert (status, "no record" in err) == (1, True)
        assert _main(capsys, "express", str(path))[0] == 1
    (tmp_path / "none.json").write_text("[]")
    status, _, err = _main(
        capsys, "encode", str(tmp_path / "none.json"), "-o", str(tmp_path / "o")
    )
    assert (status, "no object to encode" in err) == (1, True)
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ({"record_type": "I04", "course_title": "A~B"}, "I04 item 14 .*'~'"),
        ({"record_type": "I04", "course_title": "ÁLGEBRA"}, "'Á' \\(U\\+00C1\\)"),
        ({"record_type": "I04", "credit_earned": "1.2.3"}, "'1.2.3' is not a number"),
        ({"record_type": "I01", "birth_date": "2020-13-45"}, "is not a date"),
        ({"record_type": ["I01"]}, "unknown FASTER record type"),
        ({"record_type": "I03", "days_absent": 1000}, "does not fit"),
        ({"record_type": "I01", "legal_name": {"nick": "A"}}, "no part 'nick'"),
        ({"last_name": "RIVERA"}, "object 1: an object with a record_type"),
    ],
)
def test_a_bad_value_to_encode_is_invalid_input_not_unreadable(
    tmp_path, capsys, obj, message
):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(obj, ensure_ascii=False))
    status, _, err = _main(capsys, "encode", str(source), "-o", str(tmp_path / "o"))
    assert status == 1
    assert "unreadable" not in err
    assert err.count("\n") == 1
    assert re.search(message, err), err
    assert list(tmp_path.iterdir()) == [source]  # nothing written


def test_unreadable_inputs_exit_two_in_one_line(tmp_path, capsys):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "bad.json").write_bytes(b'{"record_type": "\xff"}')
    (tmp_path / "huge.json").write_text('{"n": ' + "9" * 5000 + "}")
    for name in ("deep.json", "bad.json", "huge.json"):
        status, _, err = _main(
            capsys, "encode", str(tmp_path / name), "-o", str(tmp_path / "o")
        )
        assert (status, err.count("\n"), "unreadable" in err) == (2, 1, True), err
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"record_type": "I03", "days_absent": 1}))
    status, _, err = _main(capsys, "encode", str(good), "-o", str(tmp_path))
    assert (status, "cannot write" in err) == (2, True)  # the output: a directory
    for argv in (["validate", str(tmp_path)], ["decode", str(tmp_path)]):
        status, _, err = _main(capsys, *argv)
        assert (status, "Is a directory" in err) == (2, True)
    line = tmp_path / "line.fst"
    line.write_bytes(b"I01" + b" " * 1017 + b"\n" + b"x" * 2_200_000)
    status, _, err = _main(capsys, "validate", str(line))
    assert (status, "no line end" in err) == (2, True)


def test_a_bug_is_one_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "cmd_validate", broken)
    status = cli.main(["validate", str(tmp_path)])
    _, err = capsys.readouterr()
    assert status == 2
    assert err == "python -m faster: internal error, please report it: " \
        "RuntimeError: boom\n"  # fmt: skip


def test_subprocess_never_prints_a_traceback(tmp_path):
    """The real command line, its streams and exit codes, on hostile files."""
    good = tmp_path / "good.fst"
    faster.write_records(good, transcript())
    hostile = tmp_path / "hostile.fst"
    i01 = transcript()[1]
    escape = i01[:650] + b"\x1b[2J" + i01[654:]  # item 33, the school name
    hostile.write_bytes(escape + b"\r\n" + b"\x1b[2J\xff\x00" * 340 + b"\r\n")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"record_type": "I04", "course_title": "Ω"}))
    (tmp_path / "empty.fst").write_bytes(b"")
    cases = [
        (["validate", str(good)], 0),
        (["validate", str(hostile)], 1),
        (["decode", str(hostile)], 1),
        (["validate", str(tmp_path / "empty.fst")], 1),
        (["encode", str(bad), "-o", str(tmp_path / "o.fst")], 1),
        (["validate", str(tmp_path)], 2),
        (["validate", str(tmp_path / "missing.fst")], 2),
    ]
    for argv, want in cases:
        result = run(*argv, cwd=tmp_path)
        assert result.returncode == want, (argv, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr
        assert "\x1b" not in result.stdout + result.stderr  # no escape sequence
