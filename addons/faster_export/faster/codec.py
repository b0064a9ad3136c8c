"""Encode a mapping to a 1020-byte FASTER record, and decode one back.

Both derive from the layout tables. Decoding is faithful: text keeps its
leading blanks (only trailing blanks are dropped), and a value that is not of
its item's form (a letter in a number, a date that is not a date, the
``EXEMPT`` of an immunization slot) comes back as the raw text, so that
decode -> encode gives back the very same bytes for any record. Blank items
decode to None. Validation (validate.py) says what is wrong and where.
"""

import datetime
from decimal import Decimal, InvalidOperation

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


def _decoder(fld):
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


_DECODERS = {}


def _compiled(layout):
    """(key, item, start, end, decoder) per data field, built once a layout."""
    compiled = _DECODERS.get(id(layout))
    if compiled is None:
        compiled = [
            (fld.key, fld.item, fld.start - 1, fld.end, _decoder(fld))
            for fld in layout.data_fields
        ]
        _DECODERS[id(layout)] = compiled
    return compiled


def decode(data, by_item=False):
    """Typed values of a record, keyed by field key (or by DOE item number).

    The result has ``record_type`` too. Raises FasterError for a record that
    is not 1020 bytes or whose type is unknown.
    """
    if isinstance(data, str):
        data = data.encode(ENCODING, "replace")
    if len(data) != RECORD_LENGTH:
        raise FasterError(
            f"a FASTER record is {RECORD_LENGTH} bytes, this one is {len(data)}"
        )
    record_type = record_type_of(data)
    layout = layout_for(record_type)
    text = data.decode(ENCODING)
    index = 1 if by_item else 0
    values = {"record_type": record_type}
    for row in _compiled(layout):
        values[row[index]] = row[4](text[row[2] : row[3]])
    values["record_type"] = record_type  # "G99IMM", not just "G99"
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
            return _format_date(value, fld.fmt)
        if fld.type == NUM or isinstance(value, int | Decimal):
            return _format_number(value, fld, fld.length)
    except FasterError:
        raise
    except (TypeError, ValueError, InvalidOperation) as error:
        problem = error
    raise FasterError(
        f"item {fld.item} ({fld.name}): cannot write {value!r} ({type(value).__name__})"
    ) from problem


def encode(record_type, values):
    """Exactly 1020 bytes: space-initialised, each item formatted by its type.

    ``values`` maps field keys or DOE item numbers to values; unknown names
    raise FasterError (a misspelt key must not silently lose data).
    """
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
