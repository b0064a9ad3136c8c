"""FASTER's edits, located: per record and per transcript.

Record edits: length; non-displayable bytes (FASTER allows them only in
1012-1020); the reserved ExPRESS delimiters ``~ ^ ` ``; required items; types
and date formats; code sets (the fl_state_codes lists). And what the codec
could not give back byte for byte: a filler that is not blank (decode does
not carry fillers, encode blanks them), and a right-justified item (A/N/R)
whose digits are not zero-filled. The filler reserved for local use (bytes
1012-1020) is the sender's, which FASTER lets hold anything: it is accepted,
and comes back blank, so a record round-trips byte for byte up to byte 1011.

Transcript edits: I00 first, I01 right after it, I02 after I01, I03 school
years ascending each followed by at most 40 I04 of its year, at most 5 I07
and 9 I08, and every data record agreeing with the header on district,
school and student number.
"""

import operator
import os
import re

from . import codesets
from .codec import ENCODING, parse_date, record_bytes
from .compiled import (
    is_coded,
    is_counted,
    is_right_text,
    is_zero_filled,
    placed,
    valid_body,
)
from .errors import FasterError, Issue
from .layout import (
    ALPHA,
    DISPLAYABLE,
    LOCAL_START,
    NUM,
    RECORD_LENGTH,
    TEXT,
)
from .layouts import LAYOUTS, record_type_of

_BAD_BYTES = re.compile(rb"[^\x20-\x7e]")
_RESERVED_RE = re.compile(rb"[~^`]")
_ALPHA_RE = re.compile(r"[A-Za-z ]*\Z")
MAX_I04_PER_YEAR = 40
MAX_I07 = 5
MAX_I08 = 9


def _issue(number, record_type, fld, value, rule, message):
    if fld is None:
        return Issue(number, record_type, "", 0, 0, value, rule, message)
    return Issue(
        number, record_type, fld.item, fld.start, fld.end, value, rule, message
    )


def _field_at(layout, position):
    for fld in layout.fields:
        if fld.start <= position <= fld.end:
            return fld
    return None


def _check_field(number, record_type, fld, text):
    """Issues of one field's raw text (already known displayable)."""
    blank = text.isspace()
    if blank:
        if fld.required:
            return [
                _issue(
                    number,
                    record_type,
                    fld,
                    text.strip(),
                    "required",
                    f"{fld.name} is required",
                )
            ]
        return []
    if fld.is_date:
        if text in fld.special:
            return []
        if parse_date(text, fld.fmt) is None:
            return [
                _issue(
                    number,
                    record_type,
                    fld,
                    text,
                    "date",
                    f"{fld.name} is not a valid {fld.fmt} date",
                )
            ]
        return []
    if fld.type == NUM:
        if not (text.isascii() and text.isdigit()):
            return [
                _issue(
                    number,
                    record_type,
                    fld,
                    text,
                    "numeric",
                    f"{fld.name} must be digits, right-justified and zero-filled",
                )
            ]
        return _code_issues(number, record_type, fld, text)
    if not is_zero_filled(fld, text):
        return [
            _issue(
                number,
                record_type,
                fld,
                text,
                "right-justified",
                f"{fld.name} must be right-justified and zero-filled "
                f"({text.rstrip(' ').rjust(fld.length, '0')!r}): its digits "
                "would come back so",
            )
        ]
    if fld.type == ALPHA and not _ALPHA_RE.match(text):
        return [
            _issue(
                number,
                record_type,
                fld,
                text,
                "alphabetic",
                f"{fld.name} must be letters only",
            )
        ]
    return _code_issues(number, record_type, fld, text)


def _check_filler(number, record_type, fld, text):
    """The issue of a filler that is not all spaces: decode does not carry
    fillers and encode blanks them, so such a record would not come back
    byte for byte. Not of the local-use filler, which FASTER leaves to the
    sender."""
    if fld.start == LOCAL_START or not text.strip(" "):
        return []
    first = len(text) - len(text.lstrip(" "))
    last = len(text.rstrip(" ")) - 1
    return [
        Issue(
            number,
            record_type,
            fld.item,
            fld.start + first,
            fld.start + last,
            text[first : last + 1],
            "filler",
            f"{fld.name} (bytes {fld.start}-{fld.end}) must be blank: the codec "
            "does not carry fillers, so the record would not come back byte for byte",
        )
    ]


def _code_issues(number, record_type, fld, text):
    """The issue of an item whose value is not in its code list, if any."""
    if not is_coded(fld):
        return []
    valid = codesets.codes(fld.codeset)
    code = text.strip()
    if valid is None or code in valid:
        return []
    return [
        _issue(
            number,
            record_type,
            fld,
            code,
            "code",
            f"{code!r} is not a code of {fld.codeset}",
        )
    ]


# -- the fast path ----------------------------------------------------------
# A valid record (the usual case) is recognised in a few C calls, all derived
# from the layout table once (_FastCheck). Only a record that fails it takes
# the field-by-field path above, which says what is wrong and where. The fast
# path never decides a record is valid when the slow path would find an issue:
# tests/unit/test_faster_fast_paths.py checks both verdicts agree.

# os.environ.get costs a microsecond a record; its underlying dict does not.
try:
    _environ_get = os.environ._data.get
    _CODES_KEY = os.environ.encodekey(codesets.ENV)
except AttributeError:  # not CPython's os._Environ
    _environ_get = os.environ.get
    _CODES_KEY = codesets.ENV


def _fast_pattern(fld):
    """What the field-by-field edits accept in a field, as a regex (bytes
    already known displayable): None when any displayable text will do."""
    n = fld.length
    if fld.is_filler:  # the local-use one holds anything
        return None if fld.start == LOCAL_START else f" {{{n}}}"
    body = valid_body(fld)  # dates: by the set lookup of valid()
    if fld.required and is_right_text(fld):  # its body is never blank
        return body
    if fld.required:
        return f"(?! {{{n}}})" + (body or f".{{{n}}}")
    if body is None:
        return None
    return f"(?> {{{n}}}|{body})"


class _FastCheck:
    """One layout's validity test: bytes displayable (``bytes.translate``),
    one regex for required, numeric and alphabetic items, then each date and
    coded item's bytes looked up in a set of accepted values: a code list's
    codes as they can stand in the item, the dates already found valid."""

    def __init__(self, layout):
        parts, skip = [], 0
        self.blanks = []  # (spaces, start) of long fillers: a memcmp each
        for fld in layout.fields:
            if is_counted(fld):
                self.blanks.append((b" " * fld.length, fld.start - 1))
                part = None  # a memcmp beats a regex over hundreds of bytes
            else:
                part = _fast_pattern(fld)
            if part is None:
                skip += fld.length
                continue
            if skip:
                parts.append(f".{{{skip}}}")
                skip = 0
            parts.append(part)
        self.match = re.compile("".join(parts).encode(), re.DOTALL).match
        self.dates = [f for f in layout.data_fields if f.is_date]
        self.coded = [f for f in layout.data_fields if is_coded(f)]
        self.lookups = {}  # $FASTER_CODES_DIR -> (getter, fields, sets, generation)

    def lookup(self):
        """(getter, fields, accepted-value sets) for the current code lists."""
        env = _environ_get(_CODES_KEY)
        found = self.lookups.get(env)
        if found is None or found[3] != codesets.generation:
            fields, sets = [], []
            for fld in self.dates:
                fields.append(fld)
                sets.append({b" " * fld.length, *(s.encode() for s in fld.special)})
            for fld in self.coded:
                valid = codesets.codes(fld.codeset)
                if valid is not None:
                    fields.append(fld)
                    sets.append(_placed(valid, fld.length))
            found = (_getter(fields), fields, sets, codesets.generation)
            self.lookups[env] = found
        return found

    def valid(self, data):
        if data[: LOCAL_START - 1].translate(None, DISPLAYABLE):
            return False
        if self.match(data) is None:
            return False
        for spaces, start in self.blanks:
            if not data.startswith(spaces, start):
                return False
        getter, fields, sets, _ = self.lookup()
        if all(map(operator.contains, sets, getter(data))):
            return True
        return self._dates_valid(data, fields, sets)

    @staticmethod
    def _dates_valid(data, fields, sets):
        """The lookup failed: a date not seen yet, or a wrong value."""
        for fld, accepted in zip(fields, sets, strict=False):
            raw = data[fld.start - 1 : fld.end]
            if raw in accepted:
                continue
            if not fld.is_date or raw.isspace():
                return False
            if parse_date(raw.decode(ENCODING), fld.fmt) is None:
                return False
            if len(accepted) < _DATES_REMEMBERED:
                accepted.add(raw)
        return True


_DATES_REMEMBERED = 4096  # valid dates a date item's set keeps, at most


def _placed(codes, length):
    """Every ``length``-byte value that strips to one of ``codes``, or blank
    (compiled.placed's values, padded back to the item's bytes)."""
    return frozenset(
        (value or "").ljust(length).encode(ENCODING) for value in placed(codes, length)
    )


def _getter(fields):
    """data -> tuple of the fields' bytes (``()`` for no field)."""
    slices = [slice(f.start - 1, f.end) for f in fields]
    if not slices:
        return lambda data: ()
    if len(slices) == 1:
        slices.append(slice(0, 0))  # a tuple even for one field
    return operator.itemgetter(*slices)


_FAST = {}
_BY_HEAD = {}  # b"I04" -> its layout's _FastCheck (G99 subtypes aside)


def _fast_check(layout):
    fast = _FAST.get(id(layout))
    if fast is None:
        fast = _FAST[id(layout)] = _FastCheck(layout)
    return fast


def validate_record(data, record_number=1):
    """Every issue of one record (an empty list when it is valid).

    ``data`` is bytes (or a str read in latin-1); anything else raises
    FasterError, as does a str character that is not a byte.
    """
    fast = None
    if data.__class__ is bytes and len(data) == RECORD_LENGTH:
        fast = _BY_HEAD.get(data[:3])
        if fast is not None and fast.valid(data):
            return []
    else:
        data = record_bytes(data)
    record_type = record_type_of(data) if len(data) >= 3 else ""
    if len(data) != RECORD_LENGTH:
        return [
            Issue(
                record_number,
                record_type,
                "",
                1,
                len(data),
                "",
                "length",
                f"the record is {len(data)} bytes, not {RECORD_LENGTH}",
            )
        ]
    layout = LAYOUTS.get(record_type)
    if layout is None:
        return [
            Issue(
                record_number,
                record_type,
                "1",
                1,
                3,
                record_type,
                "record-type",
                f"unknown record type {record_type!r}",
            )
        ]
    if fast is None:  # not checked above
        fast = _fast_check(layout)
        if not record_type.startswith("G99"):
            _BY_HEAD[record_type.encode()] = fast
        if fast.valid(data):
            return []
    issues = []
    body = data[: LOCAL_START - 1]
    broken = set()
    if _BAD_BYTES.search(body):
        for match in _BAD_BYTES.finditer(body):
            position = match.start() + 1
            fld = _field_at(layout, position)
            broken.add(fld)
            issues.append(
                Issue(
                    record_number,
                    record_type,
                    fld.item if fld else "",
                    position,
                    position,
                    f"\\x{data[position - 1]:02x}",
                    "non-displayable",
                    "non-displayable byte (only allowed in 1012-1020, local filler)",
                )
            )
    if _RESERVED_RE.search(body):
        for match in _RESERVED_RE.finditer(body):
            position = match.start() + 1
            fld = _field_at(layout, position)
            broken.add(fld)
            issues.append(
                Issue(
                    record_number,
                    record_type,
                    fld.item if fld else "",
                    position,
                    position,
                    chr(data[position - 1]),
                    "reserved",
                    "~ ^ and ` are reserved as SPEEDE/ExPRESS delimiters",
                )
            )
    text = data.decode(ENCODING)
    for fld in layout.fields:
        if fld in broken:
            continue
        raw = text[fld.start - 1 : fld.end]
        if fld.is_filler:
            issues.extend(_check_filler(record_number, record_type, fld, raw))
            continue
        issues.extend(_check_field(record_number, record_type, fld, raw))
    issues.sort(key=lambda issue: issue.start)
    return issues


# -- transcript ---------------------------------------------------------------

_PREFIX_ITEMS = (("2", 4, 13), ("4", 16, 17), ("5", 18, 21))


def _transcript_issue(
    number, record_type, rule, message, item="", start=0, end=0, value=""
):
    return Issue(number, record_type, item, start, end, value, rule, message)


def validate_transcript(records, first_record_number=1):
    """Record and order issues of one student's transcript (header first)."""
    issues = []
    try:
        records = [record_bytes(r) for r in records]
    except TypeError:  # not iterable
        raise FasterError(
            f"a transcript is a sequence of records, not {type(records).__name__}"
        ) from None
    if not isinstance(first_record_number, int):
        raise FasterError(
            f"a record number is an int, not {type(first_record_number).__name__}"
        )
    types = [record_type_of(r)[:3] if len(r) >= 3 else "" for r in records]
    for offset, data in enumerate(records):
        issues.extend(validate_record(data, first_record_number + offset))
    if not records:
        return [
            _transcript_issue(first_record_number, "", "order", "an empty transcript")
        ]
    number = first_record_number
    if types[0][1:] != "00":
        issues.append(
            _transcript_issue(
                number, types[0], "order", "a transcript starts with its header (I00)"
            )
        )
        return issues
    header = records[0]
    if len(records) > 1 and types[1][1:] != "01":
        issues.append(
            _transcript_issue(
                number + 1, types[1], "order", "the I01 record must follow the header"
            )
        )
    if "I02" in types or "S02" in types:
        position = next(i for i, t in enumerate(types) if t[1:] == "02")
        if position != 2:
            issues.append(
                _transcript_issue(
                    number + position,
                    types[position],
                    "order",
                    "the I02 record must follow the I01 record",
                )
            )
    issues.extend(_check_years(records, types, number))
    for suffix, limit in (("07", MAX_I07), ("08", MAX_I08)):
        count = sum(1 for t in types if t[1:] == suffix)
        if count > limit:
            issues.append(
                _transcript_issue(
                    number,
                    f"I{suffix}",
                    "count",
                    f"{count} I{suffix} records, at most {limit} allowed",
                )
            )
    issues.extend(_check_identity(header, records, types, number))
    return issues


def _year(data, start, end):
    return data[start - 1 : end].decode(ENCODING)


def _check_years(records, types, number):
    issues = []
    last_year = None
    current_year = None
    courses = 0
    for index, (data, rtype) in enumerate(zip(records, types, strict=True)):
        if len(data) != RECORD_LENGTH:
            continue
        if rtype[1:] == "03":
            year = _year(data, 28, 35)
            if last_year is not None and year <= last_year:
                issues.append(
                    _transcript_issue(
                        number + index,
                        rtype,
                        "order",
                        f"school year {year} after {last_year}: I03 years must ascend",
                        "7",
                        28,
                        35,
                        year,
                    )
                )
            last_year = current_year = year
            courses = 0
        elif rtype[1:] == "04":
            year = _year(data, 59, 66)
            previous = types[index - 1][1:] if index else ""
            if previous not in ("03", "04") or year != current_year:
                issues.append(
                    _transcript_issue(
                        number + index,
                        rtype,
                        "order",
                        "an I04 follows the I03 or I04 of its own school year",
                        "10",
                        59,
                        66,
                        year,
                    )
                )
            courses += 1
            if courses == MAX_I04_PER_YEAR + 1:
                issues.append(
                    _transcript_issue(
                        number + index,
                        rtype,
                        "count",
                        f"more than {MAX_I04_PER_YEAR} I04 records in {current_year}",
                    )
                )
    return issues


def _check_identity(header, records, types, number):
    """Data records agree with the header: student, district and school."""
    if len(header) != RECORD_LENGTH:
        return []
    student = header[3:13]
    sending = header[24:35].decode(ENCODING)
    district = sending[5:7]
    school = sending[7:11]
    expected = {"2": student.decode(ENCODING), "4": district, "5": school}
    issues = []
    for index, (data, rtype) in enumerate(zip(records, types, strict=True)):
        if index == 0 or rtype.startswith("G99") or len(data) != RECORD_LENGTH:
            continue
        for item, start, end in _PREFIX_ITEMS:
            value = data[start - 1 : end].decode(ENCODING)
            if value != expected[item]:
                issues.append(
                    _transcript_issue(
                        number + index,
                        rtype,
                        "header",
                        f"item {item} must match the header ({expected[item]!r})",
                        item,
                        start,
                        end,
                        value,
                    )
                )
    return issues


__all__ = ["TEXT", "validate_record", "validate_transcript"]
