"""X12 segments and their text form.

Delimiters.  FASTER forbids the tilde (~), the caret (^) and the grave accent
(`) in its data because the FL DOE translation of FASTER to SPEEDE/ExPRESS uses
them as the X12 delimiters (I/S03 and I06 layouts, note 6; FASTER edit 00#2.8).
So, by default:

* ``~`` terminates a segment (the usual X12 segment terminator),
* ``^`` separates data elements,
* `````` ` `````` separates the components of a composite element.

The asterisk, X12's most common element separator, is *not* forbidden in
FASTER data and so cannot be used safely with FASTER text; pass
``element_sep="*"`` to :func:`to_x12` if a partner insists on it.  An element
that contains a delimiter raises :class:`~faster.FasterError` (a ValueError)
instead of corrupting the interchange.
"""

from dataclasses import dataclass, field

from ..errors import FasterError, shown

ELEMENT_SEP = "^"
COMPONENT_SEP = "`"
SEGMENT_TERM = "~"


@dataclass(frozen=True)
class Segment:
    """One X12 segment: its identifier and its elements (01, 02...).

    Elements are strings; '' is an empty element.  A composite element is a
    tuple of component strings.  Trailing empty elements are dropped on output.
    """

    id: str
    elements: tuple = field(default_factory=tuple)

    def __init__(self, id, *elements):
        if not isinstance(id, str) or not id:
            raise FasterError(f"an X12 segment id is text, not {shown(id)}")
        object.__setattr__(self, "id", id)
        values = [
            tuple(_element(c) for c in e) if isinstance(e, tuple) else _element(e)
            for e in elements
        ]
        while values and values[-1] in ("", ()):
            values.pop()  # trailing empty elements are not transmitted
        object.__setattr__(self, "elements", tuple(values))

    def __getitem__(self, position):
        """Element by its X12 position: ``seg[1]`` is XX01; '' when absent."""
        if position < 1:
            raise IndexError(position)
        try:
            return self.elements[position - 1]
        except IndexError:
            return ""

    def render(self, element_sep=ELEMENT_SEP, component_sep=COMPONENT_SEP):
        parts = list(self.elements)
        while parts and parts[-1] in ("", ()):
            parts.pop()
        delimiters = {element_sep, component_sep, SEGMENT_TERM}
        out = []
        for part in parts:
            values = part if isinstance(part, tuple) else (part,)
            for value in values:
                bad = delimiters.intersection(value)
                if bad:
                    raise FasterError(
                        f"{self.id}: element {value!r} contains the delimiter "
                        f"{''.join(sorted(bad))!r}"
                    )
            out.append(component_sep.join(values) if isinstance(part, tuple) else part)
        return element_sep.join([self.id, *out])

    def __str__(self):
        return self.render()


def _element(value):
    return "" if value is None else str(value)


def to_x12(
    segments,
    element_sep=ELEMENT_SEP,
    component_sep=COMPONENT_SEP,
    segment_term=SEGMENT_TERM,
    newline=True,
):
    """Render segments as X12 text, one segment per line when ``newline``."""
    delimiters = (element_sep, component_sep, segment_term)
    if not all(isinstance(d, str) and len(d) == 1 for d in delimiters):
        raise FasterError("the X12 delimiters are one character each")
    if len(set(delimiters)) != 3:
        raise FasterError("the three X12 delimiters must differ")
    if isinstance(segments, Segment) or not hasattr(segments, "__iter__"):
        raise FasterError(f"segments to render are a sequence, not {shown(segments)}")
    lines = []
    for segment in segments:
        if not isinstance(segment, Segment):
            raise FasterError(f"not an X12 segment: {shown(segment)}")
        text = segment.render(element_sep, component_sep)
        if segment_term in text:
            raise FasterError(f"{segment.id}: data contains {segment_term!r}")
        lines.append(text + segment_term)
    return ("\n" if newline else "").join(lines) + ("\n" if newline and lines else "")
