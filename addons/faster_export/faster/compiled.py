"""Record decoders generated from the layout tables, once a layout.

Why generated: a FASTER record has dozens of items, most of them blank, and
an interpreter pays for every loop step and call it makes an item. Here one
regular expression a layout slices every item that is not blank, stripped,
in a single C call; a function written once from the table (in the manner of
``dataclasses`` and ``namedtuple``) then unpacks the groups into locals and
fills a copy of the all-None result with the items present, one line an
item. Nothing in it is hand-counted: positions, widths, keys and checks all
come from the layout rows.

``build()`` makes two flavours, both equal to ``codec._decode_reference``
wherever they return values (tests/unit/test_faster_fast_paths.py and
test_faster_read_decoded.py hold them to it):

- plain (codec.decode): any 1020 characters, valid or not;
- checked (checked.read_decoded): None unless the record passes every record
  edit of validate.py but the displayable-bytes one, which the caller makes
  on whole blocks: required, numeric and alphabetic items in the regex, dates
  and code lists by set lookup. None sends the record to the located,
  field-by-field edits, which say what is wrong.
"""

import re

from .layout import ALPHA, LOCAL_START, NUM

MEMO_SIZE = 4096  # typed values a field remembers (dates, credits, years...)


class Memo(dict):
    """raw text -> typed value of one field: a C-level lookup when seen.

    Typed values are immutable, and the same few recur (school years,
    credits, districts), so they are converted once; past MEMO_SIZE entries
    new ones are converted each time, so memory stays bounded.
    """

    __slots__ = ("convert",)

    def __init__(self, convert):
        super().__init__()
        self.convert = convert

    def __missing__(self, raw):
        value = self.convert(raw)
        if len(self) < MEMO_SIZE:
            self[raw] = value
        return value


def is_typed(fld):
    """Items decoded by a converter (numbers, dates, composites), not text."""
    return bool(fld.parts) or fld.is_date or fld.type == NUM


def valid_body(fld):
    """What validation accepts in a non-blank item, as a regex (None: any
    displayable text). Shared with validate.py's fast check."""
    n = fld.length
    if fld.is_filler or fld.is_date:  # dates: checked by value, not by regex
        return None
    if is_right_text(fld):  # not digits then blanks (is_zero_filled)
        # d = 0, all blank, too: a body never matches a blank item.
        digits_then_blanks = "|".join(f"[0-9]{{{d}}} {{{n - d}}}" for d in range(n))
        return f"(?>[0-9]{{{n}}}|(?!{digits_then_blanks}).{{{n}}})"  # digits: at once
    if fld.type == NUM:
        return f"[0-9]{{{n}}}"
    if fld.type == ALPHA:
        return f"[A-Za-z ]{{{n}}}"
    return None


def is_right_text(fld):
    """A/N/R items (right-justified, zero-filled text): their digits are
    written zero-filled, so digits followed by blanks would not come back."""
    return fld.right and fld.type != NUM and not (fld.parts or fld.is_date)


def is_zero_filled(fld, text):
    """False for an A/N/R item's digits followed by blanks (``text`` not
    blank): encode writes digits zero-filled, so they would not come back."""
    if not is_right_text(fld) or text[-1:] != " ":
        return True
    digits = text.rstrip(" ")
    return not (digits.isascii() and digits.isdigit())


COUNTED = 64  # longer fillers are compared with spaces, not matched


def is_counted(fld):
    """A filler the checks compare with as many spaces (``startswith``: a
    memcmp) rather than match: a regex over hundreds of blanks costs more
    than the rest of the record. Not the local-use one, which holds
    anything."""
    return fld.is_filler and fld.length > COUNTED and fld.start != LOCAL_START


def is_coded(fld):
    """Items validation checks against a code list: text, alphabetic and
    numeric ones (the district number, item 4 of every record)."""
    return bool(fld.codeset) and not (fld.is_date or fld.parts)


# Every item, and every blank-skippable segment, is an atomic group "(?>...)":
# items have fixed places, so going back into one never helps, and without
# it a record failing near its end (a non-blank local filler) is tried again
# every way the blank items before could match: exponential.


def _item_pattern(fld, checked):
    """An item: its group is its value's text, None when it is blank.

    Text items capture up to their last non-blank character (a lookahead),
    so no rstrip() is needed; typed items capture their raw characters.
    """
    n = fld.length
    body = (valid_body(fld) if checked else None) or f".{{{n}}}"
    if is_typed(fld):
        value = f"({body})"
        never_blank = body.startswith("[0-9]")
    else:
        # Checked records are displayable: their only blank is the space.
        last = "[^ ]" if checked else "\\S"
        value = f"(?=(.{{0,{n - 1}}}{last})){body}"
        never_blank = True
    if not checked:  # any text: all other blanks (tab, NBSP...) are blank too
        if is_typed(fld):
            return f"(?> {{{n}}}|\\s{{{n}}}|{value})"
        return f"(?> {{{n}}}|{value}|.{{{n}}})"
    if not fld.required:
        return f"(?> {{{n}}}|{value})"
    return value if never_blank else f"(?! {{{n}}}){value}"


_SEGMENT = 6  # items a blank-skippable segment holds at most


def _blank_or(fields, parts, checked):
    """The items' pattern, with a one-scan shortcut for when all are blank
    (not where a required item is: blank is then an error)."""
    if len(parts) == 1 or (checked and any(f.required for f in fields)):
        return "".join(parts)
    width = fields[-1].end - fields[0].start + 1
    return f"(?> {{{width}}}|{''.join(parts)})"


def _runs(layout):
    """The layout's fields as runs of consecutive data fields or fillers."""
    runs = []
    for fld in layout.fields:
        if runs and runs[-1][0].is_filler == fld.is_filler:
            runs[-1].append(fld)
        else:
            runs.append([fld])
    return runs


def pattern(layout, checked):
    """The layout's regex source; its groups are the data fields, in order."""
    parts = []
    for run in _runs(layout):
        if run[0].is_filler:  # blank, or the record goes to the located edits
            parts.extend(
                f"{' ' if checked and _matched_blank(f) else '.'}{{{f.length}}}"
                for f in run
            )
            continue
        segments = []
        for at in range(0, len(run), _SEGMENT):
            segment = run[at : at + _SEGMENT]
            items = [_item_pattern(f, checked) for f in segment]
            segments.append(_blank_or(segment, items, checked))
        parts.append(_blank_or(run, segments, checked))
    return "".join(parts)


def _matched_blank(fld):
    """A filler whose blanks the checked regex matches itself."""
    return fld.start != LOCAL_START and not is_counted(fld)


def placed(codes, length):
    """Every value (stripped on the right; None for blank) of an item of
    ``length`` that strips to one of ``codes``: a code may stand anywhere in
    its item. Shared with validate.py's fast check."""
    placed = {None}
    for code in codes:
        for before in range(length - len(code) + 1):
            placed.add(" " * before + code)
    return placed


def _accept(checks):
    """A set lookup failed: accept the record if each value is in its set or
    is a valid date (which the set then learns), else not."""

    def accept(match):
        for group, accepted, memo in checks:
            raw = match.group(group)
            if raw in accepted:
                continue
            if memo is None or memo[raw].__class__ is str:  # a code, a bad date
                return False
            if len(accepted) < MEMO_SIZE:
                accepted.add(raw)
        return True

    return accept


def build(layout, by_item, converter, codes=None):
    """A function (text, pos, record_type) -> the record's values.

    ``converter(fld)`` converts a typed item's raw text. With ``codes`` (a
    code-set name -> set of codes, or None) the function checks the record
    too and returns None unless it is valid (bytes aside, see above).
    """
    checked = codes is not None
    fields = layout.data_fields
    names = [fld.item if by_item else fld.key for fld in fields]
    env = {
        "match": re.compile(pattern(layout, checked), re.DOTALL).match,
        "template": dict.fromkeys(["record_type", *names]),
    }
    lines = ["def decode(text, pos, record_type):", "    m = match(text, pos)"]
    if checked:
        lines.append("    if m is None:\n        return None")
        for fld in layout.fields:
            if is_counted(fld):
                lines.append(
                    f"    if not text.startswith({' ' * fld.length!r}, "
                    f"pos + {fld.start - 1}):\n        return None"
                )
    lines.append(f"    {', '.join(f'g{i}' for i in range(len(fields)))}, = m.groups()")
    memos = {i: Memo(converter(f)) for i, f in enumerate(fields) if is_typed(f)}
    env.update((f"m{i}", memo) for i, memo in memos.items())
    if checked:
        lines += _check_lines(fields, env, memos, codes)
    lines.append("    values = template.copy()")
    for i, (fld, name) in enumerate(zip(fields, names, strict=True)):
        if name == "record_type":
            continue  # set below
        value = f"m{i}[g{i}]" if i in memos else f"g{i}"
        if checked and fld.required:  # the regex made sure it is there
            lines.append(f"    values[{name!r}] = {value}")
        else:
            lines.append(
                f"    if g{i} is not None:\n        values[{name!r}] = {value}"
            )
    lines.append("    values['record_type'] = record_type  # G99IMM, not G99")
    lines.append("    return values")
    source = "\n".join(lines)
    label = f"<faster {layout.record_types[0]} {'checked ' if checked else ''}decoder>"
    # The source is written above from the layout table alone, no input.
    exec(compile(source, label, "exec"), env)  # noqa: S102  # pylint: disable=exec-used
    return env["decode"]


def _check_lines(fields, env, memos, codes):
    """The dates' and code lists' set lookups of a checked decoder."""
    checks = []
    for i, fld in enumerate(fields):
        if fld.is_date:
            accepted = {None, *fld.special}
            memo = memos[i]
        elif is_coded(fld) and codes(fld.codeset) is not None:
            accepted = placed(codes(fld.codeset), fld.length)
            memo = None
        else:
            continue
        env[f"s{i}"] = accepted
        checks.append((i, accepted, memo))
    if not checks:
        return []
    env["accept"] = _accept([(i + 1, accepted, memo) for i, accepted, memo in checks])
    condition = " or ".join(f"g{i} not in s{i}" for i, _, _ in checks)
    return [f"    if ({condition}) and not accept(m):", "        return None"]
