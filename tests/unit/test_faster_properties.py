"""Property tests: valid records round-trip; random bytes only raise FasterError."""

import datetime
import string
from decimal import Decimal

import faster
from faster import codesets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PRINTABLE = "".join(c for c in string.printable[:95] if c not in "~^`")
RECORD_TYPES = sorted(faster.LAYOUTS)


def _value(fld):
    """A strategy of valid values for one field."""
    if fld.codeset:
        codes = sorted(
            c for c in codesets.codes(fld.codeset) or () if len(c) <= fld.length
        )
        return st.sampled_from(codes or [None])
    if fld.is_date:
        if fld.fmt == "CCYYCCYY":
            return st.integers(1990, 2090).map(lambda y: (y, y + 1))
        dates = st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31))
        if fld.fmt == "MMCCYY":
            return dates.map(lambda d: d.replace(day=1))
        return dates
    if fld.parts:
        return st.none()
    if fld.type == "N":
        numbers = st.integers(0, 10**fld.length - 1)
        if fld.decimals:
            return numbers.map(lambda n: Decimal(n).scaleb(-fld.decimals))
        return numbers
    if fld.type == "A":
        return st.text(string.ascii_uppercase, min_size=1, max_size=fld.length)
    text = st.text(PRINTABLE, min_size=1, max_size=fld.length)
    return text.filter(lambda t: t.strip() == t and t)


@st.composite
def valid_values(draw):
    record_type = draw(st.sampled_from(RECORD_TYPES))
    layout = faster.LAYOUTS[record_type]
    values = {}
    for fld in layout.data_fields[1:]:
        if fld.key == "subtype":  # G99: given by the record type
            continue
        if fld.required or draw(st.booleans()):
            values[fld.key] = draw(_value(fld))
    return record_type, values


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_values())
def test_encode_decode_encode_is_byte_identical(case):
    record_type, values = case
    record = faster.encode(record_type, values)
    assert len(record) == 1020
    again = faster.encode(record_type, faster.decode(record))
    assert again == record
    by_item = faster.encode(record_type, faster.decode(record, by_item=True))
    assert by_item == record


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=0, max_size=1100))
def test_random_bytes_raise_only_faster_error(data):
    try:
        faster.decode(data)
    except faster.FasterError:
        pass
    issues = faster.validate_record(data)
    assert all(isinstance(issue, faster.Issue) for issue in issues)
    faster.validate_transcript([data, data])


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(RECORD_TYPES), st.binary(min_size=1017, max_size=1017))
def test_random_body_of_a_known_type(record_type, body):
    data = record_type[:3].encode() + body
    faster.validate_record(data)
    try:
        values = faster.decode(data)
        again = faster.encode(values["record_type"], values)
    except faster.FasterError:
        return
    # Fillers are not data (encode blanks them): the data items survive.
    assert faster.decode(again) == values
