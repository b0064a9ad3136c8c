"""The codec's fast paths agree with its reference paths, record for record.

decode(), encode() and validate_record() each have a fast path compiled
from the layout table and a field-by-field reference (the definition):
_decode_reference, _encode_reference and the located edits that
validate_record falls back to. Hypothesis feeds both the same input.
"""

import datetime
import string
from decimal import Decimal

import faster
import pytest
from faster import codec, codesets, validate
from faster_samples import i01, transcript
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_faster_properties import valid_values

RECORD_TYPES = sorted(faster.LAYOUTS)
SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _slow_issues(data):
    """validate_record's located edits alone, without the fast path."""
    layout = faster.LAYOUTS[faster.record_type_of(data)]
    fast = validate._fast_check(layout)
    original = fast.valid
    fast.valid = lambda data: False
    try:
        validate._BY_HEAD.clear()
        return faster.validate_record(data)
    finally:
        fast.valid = original
        validate._BY_HEAD.clear()


def _fast_verdict(data):
    layout = faster.LAYOUTS[faster.record_type_of(data)]
    return validate._fast_check(layout).valid(data)


@st.composite
def mutated_records(draw):
    """A valid record with a few bytes overwritten: some stay valid, most not."""
    record_type, values = draw(valid_values())
    record = bytearray(faster.encode(record_type, values))
    alphabet = st.sampled_from(b" 0123456789AZaz~^`\x00\x7f\xe9-./")
    for _ in range(draw(st.integers(0, 4))):
        position = draw(st.integers(3, 1019))
        if record_type.startswith("G99") and position < 6:
            continue  # keep the subtype: another layout is another case
        record[position] = draw(alphabet)
    return bytes(record)


def test_valid_records_take_the_fast_path():
    for record in transcript():
        assert _fast_verdict(record) is True
        assert _slow_issues(record) == []


@SETTINGS
@given(valid_values())
def test_encoded_records_same_verdict(case):
    """Encoded values (valid, but for a required composite item left blank)."""
    record = faster.encode(*case)
    issues = _slow_issues(record)
    assert _fast_verdict(record) == (issues == [])
    assert faster.validate_record(record) == issues


@SETTINGS
@given(mutated_records())
def test_fast_verdict_is_the_full_validation_verdict(record):
    issues = _slow_issues(record)
    assert _fast_verdict(record) == (issues == [])
    assert faster.validate_record(record) == issues


@SETTINGS
@given(st.sampled_from(RECORD_TYPES), st.binary(min_size=1017, max_size=1017))
def test_random_bodies_same_verdict(record_type, body):
    record = record_type[:3].encode() + body
    if faster.record_type_of(record) not in faster.LAYOUTS:
        return
    issues = _slow_issues(record)
    assert _fast_verdict(record) == (issues == [])


@SETTINGS
@given(
    st.sampled_from(RECORD_TYPES),
    st.text(string.printable + "\xa0\x85\x1c", min_size=1017, max_size=1017),
)
def test_decode_matches_reference_on_any_text(record_type, body):
    record = (record_type[:3] + body).encode("latin-1")
    try:
        codec._decode_reference(record)
    except faster.FasterError:
        with pytest.raises(faster.FasterError):
            faster.decode(record)
        return
    for by_item in (False, True):
        got = faster.decode(record, by_item=by_item)
        want = codec._decode_reference(record, by_item=by_item)
        assert got == want
        assert list(got) == list(want)  # same keys, same order


@SETTINGS
@given(mutated_records())
def test_decode_matches_reference_on_records(record):
    for by_item in (False, True):
        got = faster.decode(record, by_item=by_item)
        want = codec._decode_reference(record, by_item=by_item)
        assert got == want
        assert list(got) == list(want)
        assert [type(v) for v in got.values()] == [type(v) for v in want.values()]


def _outcome(function, *args):
    try:
        return function(*args)
    except faster.FasterError as error:
        return ("FasterError", str(error))


@SETTINGS
@given(valid_values())
def test_encode_matches_reference_on_valid_values(case):
    assert faster.encode(*case) == codec._encode_reference(*case)


def _any_value():
    return st.one_of(
        st.none(),
        st.text(max_size=12),
        st.text(string.digits, max_size=12),
        st.integers(-5, 10**12),
        st.booleans(),
        st.decimals(allow_nan=True, allow_infinity=True, places=3),
        st.dates(),
        st.datetimes(),
        st.tuples(st.integers(-1, 12000), st.integers(-1, 12000)),
        st.lists(st.text(max_size=5), max_size=3),
        st.floats(allow_nan=False, allow_infinity=False),
    )


@SETTINGS
@given(st.data())
def test_encode_matches_reference_on_any_values(data):
    record_type = data.draw(st.sampled_from(RECORD_TYPES))
    layout = faster.LAYOUTS[record_type]
    names = [f.key for f in layout.data_fields] + [f.item for f in layout.data_fields]
    chosen = data.draw(
        st.dictionaries(
            st.sampled_from([*names, "record_type", "nope", 7]),
            _any_value(),
            max_size=8,
        )
    )
    assert _outcome(faster.encode, record_type, chosen) == _outcome(
        codec._encode_reference, record_type, chosen
    )


def test_encode_never_writes_more_than_its_item():
    with pytest.raises(faster.FasterError, match="does not fit"):
        faster.encode("I04", {"school_year": (20231, 20241)})
    with pytest.raises(faster.FasterError, match="does not fit"):
        codec._encode_reference("I04", {"school_year": 123456})


def test_fast_path_follows_the_code_lists(tmp_path, monkeypatch):
    """Pointing FASTER_CODES_DIR elsewhere changes what the fast path accepts."""
    record = faster.encode(
        "I04",
        {"student_number": "1200000001", "district": 12, "school": "0041",
         "credit_district": "12", "school_year": (2024, 2025), "grade_level": "09",
         "term": "3", "course_number": "1200310", "course_title": "ALGEBRA 1"},
    )  # fmt: skip
    assert faster.validate_record(record) == []
    for model in ("fl.grade.level", "fl.term.code", "fl.subject.area"):
        (tmp_path / f"{model}.csv").write_text("id,code,name\nx,10,Ten\n")
    monkeypatch.setenv("FASTER_CODES_DIR", str(tmp_path))
    issues = faster.validate_record(record)
    assert {(i.item, i.rule) for i in issues} == {("11", "code"), ("12", "code")}
    monkeypatch.delenv("FASTER_CODES_DIR")
    assert faster.validate_record(record) == []
    codesets.clear_cache()
    assert faster.validate_record(record) == []


def test_dates_remembered_are_still_checked():
    record = i01()
    assert faster.validate_record(record) == []
    bad = bytearray(record)
    bad[952:960] = b"20100230"  # 30 February
    assert [i.rule for i in faster.validate_record(bytes(bad))] == ["date"]
    assert faster.validate_record(record) == []
    assert faster.decode(bytes(bad))["birth_date"] == "20100230"
    assert faster.decode(record)["birth_date"] == datetime.date(2010, 3, 4)


def test_infinite_decimal_is_refused_with_the_codecs_error():
    for encode in (faster.encode, codec._encode_reference):
        with pytest.raises(faster.FasterError, match="cannot write"):
            encode("I04", {"credit_earned": Decimal("Infinity")})
