"""The layout of every FASTER record type, by record type code."""

from ..errors import FasterError
from . import g99, i00, i01, i02, i03, i04, i05, i06, i07, i08, i09, i10, i11

_MODULES = (i00, i01, i02, i03, i04, i05, i06, i07, i08, i09, i10, i11)

LAYOUTS = {}
for _module in _MODULES:
    for _record_type in _module.LAYOUT.record_types:
        LAYOUTS[_record_type] = _module.LAYOUT
for _subtype, _layout in g99.LAYOUTS.items():
    LAYOUTS[f"G99{_subtype}"] = _layout


def record_type_of(data):
    """The layout key of a record: its bytes 1-3, or G99 + its subtype."""
    if isinstance(data, str):
        text = data[:6]
    elif isinstance(data, bytes | bytearray | memoryview):
        text = bytes(data[:6]).decode("ascii", "replace")
    else:
        raise FasterError(f"a FASTER record is bytes, not {type(data).__name__}")
    if text[:3] == "G99":
        return "G99" + text[3:6].strip()
    return text[:3]
