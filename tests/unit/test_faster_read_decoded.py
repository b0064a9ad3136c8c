"""read_decoded() gives, record for record, what decode() and validate_record()
give: the same values and the same located issues, for any file.

Its fast path (a block of records decoded and checked in place by generated
decoders) must never call a record valid that validate_record() faults, nor
decode it differently than the reference decoder.
"""

import io
from dataclasses import replace

import faster
from faster import codec, codesets
from faster_samples import i01, transcript
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_faster_fast_paths import _slow_issues, mutated_records

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
LINE_ENDS = (b"", b"\n", b"\r\n", b"\r")


def _reference(records, by_item=False):
    """(values, issues) of each record, the field-by-field way."""
    out = []
    for number, record in enumerate(records, 1):
        try:
            values = codec._decode_reference(record, by_item=by_item)
        except faster.FasterError:
            values = None
        if values is None:  # wrong length, unknown type: no fast path
            issues = faster.validate_record(record, number)
        else:
            issues = [replace(i, record_number=number) for i in _slow_issues(record)]
        out.append((values, issues))
    return out


def _write(tmp_path, records, line_end):
    path = tmp_path / "file.fst"
    path.write_bytes(b"".join(record + line_end for record in records))
    return path


@SETTINGS
@given(
    st.lists(mutated_records(), min_size=1, max_size=6),
    st.sampled_from(LINE_ENDS),
    st.booleans(),
)
def test_same_values_and_issues_as_the_reference(tmp_path_factory, records, end, by):
    path = _write(tmp_path_factory.mktemp("f"), records, end)
    got = list(faster.read_decoded(path, by_item=by))
    assert got == _reference(records, by_item=by)
    for (values, _), (want, _) in zip(got, _reference(records, by), strict=True):
        if values is not None:
            assert list(values) == list(want)  # same keys, same order
            assert [type(v) for v in values.values()] == [
                type(v) for v in want.values()
            ]


def test_a_valid_transcript_every_line_end(tmp_path):
    records = transcript()
    for line_end in LINE_ENDS:
        path = _write(tmp_path, records, line_end)
        got = list(faster.read_decoded(path))
        assert [issues for _, issues in got] == [[]] * len(records)
        assert [values for values, _ in got] == [faster.decode(r) for r in records]


def test_low_values_in_the_local_filler_are_valid_elsewhere_not(tmp_path):
    local = i01()[:1015] + b"\x00" * 5
    body = i01()[:99] + b"\x00" + i01()[100:]
    path = _write(tmp_path, [local, body, i01()], b"")
    (v1, issues1), (v2, issues2), (v3, issues3) = faster.read_decoded(path)
    assert issues1 == [] and v1 == faster.decode(local)
    assert [(i.record_number, i.rule, i.start) for i in issues2] == [
        (2, "non-displayable", 100)
    ]
    assert v2 == faster.decode(body)
    assert issues3 == [] and v3 == faster.decode(i01())


def test_undecodable_records_are_reported_not_raised(tmp_path):
    unknown = b"X99" + i01()[3:]
    short = i01()[:500]
    path = _write(tmp_path, [i01(), unknown, short], b"\r\n")
    got = list(faster.read_decoded(path))
    assert got[0] == (faster.decode(i01()), [])
    assert got[1][0] is None and [i.rule for i in got[1][1]] == ["record-type"]
    assert got[2][0] is None and [i.rule for i in got[2][1]] == ["length"]
    assert [i.record_number for _, issues in got for i in issues] == [2, 3]


def test_g99_records_take_the_located_path(tmp_path):
    records = transcript()
    g99 = faster.encode("G99IMM", {"code": "MMR"})
    path = _write(tmp_path, [*records, g99], b"")
    got = list(faster.read_decoded(path))
    assert got[-1] == (faster.decode(g99), faster.validate_record(g99, len(got)))
    assert got[-1][0]["record_type"] == "G99IMM"


def test_many_blocks_numbered_through(tmp_path):
    """Records past the first block keep their numbers in the file."""
    bad = i01()[:99] + b"~" + i01()[100:]
    count = faster.io.BLOCK_RECORDS * 2 + 7
    records = [bad if n % 1000 == 999 else i01() for n in range(count)]
    path = _write(tmp_path, records, b"\r\n")
    found = faster.read_decoded(path)
    numbers = [issue.record_number for _, issues in found for issue in issues]
    assert numbers == [1000, 2000]


def test_follows_the_code_lists(tmp_path, monkeypatch):
    records = transcript()
    path = _write(tmp_path, records, b"")
    assert all(not issues for _, issues in faster.read_decoded(path))
    lists = tmp_path / "lists"
    lists.mkdir()
    for model in ("fl.grade.level", "fl.term.code", "fl.subject.area"):
        (lists / f"{model}.csv").write_text("id,code,name\nx,ZZ,None\n")
    monkeypatch.setenv("FASTER_CODES_DIR", str(lists))
    try:
        rules = {
            (issue.item, issue.rule)
            for _, issues in faster.read_decoded(path)
            for issue in issues
        }
        assert ("11", "code") in rules
        assert rules == {
            (i.item, i.rule)
            for number, record in enumerate(records, 1)
            for i in faster.validate_record(record, number)
        }
    finally:
        monkeypatch.delenv("FASTER_CODES_DIR")
        codesets.clear_cache()
    assert all(not issues for _, issues in faster.read_decoded(path))


def test_irregular_lines_read_as_read_records_reads_them(tmp_path):
    records = transcript()
    data = b"\r\n".join(records[:2]) + b"\r\n\r\n" + records[2] + b"\r\r\n"
    data += records[3][:-1] + b"\n" + b"\n".join(records[4:]) + b"\n"
    path = tmp_path / "odd.fst"
    path.write_bytes(data)
    split = list(faster.read_records(path))
    got = list(faster.read_decoded(path))
    assert len(got) == len(split)
    assert got == _reference(split)


@SETTINGS
@given(
    st.lists(
        st.one_of(
            mutated_records(),
            st.binary(min_size=1, max_size=1100),
            st.sampled_from([b"\r\n", b"\n", b"\r"]),
        ),
        max_size=6,
    )
)
def test_any_bytes_are_reported_never_raised(pieces):
    """Whatever a file holds, every record of read_records() comes back,
    with the reference's values and issues, and nothing raises."""
    data = b"".join(pieces)
    split = list(faster.read_records(io.BytesIO(data)))
    assert list(faster.read_decoded(io.BytesIO(data))) == _reference(split)
