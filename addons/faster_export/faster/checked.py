"""Decode and validate a FASTER file in one pass: ``read_decoded``.

Reading a file, then decoding each record and validating it apart, reads
every item twice and slices every record out of the file. Here a block of
records is turned into text once and its bytes are checked once; each record
is then matched in place by its layout's checked decoder (compiled.py),
which returns its values only when every record edit passes. Any other
record (a bad byte, a failed edit, an unknown type, a G99) takes the
located path, ``validate_record`` and ``decode``, so the values and issues
are exactly those two functions' (tests/unit/test_faster_read_decoded.py).
"""

import os

from . import codesets, compiled
from .codec import ENCODING, converter, decode
from .errors import FasterError
from .io import read_blocks
from .layout import LOCAL_START, RECORD_LENGTH
from .layouts import LAYOUTS
from .validate import DISPLAYABLE, validate_record

_DECODERS = {}  # (code lists' folder, generation, by_item) -> {head: decoder}


def _checked_decoders(by_item):
    """{record type: checked decoder} for the code lists in force now,
    filled as record types are met (see _checked_decoder)."""
    key = (os.environ.get(codesets.ENV), codesets.generation, by_item)
    return _DECODERS.setdefault(key, {})


def _checked_decoder(decoders, head, by_item):
    """The checked decoder of a record type, or None (unknown type, G99:
    whose layout depends on its subtype) for the located path."""
    layout = LAYOUTS.get(head)
    if layout is None or head == "G99":
        return None  # not remembered: a bad file must not grow the cache
    found = decoders[head] = compiled.build(layout, by_item, converter, codesets.codes)
    return found


def _located(record, number, by_item):
    """(values or None, issues) of one record, the field-by-field way."""
    issues = validate_record(record, number)
    try:
        values = decode(record, by_item=by_item)
    except FasterError:  # wrong length or unknown type: the issues say so
        values = None
    return values, issues


def read_decoded(source, by_item=False):
    """Yield ``(values, issues)`` for each record of a file, in order.

    ``values`` is what decode() gives (None for a record it cannot decode:
    wrong length, unknown type); ``issues`` what validate_record() gives,
    numbered from 1 in the file (an empty list for a valid record).
    Streaming, in constant memory, like read_records().
    """
    decoders = _checked_decoders(by_item)
    first = 1  # the number of the block's first record
    for block in read_blocks(source):
        if block.__class__ is list:  # lines of other lengths
            for number, record in enumerate(block, first):
                yield _located(record, number, by_item)
            first += len(block)
            continue
        text = block.decode(ENCODING)
        clean = not block.translate(None, DISPLAYABLE)  # all displayable
        for pos in range(0, len(text), RECORD_LENGTH):
            head = text[pos : pos + 3]
            try:
                fast = decoders[head]
            except KeyError:
                fast = _checked_decoder(decoders, head, by_item)
            if fast is not None and (
                clean
                or not block[pos : pos + LOCAL_START - 1].translate(None, DISPLAYABLE)
            ):
                values = fast(text, pos, head)
                if values is not None:
                    yield values, []
                    continue
            record = block[pos : pos + RECORD_LENGTH]
            yield _located(record, first + pos // RECORD_LENGTH, by_item)
        first += len(text) // RECORD_LENGTH
