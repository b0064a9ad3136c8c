"""FASTER I/S01 -> SPEEDE/ExPRESS (ANSI X12) converter.

>>> from faster.express import convert, to_x12
>>> print(to_x12(convert({"1": "I01", "11": "F", "55": "20100102"})), end="")
DMG^D8^20100102^F~
SST^B17~
"""

from .converter import convert
from .x12 import COMPONENT_SEP, ELEMENT_SEP, SEGMENT_TERM, Segment, to_x12

__all__ = [
    "COMPONENT_SEP",
    "ELEMENT_SEP",
    "SEGMENT_TERM",
    "Segment",
    "convert",
    "to_x12",
]
