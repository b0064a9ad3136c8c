"""The codec's own error type and the located issues validation reports."""

from dataclasses import asdict, dataclass


class FasterError(ValueError):
    """Anything the codec refuses: bad input raises this, never another type."""


class FasterIOError(FasterError, OSError):
    """A file the codec cannot read or write (missing, a directory, no
    right, not opened in binary mode): the input is unreadable, not invalid.
    An OSError too, for callers that handle the system's own."""


class TranscriptTooLongError(FasterError):
    """A file's records run past the most a transcript may hold without a
    header starting a new one: the input is invalid, and is not read on.
    ``record_number`` is the record where reading stopped."""

    def __init__(self, message, record_number):
        super().__init__(message)
        self.record_number = record_number


class UnknownFieldError(FasterError, KeyError):
    """A layout has no such field: a KeyError too, as a mapping's lookup."""

    __str__ = ValueError.__str__  # the message, not KeyError's repr of it


def printable(text):
    """``text`` as it may go to a terminal: a record type read from a file
    can hold control characters (an escape sequence), shown escaped."""
    return text if text.isprintable() else ascii(text)[1:-1]


def shown(value, limit=40):
    """``repr(value)`` for a message, cut to ``limit`` characters: a refused
    value may be huge (an int of 5,000 digits cannot even be printed)."""
    try:
        text = repr(value)
    except ValueError:  # int too long to convert to text
        text = f"<{type(value).__name__} too large to show>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def char_name(char):
    """A character as a message shows it: ``'é' (U+00E9)``."""
    return f"{char!r} (U+{ord(char):04X})"


@dataclass(frozen=True)
class Issue:
    """One failed FASTER edit, located: record, type, item, bytes, value, rule."""

    record_number: int
    record_type: str
    item: str
    start: int
    end: int
    value: str
    rule: str
    message: str

    def __str__(self):
        where = f"record {self.record_number} ({printable(self.record_type) or '?'})"
        if self.item:
            where += f" item {self.item}"
        if self.start:
            where += f" bytes {self.start}-{self.end}"
        value = f" value {self.value!r}" if self.value != "" else ""
        return f"{where}:{value} [{self.rule}] {self.message}"

    def as_dict(self):
        return asdict(self)
