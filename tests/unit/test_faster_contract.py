"""The codec's contract, as a caller who sends it anything would test it.

1. Only FasterError (and its FasterIOError) leaves a public function, for any
   input: wrong types, bad lengths, bytes that are not text, huge values.
2. Text FASTER cannot carry is refused, naming record type, item and
   character: never a ``?`` in its place.
3. What validation accepts comes back byte for byte (decode -> encode), up
   to byte 1011: the local-use filler (1012-1020) is the sender's, FASTER
   lets it hold anything, and it comes back blank. What would not (another
   filler not blank, A/N/R digits not zero-filled) is refused, located.
"""

import datetime
import io
import string
from decimal import Decimal

import faster
import pytest
from faster import express
from faster_samples import i01, i04, prefix, transcript
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_faster_fast_paths import mutated_records
from test_faster_properties import valid_values

RECORD_TYPES = sorted(faster.LAYOUTS)
SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Anything a caller may hand over: scalars of every kind (huge ints, NaN,
# any Unicode, bytes) and containers of them.
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(4400, 5000).map(lambda n: 10**n),  # too long to print
    st.integers(4400, 5000).map(lambda n: -(10**n)),
    st.floats(),
    st.decimals(),
    st.sampled_from([Decimal("sNaN"), Decimal("1E+999999"), Decimal("-0")]),
    st.text(),
    st.binary(),
    st.dates(),
    st.datetimes(),
)
ANY = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(st.text(max_size=5), st.integers()), inner),
    ),
    max_leaves=8,
)


def only_faster_error(function, *args, **kwargs):
    """The function's result, or None when it refused with FasterError."""
    try:
        result = function(*args, **kwargs)
        if hasattr(result, "__next__"):  # a generator: run it
            result = list(result)
        return result
    except faster.FasterError:
        return None


def _names(record_type):
    layout = faster.LAYOUTS[record_type]
    keys = [f.key for f in layout.data_fields]
    return st.sampled_from([*keys, *(f.item for f in layout.data_fields), "nope", 7])


# -- 1. only FasterError, for any input -------------------------------------


@SETTINGS
@given(ANY, st.booleans())
def test_any_object_into_every_record_function(value, by_item):
    only_faster_error(faster.decode, value, by_item=by_item)
    only_faster_error(faster.validate_record, value)
    only_faster_error(faster.validate_transcript, value)
    only_faster_error(faster.validate_transcript, [value, value])
    only_faster_error(faster.validate_transcript, transcript(), value)
    only_faster_error(faster.record_type_of, value)
    only_faster_error(faster.layout_for, value)
    only_faster_error(faster.encode, value, {})
    only_faster_error(faster.encode, "I01", value)
    only_faster_error(express.convert, value)
    only_faster_error(express.convert, {"9": value, "42": value, "55": value})
    only_faster_error(express.to_x12, value)
    only_faster_error(express.Segment, value, value)


@SETTINGS
@given(st.data())
def test_any_values_into_encode(data):
    """encode() writes a record or refuses; what it writes holds no byte
    FASTER does not carry (an unencodable character is refused, not kept)."""
    record_type = data.draw(st.sampled_from(RECORD_TYPES))
    values = data.draw(st.dictionaries(_names(record_type), ANY, max_size=6))
    record = only_faster_error(faster.encode, record_type, values)
    if record is not None:
        assert len(record) == 1020
        assert not record.translate(None, faster.validate.DISPLAYABLE)


@SETTINGS
@given(
    st.one_of(st.binary(max_size=3000), st.text(max_size=3000)),
    st.sampled_from([b"", b"\n", b"\r\n", b"\r"]),
)
def test_any_bytes_or_text_into_the_readers(content, line_end):
    stream = io.BytesIO(content if isinstance(content, bytes) else content.encode())
    only_faster_error(faster.read_records, stream)
    for reader in (faster.read_records, faster.read_decoded, faster.read_transcripts):
        only_faster_error(reader, io.BytesIO(stream.getvalue() + line_end))
        only_faster_error(reader, io.StringIO(str(content)))


@SETTINGS
@given(ANY)
def test_any_object_into_the_readers_and_writer(tmp_path_factory, value):
    for reader in (faster.read_records, faster.read_decoded, faster.read_transcripts):
        only_faster_error(reader, value)
    folder = tmp_path_factory.mktemp("w")
    only_faster_error(faster.write_records, folder / "out.fst", value)
    only_faster_error(faster.write_records, folder / "out.fst", [value])
    if not isinstance(value, str | bytes):  # a text would be a real path
        only_faster_error(faster.write_records, value, [i01()])
    only_faster_error(faster.write_records, folder / "out.fst", [i01()], value)
    assert [p.name for p in folder.iterdir()] in ([], ["out.fst"])  # no temp left


def test_wrong_types_are_refused_by_name():
    for value in (None, 5, 1.5, ["I01"], {"a": 1}):
        with pytest.raises(faster.FasterError, match="is bytes, not"):
            faster.decode(value)
        with pytest.raises(faster.FasterError, match="is bytes, not"):
            faster.validate_record(value)
        with pytest.raises(faster.FasterError, match="is bytes, not"):
            faster.record_type_of(value)
    with pytest.raises(faster.FasterError, match="unknown FASTER record type"):
        faster.encode(["I01"], {})  # unhashable
    with pytest.raises(faster.FasterError, match="a mapping of item to value"):
        faster.encode("I01", [("sex", "F")])
    with pytest.raises(faster.FasterError, match="a sequence of records"):
        faster.validate_transcript(None)
    with pytest.raises(faster.FasterError, match="a record number is an int"):
        faster.validate_transcript(transcript(), "1")
    assert faster.decode(bytearray(i01())) == faster.decode(memoryview(i01()))


def test_a_str_record_with_a_character_that_is_no_byte_is_refused_not_replaced():
    """A str record is read in latin-1: '€' is no byte, and was a '?'."""
    text = i01().decode("latin-1")
    bad = text[:60] + "€" + text[61:]  # item 9, the legal name
    for function in (faster.decode, faster.validate_record):
        with pytest.raises(faster.FasterError, match=r"'€' \(U\+20AC\) at byte 61"):
            function(bad)
    assert faster.decode(text) == faster.decode(i01())  # latin-1 text is fine


def test_huge_and_odd_numbers_are_refused_not_raised():
    for values, message in (
        ({"days_absent": 10**5000}, "does not fit in 3 bytes"),  # fast path
        ({"8": 10**5000}, "does not fit in 3 bytes"),  # by item number
        ({"days_absent": Decimal("1E+999999")}, "does not fit in 3 bytes"),
        ({"days_absent": Decimal("sNaN")}, "not a finite number"),
        ({"days_absent": float("nan")}, "not a finite number"),
        ({"school_year": 10**5000}, "does not fit in 8 bytes"),
        ({"school_year": -5}, "does not fit in 8 bytes"),
        ({"school_year": (2023.5, 2024)}, "a school year is a year"),
        ({"school_year": True}, "a school year is a year"),
    ):
        with pytest.raises(faster.FasterError, match=message):
            faster.encode("I03", prefix(**values))
        with pytest.raises(faster.FasterError, match=message):
            faster.codec._encode_reference("I03", prefix(**values))


def test_composite_items_refuse_unknown_parts_and_odd_types():
    with pytest.raises(faster.FasterError, match="no part 'nickname'"):
        faster.encode("I01", {"legal_name": {"last": "RIVERA", "nickname": "A"}})
    for part in (b"0000061", object(), 10**5000, datetime.date(2020, 1, 1)):
        with pytest.raises(faster.FasterError, match="I00 item 3 "):
            faster.encode("I00", {"addressed_institution": (part, "0000")})


def test_unreadable_sources_are_faster_io_errors(tmp_path):
    for source in (None, 0, 1, True, 2.5, "", "a\0b", ["x"]):  # 0: never stdin
        with pytest.raises(faster.FasterError, match="not a file path"):
            list(faster.read_records(source))
    with pytest.raises(faster.FasterIOError, match="Is a directory"):
        list(faster.read_records(tmp_path))
    with pytest.raises(faster.FasterIOError, match="binary mode"):
        list(faster.read_decoded(io.StringIO("I01" + " " * 1017)))

    class Failing(io.RawIOBase):
        name = "tape.fst"

        def read(self, size=-1):
            raise OSError(5, "Input/output error")

    with pytest.raises(faster.FasterIOError, match="tape.fst: Input/output error"):
        list(faster.read_records(Failing()))
    assert isinstance(faster.FasterIOError("x"), OSError)  # callers catching it


def test_write_records_refuses_and_leaves_nothing(tmp_path):
    target = tmp_path / "out.fst"
    for records, message in (
        (None, "bytes in a sequence, not NoneType"),
        ([i01(), "x" * 1020], "record 2 is str, not bytes"),
        ([i01(), 5], "record 2 is int, not bytes"),
    ):
        with pytest.raises(faster.FasterError, match=message):
            faster.write_records(target, records)
    with pytest.raises(faster.FasterError, match="line end"):
        faster.write_records(target, [i01()], line_end="\n")
    with pytest.raises(faster.FasterIOError, match="cannot write"):
        faster.write_records(tmp_path, [i01()])  # a directory
    with pytest.raises(faster.FasterIOError, match="not a file path"):
        faster.write_records(None, [i01()])
    assert [p.name for p in tmp_path.iterdir()] == []


def test_express_refuses_with_the_codecs_error():
    with pytest.raises(faster.FasterError, match="as a mapping, not NoneType"):
        express.convert(None)
    with pytest.raises(faster.FasterError, match="a code table is a mapping"):
        express.convert({}, language_codes=["EN"])
    with pytest.raises(faster.FasterError, match="delimiter"):
        express.to_x12([express.Segment("NTE", "", "A~B")])
    with pytest.raises(faster.FasterError, match="segments to render"):
        express.to_x12(None)
    with pytest.raises(faster.FasterError, match="not an X12 segment"):
        express.to_x12([5])
    with pytest.raises(faster.FasterError, match="one character each"):
        express.to_x12([], element_sep="^^")
    # A signalling NaN used to raise decimal.InvalidOperation.
    express.to_x12(express.convert({"1": "I01", "42": Decimal("sNaN")}))


# -- 2. unencodable text is an error, never a "?" --------------------------


@pytest.mark.parametrize(
    ("text", "shown", "why"),
    [
        ("JOSÉ", r"'É' \(U\+00C9\)", "not ASCII"),
        ("ZOË", r"'Ë' \(U\+00CB\)", "not ASCII"),
        ("O\u2019NEIL", r"'\u2019' \(U\+2019\)", "not ASCII"),
        ("ANA\tMARIA", r"'\\t' \(U\+0009\)", "not displayable"),
        ("ANA\nMARIA", r"'\\n' \(U\+000A\)", "not displayable"),
        ("ANA\x7f", r"'\\x7f' \(U\+007F\)", "not displayable"),
        ("A~B", r"'~' \(U\+007E\)", "reserved as a SPEEDE/ExPRESS delimiter"),
        ("A^B", r"'\^' \(U\+005E\)", "reserved"),
        ("A`B", r"'`' \(U\+0060\)", "reserved"),
    ],
)
def test_unencodable_text_names_record_item_and_character(text, shown, why):
    for encode in (faster.encode, faster.codec._encode_reference):
        with pytest.raises(faster.FasterError) as caught:
            encode("I00", {"last_name": text})
        assert caught.match(r"^I00 item 9 \(Last Name\): cannot encode ")
        assert caught.match(shown) and caught.match(why)
    with pytest.raises(faster.FasterError, match=rf"I01 item 9 .*{shown}"):
        faster.encode("I01", {"legal_name": (text, "", "ANA")})  # a composite


# -- 3. what validation accepts round-trips; what would not is refused -----


LOCAL = 1011  # bytes before the local-use filler


@SETTINGS
@given(mutated_records())
def test_what_validation_accepts_comes_back_byte_for_byte(record):
    if faster.validate_record(record):
        return
    for by_item in (False, True):
        values = faster.decode(record, by_item=by_item)
        again = faster.encode(values["record_type"], values)
        assert again == record[:LOCAL] + b" " * 9


@SETTINGS
@given(st.data())
def test_encode_decode_encode_is_identity_for_what_validation_accepts(data):
    record_type = data.draw(st.sampled_from(RECORD_TYPES))
    text = st.text(string.printable, max_size=12)
    values = data.draw(
        st.dictionaries(_names(record_type), st.one_of(ANY, text), max_size=6)
    )
    record = only_faster_error(faster.encode, record_type, values)
    if record is None or faster.validate_record(record):
        return
    assert faster.encode(record_type, faster.decode(record)) == record


@SETTINGS
@given(valid_values(), st.integers(0, 19), st.sampled_from(b"0AZ.-\x00\xff"))
def test_a_byte_in_any_filler_is_refused_where_it_is(case, which, byte):
    record_type, values = case
    record = bytearray(faster.encode(record_type, values))
    assume(faster.validate_record(bytes(record)) == [])
    fillers = [f for f in faster.LAYOUTS[record_type].fields if f.is_filler]
    fld = fillers[which % len(fillers)]
    position = fld.start + which % fld.length
    record[position - 1] = byte
    issues = faster.validate_record(bytes(record), 4)
    if position > LOCAL:  # the sender's: accepted, and comes back blank
        assert issues == []
        values = faster.decode(bytes(record))
        assert faster.encode(record_type, values) == bytes(record[:LOCAL]) + b" " * 9
        return
    assert issues, "a record that would not come back was accepted"
    rule = "filler" if byte in b"0AZ.-" else "non-displayable"
    assert (issues[0].rule, issues[0].item) == (rule, fld.item)
    assert (issues[0].start, issues[0].end) == (position, position)


def test_non_blank_filler_is_refused_by_every_path(tmp_path):
    record = bytearray(i04(2024))
    record[13:15] = b"XY"  # item 3, bytes 14-15
    record[1010] = ord("Z")  # item 66, the filler of bytes 497-1011
    record[1017] = ord("L")  # local-use filler, byte 1018: the sender's
    record = bytes(record)
    want = [
        ("filler", "3", 14, 15, "XY"),
        ("filler", "66", 1011, 1011, "Z"),
    ]
    issues = faster.validate_record(record, 2)
    assert [(i.rule, i.item, i.start, i.end, i.value) for i in issues] == want
    assert str(issues[0]).startswith("record 2 (I04) item 3 bytes 14-15: value 'XY'")
    path = tmp_path / "f.fst"
    faster.write_records(path, [record])
    ((values, issues),) = faster.read_decoded(path)
    assert [(i.rule, i.item, i.start, i.end, i.value) for i in issues] == [
        (rule, item, start, end, value) for rule, item, start, end, value in want
    ]
    assert faster.encode("I04", values) != record  # why it is refused
    # A long filler alone (compared with spaces, not matched): both paths.
    record = i04(2024)[:1010] + b"Z" + i04(2024)[1011:]
    faster.write_records(path, [record])
    ((_, issues),) = faster.read_decoded(path)
    assert [(i.rule, i.item, i.start) for i in issues] == [("filler", "66", 1011)]
    assert faster.validate_record(record) == issues


@pytest.mark.parametrize("raw", [b"123       ", b"1200000001"[:9] + b" "])
def test_a_n_r_digits_not_zero_filled_are_refused(tmp_path, raw):
    record = bytes(bytearray(i01())[:3] + raw + i01()[13:])
    issues = faster.validate_record(record, 5)
    assert [(i.rule, i.item, i.start, i.end) for i in issues] == [
        ("right-justified", "2", 4, 13)
    ]
    assert "zero-filled" in issues[0].message
    path = tmp_path / "f.fst"
    faster.write_records(path, [record])
    assert [i.rule for _, found in faster.read_decoded(path) for i in found] == [
        "right-justified"
    ]
    values = faster.decode(record)
    assert faster.encode("I01", values) != record  # why it is refused
    # Leading blanks and letters come back as they are: accepted.
    for kept in (b"       123", b"A1234567  "):
        record = bytes(bytearray(i01())[:3] + kept + i01()[13:])
        assert faster.validate_record(record) == []
        assert faster.encode("I01", faster.decode(record)) == record


def test_issue_text_escapes_control_characters_of_the_record_type():
    record = b"\x1b[2" + i01()[3:]
    (issue,) = faster.validate_record(record)
    assert "\x1b" not in str(issue) and "\\x1b" in str(issue)


def test_a_record_failing_at_its_end_is_refused_at_once(tmp_path):
    """Atomic groups in the compiled patterns: a non-blank local filler after
    many blank items (I02, I08) must not make the regex try every way."""
    import signal

    def too_slow(*_):
        raise TimeoutError("the compiled patterns backtrack")

    records = []
    for record_type in ("I02", "I08", "I01"):
        record = faster.encode(record_type, prefix())
        records.append(record[: LOCAL - 1] + b"X" + record[LOCAL:])
    path = tmp_path / "f.fst"
    faster.write_records(path, records)
    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(20)
    try:
        found = [i.rule for _, issues in faster.read_decoded(path) for i in issues]
        found += [i.rule for r in records for i in faster.validate_record(r)]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert found.count("filler") == 6


def test_an_unknown_field_is_the_codecs_error_and_a_key_error():
    layout = faster.layout_for("I01")
    for name in ("nope", 999, ["x"], None):
        with pytest.raises(faster.FasterError, match="I01 has no field"):
            layout.field(name)
    with pytest.raises(KeyError):  # what a mapping's caller expects
        layout.field("nope")


def test_a_broken_code_list_is_the_codecs_error(tmp_path, monkeypatch):
    from faster import codesets

    (tmp_path / "fl.district.csv").write_text("id,name\nx,Twelve\n")  # no code
    (tmp_path / "fl.grade.level.csv").write_bytes(b"id,code,name\nx,\xff,Bad\n")
    monkeypatch.setenv("FASTER_CODES_DIR", str(tmp_path))
    try:
        with pytest.raises(faster.FasterError, match="fl.district.csv: no code column"):
            faster.validate_record(i04(2024))
        with pytest.raises(faster.FasterError, match="fl.grade.level.csv: 'utf-8'"):
            codesets.codes("fl.grade.level")
    finally:
        monkeypatch.delenv("FASTER_CODES_DIR")
        codesets.clear_cache()
