"""faster: read, write and validate FL DOE FASTER records, with no Odoo.

FASTER (Florida Automated System for Transferring Educational Records) sends
a student's transcript as fixed-width 1020-byte records: a header (I00),
then I01 demographics, I02 immunizations, I03 school years each followed by
their I04 courses, I05-I11, and G99 pass-through records. Each record type
has one declarative layout table (``faster.layouts``) from which encoding,
decoding and validation all derive. ``python -m faster --help`` for the
command line; ``faster.express`` converts I/S01 records to SPEEDE/ExPRESS.
"""

from .checked import read_decoded
from .codec import decode, encode, layout_for
from .codesets import missing as missing_codesets
from .errors import FasterError, FasterIOError, Issue, TranscriptTooLongError
from .io import read_records, read_transcripts, write_records
from .layout import RECORD_LENGTH, Field, Layout
from .layouts import LAYOUTS, record_type_of
from .validate import validate_record, validate_transcript

FasterFormatError = FasterError

__all__ = [
    "LAYOUTS",
    "RECORD_LENGTH",
    "FasterError",
    "FasterFormatError",
    "FasterIOError",
    "Field",
    "Issue",
    "Layout",
    "TranscriptTooLongError",
    "decode",
    "encode",
    "layout_for",
    "missing_codesets",
    "read_decoded",
    "read_records",
    "read_transcripts",
    "record_type_of",
    "validate_record",
    "validate_transcript",
    "write_records",
]
