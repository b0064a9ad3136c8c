"""The codec's own error type and the located issues validation reports."""

from dataclasses import asdict, dataclass


class FasterError(ValueError):
    """Anything the codec refuses: bad input raises this, never another type."""


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
        where = f"record {self.record_number} ({self.record_type or '?'})"
        if self.item:
            where += f" item {self.item}"
        if self.start:
            where += f" bytes {self.start}-{self.end}"
        value = f" value {self.value!r}" if self.value != "" else ""
        return f"{where}:{value} [{self.rule}] {self.message}"

    def as_dict(self):
        return asdict(self)
