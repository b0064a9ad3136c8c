"""Encode a mapping to a 1020-byte FASTER record, and decode one back.

Both derive from the layout tables. Decoding is faithful: text keeps its
leading blanks (only trailing blanks are dropped), and a value that is not of
its item's form (a letter in a number, a date that is not a date, the
``EXEMPT`` of an immunization slot) comes back as the raw text, so that
decode -> encode gives back the very same bytes for any record. Blank items
decode to None. Validation (validate.py) says what is wrong and where.
"""

import datetime
from decimal import Decimal

from . import compiled
from .errors import FasterError
from .layout import (
    CCYYCCYY,
    CCYYMMDD,
    MMCCYY,
    MMDDCCYY,
    NUM,
    RECORD_LENGTH,
)
from .layouts import LAYOUTS, record_type_of

ENCODING = "latin-1"  # decode any byte; encode() accepts ASCII only


def layout_for(record_type):
    try:
        return LAYOUTS[record_type]
    except KeyError:
        raise FasterError(f"unknown FASTER record type {record_type!r}") from None


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
    if isinstance(data, str):
        data = data.encode(ENCODING, "replace")
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


def _format_date(value, fmt):
    if fmt == CCYYCCYY:
        if isinstance(value, tuple | list):
            start, end = value
        elif isinstance(value, datetime.date):
            start = value.year if value.month >= 7 else value.year - 1
            end = start + 1
        else:
            start = int(value)
            end = start + 1
        return f"{int(start):04d}{int(end):04d}"
    if not isinstance(value, datetime.date):
        raise TypeError
    if fmt == MMDDCCYY:
        return value.strftime("%m%d") + f"{value.year:04d}"
    if fmt == CCYYMMDD:
        return f"{value.year:04d}" + value.strftime("%m%d")
    return value.strftime("%m") + f"{value.year:04d}"  # MMCCYY


def _format_number(value, fld, length):
    if isinstance(value, bool):
        raise TypeError
    number = Decimal(value).scaleb(fld.decimals)
    if number != number.to_integral_value():
        raise FasterError(
            f"item {fld.item} ({fld.name}): {value} has more than "
            f"{fld.decimals} decimals"
        )
    number = int(number)
    if number < 0:
        raise FasterError(f"item {fld.item} ({fld.name}): {value} is negative")
    text = str(number).rjust(length, "0")
    if len(text) > length:
        raise FasterError(
            f"item {fld.item} ({fld.name}): {value} does not fit in {length} bytes"
        )
    return text


def _format_text(value, fld, length, right):
    text = str(value)
    if not text.isascii():
        raise FasterError(
            f"item {fld.item} ({fld.name}): {text!r} has non-ASCII characters"
        )
    if len(text) > length:
        raise FasterError(
            f"item {fld.item} ({fld.name}): {text!r} is longer than {length} bytes"
        )
    if right and _is_digits(text):
        return text.rjust(length, "0")
    return text.ljust(length)


def _encode_field(fld, value):
    if value is None or value == "":
        return " " * fld.length
    if fld.parts:
        if isinstance(value, dict):
            value = [value.get(key) for key, _ in fld.parts]
        if isinstance(value, list | tuple):
            if len(value) > len(fld.parts):
                raise FasterError(
                    f"item {fld.item} ({fld.name}): {len(value)} parts, "
                    f"at most {len(fld.parts)}"
                )
            value = list(value) + [None] * (len(fld.parts) - len(value))
            out = []
            for (_key, length), part in zip(fld.parts, value, strict=True):
                if part is None or part == "":
                    out.append(" " * length)
                elif fld.type == NUM and not isinstance(part, str):
                    out.append(_format_number(part, fld, length))
                else:
                    out.append(_format_text(part, fld, length, fld.type == NUM))
            return "".join(out)
        return _format_text(value, fld, fld.length, False)
    if isinstance(value, str):
        return _format_text(value, fld, fld.length, fld.right or fld.type == NUM)
    problem = None
    try:
        if fld.is_date:
            text = _format_date(value, fld.fmt)
            if len(text) != fld.length:
                raise FasterError(
                    f"item {fld.item} ({fld.name}): {value!r} does not fit in "
                    f"{fld.length} bytes"
                )
            return text
        if fld.type == NUM or isinstance(value, int | Decimal):
            return _format_number(value, fld, fld.length)
    except FasterError:
        raise
    except (TypeError, ValueError, ArithmeticError) as error:  # Infinity too
        problem = error
    raise FasterError(
        f"item {fld.item} ({fld.name}): cannot write {value!r} ({type(value).__name__})"
    ) from problem


# The fast encoder: each layout's fields are numbered once; a record is a list
# of one string a field (blanks to start with), joined once. Common values
# (text, ints, dates, school years, decimals already seen) are formatted in
# line; anything else, and every refusal, goes to _encode_field, the same
# function the reference encoder (_encode_reference) uses for every item.

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
        except KeyError as error:
            raise FasterError(str(error.args[0])) from None
        return self.index[fld.key], fld


_ENCODE_PLANS = {}


def encode(record_type, values):  # noqa: C901 - inlined: a call an item costs
    """Exactly 1020 bytes: space-initialised, each item formatted by its type.

    ``values`` maps field keys or DOE item numbers to values; unknown names
    raise FasterError (a misspelt key must not silently lose data).
    """
    plan = _ENCODE_PLANS.get(record_type)
    if plan is None:
        plan = _ENCODE_PLANS[record_type] = _EncodePlan(layout_for(record_type))
    if not isinstance(values, dict):
        values = dict(values)
    pieces = plan.blanks.copy()
    lookup = plan.lookup
    for name, value in values.items():
        entry = lookup.get(name)
        if entry is None:
            if name != "record_type":
                index, fld = plan.fallback(name)
                pieces[index] = _encode_field(fld, value)
            continue
        index, length, kind, fld, scale, decimals = entry
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
            if kind <= _RIGHT and value >= 0:
                text = str(value * scale)
                if len(text) <= length:
                    pieces[index] = text.rjust(length, "0")
                    continue
        elif cls is Decimal:
            if kind <= _RIGHT and not value.is_snan():
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
    pieces[plan.record_type_index] = record_type[:3]
    if record_type.startswith("G99") and "subtype" not in values and "2" not in values:
        pieces[plan.index["subtype"]] = _encode_field(
            plan.layout.by_key["subtype"], record_type[3:]
        )
    return "".join(pieces).encode("ascii")


def _encode_reference(record_type, values):
    """encode(), a field at a time: the definition the fast encoder must match."""
    layout = layout_for(record_type)
    buffer = [" "] * RECORD_LENGTH
    record_type_field = layout.fields[0]
    given = dict(values)
    given.pop("record_type", None)
    given[record_type_field.key] = record_type[:3]
    if record_type.startswith("G99") and "subtype" not in given and "2" not in given:
        given["subtype"] = record_type[3:]
    for name, value in given.items():
        try:
            fld = layout.field(name)
        except KeyError as error:
            raise FasterError(str(error.args[0])) from None
        text = _encode_field(fld, value)
        buffer[fld.start - 1 : fld.end] = text
    return "".join(buffer).encode("ascii")
