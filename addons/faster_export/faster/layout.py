"""Declarative FASTER layouts: a field table per record type.

Every layout is a table of :func:`F` rows, as the DOE documents print them:
item number, start byte (1-based), length, type, key, name, required, code
set, and a format for dates and implied decimals. Encoding, decoding and
validation all derive from these tables; :meth:`Layout.check` proves that a
table covers bytes 1-1020 exactly once (a test runs it for every layout).
"""

from dataclasses import dataclass, field

from .errors import UnknownFieldError, shown

RECORD_LENGTH = 1020
LOCAL_START = 1012  # bytes 1012-1020: "Filler reserved for local use"

# Bytes FASTER carries before 1012: displayable ASCII, except the three the
# SPEEDE/ExPRESS translation reserves as delimiters (FASTER edit 00#2.8).
RESERVED = b"~^`"
DISPLAYABLE = bytes(b for b in range(0x20, 0x7F) if b not in RESERVED)

# Field types, as the DOE prints them.
TEXT = "A/N"  # alphameric, left-justified, space filled
ALPHA = "A"  # alphabetic only
NUM = "N"  # numeric, right-justified, zero filled
FILLER = "FILLER"

# Formats of dates and numbers (the ``fmt`` column).
MMDDCCYY = "MMDDCCYY"
CCYYMMDD = "CCYYMMDD"
CCYYCCYY = "CCYYCCYY"  # a school year: 20252026
MMCCYY = "MMCCYY"
DATE_FORMATS = (MMDDCCYY, CCYYMMDD, CCYYCCYY, MMCCYY)


@dataclass(frozen=True)
class Field:
    item: str
    start: int
    length: int
    type: str
    key: str
    name: str
    required: bool = False
    codeset: str | None = None
    fmt: str | None = None
    decimals: int = 0
    right: bool = False  # A/N/R: right-justified with leading zeros
    parts: tuple = ()  # composite item: ((part_key, length), ...)
    special: tuple = ()  # extra raw values the edits allow (e.g. 99999999)

    @property
    def end(self):
        return self.start + self.length - 1

    @property
    def is_filler(self):
        return self.type == FILLER

    @property
    def is_date(self):
        return self.fmt in DATE_FORMATS

    @property
    def is_number(self):
        return self.type == NUM and not self.is_date


def F(item, start, length, type_, key, name, required=False, codeset=None, **kw):
    """One row of a layout table."""
    return Field(str(item), start, length, type_, key, name, required, codeset, **kw)


def filler(item, start, length, name="Filler"):
    return Field(str(item), start, length, FILLER, "", name)


def local_filler(item=""):
    """Bytes 1012-1020, the only place FASTER allows non-displayable bytes."""
    return Field(str(item), LOCAL_START, 9, FILLER, "", "Filler reserved for local use")


def prefix(record_type_name):
    """Items 1-5, shared by records 01-11 (the FASTER I/S03 layout, items 1-5)."""
    return [
        F(1, 1, 3, TEXT, "record_type", f"Record Type ({record_type_name})", True),
        F(
            2,
            4,
            10,
            TEXT,
            "student_number",
            "Student Number Identifier, Florida",
            True,
            right=True,
        ),
        filler(3, 14, 2),
        F(
            4,
            16,
            2,
            NUM,
            "district",
            "District Number, Current Enrollment",
            True,
            "fl.district",
        ),
        F(
            5,
            18,
            4,
            TEXT,
            "school",
            "School Number, Current Enrollment",
            True,
            right=True,
        ),
    ]


class LayoutError(Exception):
    """A layout table that does not cover bytes 1-1020 exactly once."""


@dataclass
class Layout:
    record_types: tuple  # e.g. ("I04", "S04")
    title: str
    source: str
    fields: list
    by_key: dict = field(init=False, repr=False)
    by_item: dict = field(init=False, repr=False)

    def __post_init__(self):
        self.fields = sorted(self.fields, key=lambda f: f.start)
        self.check()
        self.by_key = {f.key: f for f in self.fields if f.key}
        self.by_item = {f.item: f for f in self.fields if f.item and f.key}
        self.data_fields = [f for f in self.fields if not f.is_filler]

    def check(self):
        """Raise LayoutError unless the fields tile bytes 1-1020 exactly."""
        position = 1
        keys = set()
        for fld in self.fields:
            if fld.start != position:
                raise LayoutError(
                    f"{self.record_types[0]}: item {fld.item} ({fld.name}) starts at "
                    f"{fld.start}, expected {position}"
                )
            if fld.length <= 0:
                raise LayoutError(f"{self.record_types[0]}: item {fld.item} is empty")
            if fld.parts and sum(n for _, n in fld.parts) != fld.length:
                raise LayoutError(
                    f"{self.record_types[0]}: parts of item {fld.item} do not add up"
                )
            if fld.key:
                if fld.key in keys:
                    raise LayoutError(
                        f"{self.record_types[0]}: duplicate key {fld.key}"
                    )
                keys.add(fld.key)
            position = fld.end + 1
        if position != RECORD_LENGTH + 1:
            raise LayoutError(
                f"{self.record_types[0]}: covers bytes 1-{position - 1}, "
                f"not 1-{RECORD_LENGTH}"
            )

    def field(self, name):
        """A field by key or by DOE item number."""
        try:
            found = self.by_key.get(name) or self.by_item.get(str(name))
        except TypeError:  # unhashable
            found = None
        if found is None:
            raise UnknownFieldError(
                f"{self.record_types[0]} has no field {shown(name)}"
            )
        return found
