"""Encode a mapping to a 1020-byte FASTER record, and decode one back.

Both derive from the layout tables. Decoding is faithful: text keeps its
leading blanks (only trailing blanks are dropped), and a value that is not of
its item's form (a letter in a number, a date that is not a date, the
``EXEMPT`` of an immunization slot) comes back as the raw text, so that
decode -> encode gives back the very same bytes for any record. Blank items
decode to None. Validation (validate.py) says what is wrong and where.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal

from . import compiled
from .errors import FasterError, char_name, shown
from .layout import (
    CCYYCCYY,
    CCYYMMDD,
    DISPLAYABLE,
    MMCCYY,
    MMDDCCYY,
    NUM,
    RECORD_LENGTH,
)
from .layouts import LAYOUTS, record_type_of

ENCODING = "latin-1"  # decode any byte; encode() writes displayable ASCII only


def layout_for(record_type):
    try:
        return LAYOUTS[record_type]
    except (KeyError, TypeError):  # TypeError: unhashable, a list say
        raise FasterError(f"unknown FASTER record type {shown(record_type)}") from None


def record_bytes(data):
    """``data`` as one record's bytes: bytes-like as it is, a str as read in
    latin-1 (one character a byte). A character that is not a byte, or any
    other type, is refused: never replaced by ``?``."""
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    if isinstance(data, str):
        try:
            return data.encode(ENCODING)
        except UnicodeEncodeError as error:
            raise FasterError(
                f"a FASTER record is bytes: character {char_name(data[error.start])} "
                f"at byte {error.start + 1} is not one"
            ) from None
    raise FasterError(f"a FASTER record is bytes, not {type(data).__name__}")


# -- decoding -----------------------------------------------------------------


def _is_digits(text):
    return text.isascii() and text.isdigit()


def parse_date(text, fmt):
    """A date (or for CCYYCCYY a (start, end) year pair) or None if invalid."""
    if not _is_digits(text):
        return None
    try:
        if fmt == MMDDCCYY:
            return datetime.date(int(text[4:]), int(text[:2]), int(text[2:4]))
        if fmt == CCYYMMDD:
            return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if fmt == MMCCYY:
            return datetime.date(int(text[2:]), int(text[:2]), 1)
    except ValueError:
        return None
    if fmt == CCYYCCYY:
        start, end = int(text[:4]), int(text[4:])
        return (start, end) if end == start + 1 else None
    return None


def converter(fld):
    """raw text -> typed value of a number, date or composite item: None
    when blank, the raw text when it is not of the item's form."""
    if fld.parts:
        cuts = []
        position = 0
        for _key, length in fld.parts:
            cuts.append((position, position + length))
            position += length

        def decode_parts(text):
            if text.isspace():
                return None
            return tuple(text[a:b].rstrip() for a, b in cuts)

        return decode_parts
    if fld.is_date:
        fmt = fld.fmt

        def decode_date(text):
            if text.isspace():
                return None
            value = parse_date(text, fmt)
            if value is None:
                return text
            return value

        return decode_date
    if fld.type == NUM:
        decimals = fld.decimals

        def decode_number(text):
            if text.isspace():
                return None
            if not _is_digits(text):
                return text
            if decimals:
                return Decimal(text).scaleb(-decimals)
            return int(text)

        return decode_number

    def decode_text(text):
        text = text.rstrip()
        return text or None

    return decode_text


# The fast decoder is generated from the layout table (compiled.py): one
# regular expression slices every item that is not blank, and a function
# written once from the table fills the result. The reference decoder
# (_decode_reference, which the tests compare it with) does the same a field
# at a time; both convert numbers, dates and composite items with converter()
# above, so they cannot disagree on those.

_DECODERS = {}  # (id(layout), by_item) -> its generated decoder


def decoder_for(layout, by_item=False):
    """The generated decoder of a layout: (text, pos, record_type) -> values."""
    found = _DECODERS.get((id(layout), by_item))
    if found is None:
        found = _DECODERS[id(layout), by_item] = compiled.build(
            layout, by_item, converter
        )
    return found


def _check_length(data):
    data = record_bytes(data)
    if len(data) != RECORD_LENGTH:
        raise FasterError(
            f"a FASTER record is {RECORD_LENGTH} bytes, this one is {len(data)}"
        )
    return data


_BY_HEAD = ({}, {})  # by_item -> {record type: its decoder}, G99 subtypes aside


def decode(data, by_item=False):
    """Typed values of a record, keyed by field key (or by DOE item number).

    The result has ``record_type`` too. Raises FasterError for a record that
    is not 1020 bytes or whose type is unknown.
    """
    if data.__class__ is not bytes or len(data) != RECORD_LENGTH:
        data = _check_length(data)
    text = data.decode(ENCODING)
    by_head = _BY_HEAD[1 if by_item else 0]
    head = text[:3]
    found = by_head.get(head)
    if found is not None:
        return found(text, 0, head)
    record_type = record_type_of(data)
    found = decoder_for(layout_for(record_type), by_item)
    if not record_type.startswith("G99"):
        by_head[record_type] = found
    return found(text, 0, record_type)


def _decode_reference(data, by_item=False):
    """decode(), a field at a time: the definition the fast decoder must match."""
    data = _check_length(data)
    record_type = record_type_of(data)
    layout = layout_for(record_type)
    text = data.decode(ENCODING)
    values = {"record_type": record_type}
    for fld in layout.data_fields:
        name = fld.item if by_item else fld.key
        values[name] = converter(fld)(text[fld.start - 1 : fld.end])
    values["record_type"] = record_type
    return values


# -- encoding -----------------------------------------------------------------


def _cannot(fld, value, why=""):
    return FasterError(
        f"item {fld.item} ({fld.name}): cannot write {shown(value)} "
        f"({type(value).__name__}){': ' + why if why else ''}"
    )


def _year(value):
    """A school year's start or end: an int 0-9999 (not a bool)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("a school year is a year or a (start, end) pair of years")
    if not 0 <= value <= 9999:
        raise ValueError("does not fit in 8 bytes (years 0-9999)")
    return value


def _format_date(value, fmt):
    if fmt == CCYYCCYY:
        if isinstance(value, datetime.date):
            start = value.year if value.month >= 7 else value.year - 1
            end = start + 1
        elif isinstance(value, tuple | list) and len(value) == 2:
            start, end = _year(value[0]), _year(value[1])
        else:
            start = _year(value)
            end = _year(start + 1)
        return f"{start:04d}{end:04d}"
    if not isinstance(value, datetime.date):
        raise TypeError
    if fmt == MMDDCCYY:
        return value.strftime("%m%d") + f"{value.year:04d}"
    if fmt == CCYYMMDD:
        return f"{value.year:04d}" + value.strftime("%m%d")
    return value.strftime("%m") + f"{value.year:04d}"  # MMCCYY


def _format_number(value, fld, length):
    """``value`` right-justified, zero-filled, its implied decimals shifted
    in; anything that is not a finite number that fits is refused."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise _cannot(fld, value)
    try:
        number = Decimal(value)
        if not number.is_finite():
            raise _cannot(fld, value, "not a finite number")
        number = number.scaleb(fld.decimals)
        whole = number == number.to_integral_value()
    except ArithmeticError:  # beyond the decimal context's exponents
        raise _cannot(fld, value, f"does not fit in {length} bytes") from None
    if not whole:
        raise FasterError(
            f"item {fld.item} ({fld.name}): {shown(value)} has more than "
            f"{fld.decimals} decimals"
        )
    if number < 0:
        raise FasterError(f"item {fld.item} ({fld.name}): {shown(value)} is negative")
    if number >= 10**length:
        raise FasterError(
            f"item {fld.item} ({fld.name}): {shown(value)} does not fit in "
            f"{length} bytes"
        )
    return str(int(number)).rjust(length, "0")


def _format_text(text, fld, length, right):
    if not text.isascii():
        char = next(c for c in text if not c.isascii())
        raise FasterError(
            f"item {fld.item} ({fld.name}): cannot encode {char_name(char)} in "
            f"{shown(text)}: not ASCII (FASTER carries displayable ASCII only)"
        )
    if len(text) > length:
        raise FasterError(
            f"item {fld.item} ({fld.name}): {shown(text)} is longer than {length} bytes"
        )
    if right and _is_digits(text):
        return text.rjust(length, "0")
    return text.ljust(length)


def _format_parts(fld, value):
    """A composite item from a sequence of its parts, or a mapping of its
    part names (an unknown name is refused: it would be lost)."""
    names = [key for key, _ in fld.parts]
    if isinstance(value, dict):
        unknown = [name for name in value if name not in names]
        if unknown:
            raise FasterError(
                f"item {fld.item} ({fld.name}): no part {shown(unknown[0])} "
                f"(its parts: {', '.join(names)})"
            )
        value = [value.get(key) for key in names]
    if len(value) > len(fld.parts):
        raise FasterError(
            f"item {fld.item} ({fld.name}): {len(value)} parts, "
            f"at most {len(fld.parts)}"
        )
    value = list(value) + [None] * (len(fld.parts) - len(value))
    out = []
    for (_key, length), part in zip(fld.parts, value, strict=True):
        if part is None or (isinstance(part, str) and not part):
            out.append(" " * length)
        elif isinstance(part, str):
            out.append(_format_text(part, fld, length, fld.type == NUM))
        else:  # a number, zero-filled (_format_number refuses the rest)
            out.append(_format_number(part, fld, length))
    return "".join(out)


def _encode_field(fld, value):
    if value is None or (isinstance(value, str) and not value):
        return " " * fld.length
    if fld.parts:
        if isinstance(value, dict | list | tuple):
            return _format_parts(fld, value)
        if isinstance(value, str):
            return _format_text(value, fld, fld.length, False)
        raise _cannot(fld, value)
    if isinstance(value, str):
        return _format_text(value, fld, fld.length, fld.right or fld.type == NUM)
    problem = None
    try:
        if fld.is_date:
            text = _format_date(value, fld.fmt)
            if len(text) != fld.length:
                raise FasterError(
                    f"item {fld.item} ({fld.name}): {shown(value)} does not fit in "
                    f"{fld.length} bytes"
                )
            return text
        if fld.type == NUM or isinstance(value, int | Decimal):
            return _format_number(value, fld, fld.length)
    except FasterError:
        raise
    except (TypeError, ValueError, ArithmeticError) as error:
        problem = error
    raise _cannot(fld, value, str(problem) if problem and problem.args else "")


def _refuse_undisplayable(layout, record, record_type):
    """FasterError naming the first item of ``record`` (ASCII bytes) holding
    a byte FASTER does not carry: a control character or ~ ^ `."""
    position = next(i for i, byte in enumerate(record) if byte not in DISPLAYABLE)
    fld = next(f for f in layout.fields if f.start <= position + 1 <= f.end)
    text = record[fld.start - 1 : fld.end].decode(ENCODING).rstrip(" ")
    char = chr(record[position])
    why = (
        "reserved as a SPEEDE/ExPRESS delimiter"
        if char in "~^`"
        else "not displayable (FASTER carries displayable ASCII only)"
    )
    return FasterError(
        f"{record_type} item {fld.item} ({fld.name}): cannot encode "
        f"{char_name(char)} in {shown(text)}: {why}"
    )


def _values_of(values, record_type):
    if isinstance(values, dict):
        return values
    if isinstance(values, Mapping):
        return dict(values)
    raise FasterError(
        f"{shown(record_type)}: the values are a mapping of item to value, "
        f"not {type(values).__name__}"
    )


# The fast encoder: each layout's fields are numbered once; a record is a list
# of one string a field (blanks to start with), joined once. Common values
# (text, ints, dates, school years, decimals already seen) are formatted in
# line; anything else, and every refusal, goes to _encode_field, the same
# function the reference encoder (_encode_reference) uses for every item.
# Both then check the whole record's bytes once, for control characters and
# the reserved ~ ^ ` (bytes.translate: one C pass, not one a value).

_LEFT, _RIGHT, _PARTS, _MMDDCCYY, _CCYYMMDD, _MMCCYY, _CCYYCCYY = range(7)
_DATE_KINDS = {MMDDCCYY: _MMDDCCYY, CCYYMMDD: _CCYYMMDD, MMCCYY: _MMCCYY,
               CCYYCCYY: _CCYYCCYY}  # fmt: skip
_DECIMALS_REMEMBERED = 1024  # formatted Decimal values kept a field, at most


class _EncodePlan:
    def __init__(self, layout):
        self.layout = layout
        self.blanks = [" " * fld.length for fld in layout.fields]
        self.index = {fld.key: i for i, fld in enumerate(layout.fields) if fld.key}
        entries = {}
        for fld in layout.data_fields:
            if fld.parts:
                kind = _PARTS
            elif fld.is_date:
                kind = _DATE_KINDS[fld.fmt]
            elif fld.right or fld.type == NUM:
                kind = _RIGHT
            else:
                kind = _LEFT
            entries[fld.key] = (
                self.index[fld.key],
                fld.length,
                kind,
                fld,
                10**fld.decimals,
                {},  # Decimal value -> its formatted text
                10 ** max(fld.length - fld.decimals, 0),  # ints below fit
            )
        lookup = {item: entries[fld.key] for item, fld in layout.by_item.items()}
        lookup.update(entries)  # a key wins over an item number, as in field()
        del lookup["record_type"]  # encode() sets it from its argument
        self.lookup = lookup
        self.record_type_index = self.index["record_type"]

    def fallback(self, name):
        """(index, field) of a name the lookup does not know (an int item
        number, say), or FasterError."""
        try:
            fld = self.layout.field(name)
        except KeyError:
            raise FasterError(f"has no field {shown(name)}") from None
        return self.index[fld.key], fld


_ENCODE_PLANS = {}


def _plan(record_type):
    try:
        return _ENCODE_PLANS[record_type]
    except KeyError:
        plan = _EncodePlan(layout_for(record_type))
    except TypeError:  # unhashable
        layout_for(record_type)  # raises FasterError
    _ENCODE_PLANS[record_type] = plan
    return plan


def encode(record_type, values):
    """Exactly 1020 bytes: space-initialised, each item formatted by its type.

    ``values`` maps field keys or DOE item numbers to values; unknown names
    raise FasterError (a misspelt key must not silently lose data), and so
    does text FASTER cannot carry (not displayable ASCII, or ~ ^ `): never
    a ``?`` in its place.
    """
    plan = _plan(record_type)
    if values.__class__ is not dict:
        values = _values_of(values, record_type)
    try:
        pieces = _pieces(plan, values)
    except FasterError as error:
        raise FasterError(f"{record_type} {error}") from None
    pieces[plan.record_type_index] = record_type[:3]
    if record_type.startswith("G99") and "subtype" not in values and "2" not in values:
        pieces[plan.index["subtype"]] = _encode_field(
            plan.layout.by_key["subtype"], record_type[3:]
        )
    record = "".join(pieces).encode("ascii")
    if record.translate(None, DISPLAYABLE):
        raise _refuse_undisplayable(plan.layout, record, record_type)
    return record


def _pieces(plan, values):  # noqa: C901 - inlined: a call an item costs
    """encode()'s text of each field of ``plan``, from ``values``."""
    pieces = plan.blanks.copy()
    lookup = plan.lookup
    for name, value in values.items():
        entry = lookup.get(name)
        if entry is None:
            if name != "record_type":
                index, fld = plan.fallback(name)
                pieces[index] = _encode_field(fld, value)
            continue
        index, length, kind, fld, scale, decimals, bound = entry
        cls = value.__class__
        if cls is str:
            if len(value) <= length and value.isascii():
                if kind == _LEFT or kind == _PARTS or not value.isdigit():
                    pieces[index] = value.ljust(length)
                else:
                    pieces[index] = value.rjust(length, "0")
                continue
        elif value is None:
            pieces[index] = plan.blanks[index]
            continue
        elif cls is int:
            if kind <= _RIGHT and 0 <= value < bound:
                pieces[index] = str(value * scale).rjust(length, "0")
                continue
        elif cls is Decimal:
            if kind <= _RIGHT and value.is_finite():
                text = decimals.get(value)
                if text is None:
                    text = _encode_field(fld, value)
                    if len(decimals) < _DECIMALS_REMEMBERED:
                        decimals[value] = text
                pieces[index] = text
                continue
        elif cls is datetime.date:
            if kind == _MMDDCCYY:
                pieces[index] = "%02d%02d%04d" % (value.month, value.day, value.year)  # noqa: UP031
                continue
            if kind == _CCYYMMDD:
                pieces[index] = "%04d%02d%02d" % (value.year, value.month, value.day)  # noqa: UP031
                continue
            if kind == _MMCCYY:
                pieces[index] = "%02d%04d" % (value.month, value.year)  # noqa: UP031
                continue
        elif cls is tuple and kind == _CCYYCCYY and len(value) == 2:
            start, end = value
            if (
                start.__class__ is int
                and end.__class__ is int
                and 0 <= start <= 9999
                and 0 <= end <= 9999
            ):
                pieces[index] = "%04d%04d" % value  # noqa: UP031
                continue
        pieces[index] = _encode_field(fld, value)
    return pieces


def _encode_reference(record_type, values):
    """encode(), a field at a time: the definition the fast encoder must match."""
    layout = layout_for(record_type)
    given = dict(_values_of(values, record_type))
    buffer = [" "] * RECORD_LENGTH
    record_type_field = layout.fields[0]
    given.pop("record_type", None)
    try:
        for name, value in given.items():
            try:
                fld = layout.field(name)
            except KeyError:
                raise FasterError(f"has no field {shown(name)}") from None
            text = _encode_field(fld, value)
            buffer[fld.start - 1 : fld.end] = text
    except FasterError as error:
        raise FasterError(f"{record_type} {error}") from None
    buffer[: record_type_field.length] = record_type[:3]
    if record_type.startswith("G99") and "subtype" not in given and "2" not in given:
        fld = layout.by_key["subtype"]
        buffer[fld.start - 1 : fld.end] = _encode_field(fld, record_type[3:])
    record = "".join(buffer).encode("ascii")
    if record.translate(None, DISPLAYABLE):
        raise _refuse_undisplayable(layout, record, record_type)
    return record
