"""``express`` subcommand, with a stand-in for the codec when it is absent."""

import argparse
import io
import sys
import types

import pytest
from _express_helpers import ADDON
from faster.express import cli


@pytest.fixture
def fake_codec(monkeypatch, tmp_path):
    """A minimal ``faster`` codec API: read_records and decode(by_item=True)."""
    records = {
        "I00": {"record_type": "I00", "1": "I00"},
        "I01": {"record_type": "I01", "1": "I01", "11": "M", "37": "W3A"},
        "S01": {"record_type": "S01", "1": "S01", "11": "F", "25": "P", "26": "A^B"},
        "I04": {"record_type": "I04", "1": "I04"},
    }
    module = types.SimpleNamespace(
        read_records=lambda path: [
            line.encode()
            for line in open(path).read().split()  # noqa: SIM115
        ],
        decode=lambda rec, by_item=False: dict(records[rec.decode()[:3]]),
    )
    import faster

    monkeypatch.setattr(faster, "read_records", module.read_records, raising=False)
    monkeypatch.setattr(faster, "decode", module.decode, raising=False)
    path = tmp_path / "transcript.dat"
    path.write_text("I00\nI01\nI04\n")
    return path


def run(path):
    out, err = io.StringIO(), io.StringIO()
    status = cli.run(argparse.Namespace(file=str(path)), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_register_adds_express_subcommand():
    parser = argparse.ArgumentParser(prog="faster")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["express", "x.dat"])
    assert args.file == "x.dat" and args.func is cli.run


def test_converts_only_i01_s01(fake_codec):
    status, out, err = run(fake_codec)
    assert status == 0, err
    assert out == "DMG^^^M^^7~\nSST^B17~\nSSE^^^D13~\n"


def test_unreadable_file(fake_codec, tmp_path):
    status, out, err = run(tmp_path / "missing.dat")
    assert status == 2 and out == ""
    assert "missing.dat" in err and "Traceback" not in err


def test_delimiter_in_data_reported(fake_codec):
    fake_codec.write_text("S01\n")
    status, out, err = run(fake_codec)
    assert status == 2 and "record 1" in err and out == ""


def test_no_codec(monkeypatch, tmp_path):
    import faster

    if hasattr(faster, "read_records"):
        monkeypatch.delattr(faster, "read_records")
    status, _, err = run(tmp_path / "x.dat")
    assert status == 2 and "codec" in err


def test_module_main(fake_codec, capsys):
    assert cli.main([str(fake_codec)]) == 0
    assert "SSE^^^D13~" in capsys.readouterr().out


def test_python_dash_m_without_codec(tmp_path):
    import subprocess

    result = subprocess.run(
        [sys.executable, "-m", "faster.express", str(tmp_path / "none.dat")],
        cwd=ADDON,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
