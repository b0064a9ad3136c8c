"""FASTER I/S01 (student information) -> SPEEDE/ExPRESS segments.

Implements the FL DOE item-by-item conversion (shared seed 004).  Input is a
mapping keyed by the I/S01 item number as the seed prints it ("1", "9", "10a",
"37"...), values as the codec decodes them: ``str`` (blank is ''), ``date``,
``int``/``Decimal`` or None.  Strings are accepted everywhere (dates as
MMDDCCYY, or CCYYMMDD for item 55), so a raw fixed-width slice works too.

Composite items (9 legal name, 21 mailing address, 22 AKA names, 34 school
address, 39 credits needed) may be given as the raw text of the item (the
sub-fields are cut by position; trailing blanks may be stripped) or as a
sequence of sub-field values.  Item 9 may also be a mapping with the keys
``last``, ``appendage``, ``first``, ``middle`` and optionally ``former``
(a list of former last names; the I/S01 layout has none, the seed has them).

Segments are returned in ExPRESS position order.  The envelope (ISA/GS/ST,
BGN, the sending institution's N1 loop, SE...) is not built here: items 33-35
yield N1/N3/PER segments that the caller merges into the sending institution's
N1 loop, as the seed says ("supplement" / "override").

Readings of unclear points in seed 004 (see also crosswalks.py):

* DMG05 with several race flags: the first 'Y' in the order 10, 10a-e; each
  'Y' also gets an NTE "RACE<code>-<ExPRESS description>".  No flag: item 12.
* NTE texts are "<prefix><FASTER code>-<description>", prefixes exactly as the
  seed prints them (MIG:, GOP:, WDW:, EAD: with a colon; RACE, MIGC, MIGP,
  ADLT, RESI, XEMP without).  The seed gives no descriptions for items 14,
  36a, 36b: their NTE carries the code only, and Z (non-migrant) is skipped.
  Texts are not cut to X12's 80 characters for NTE02.
* Guardian IN102 "2 - Current Legal" is written "02"; code O has no IN103.
* SST: one segment; precedence certificate (48) > diploma type (46) >
  differentiated (62) / college ready (64) / diploma designation (18a, which
  the precedence list omits) > IB (63) / AICE (65, 69).  Awards (ATV) are
  written for every item even when outranked.  B17 only when 45-48 are all
  blank and nothing else gives a type.
* Item 39 pieces are joined with one space; the fourth line repeats "MS-" as
  the seed prints it.
"""

import datetime
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from ..errors import FasterError, shown
from . import crosswalks as cw
from .x12 import Segment

_BLANK = (None, "")


# -- value helpers ----------------------------------------------------------


def _text(value):
    """Stripped text of a decoded value ('' for blank)."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%m%d%Y")
    try:
        return str(value).strip()
    except ValueError:  # an int too long to print
        raise FasterError(f"a value too large to convert: {shown(value)}") from None


def _blank(value):
    """Blank, or a zero-filled numeric field."""
    return _text(value).strip("0") == ""


def _code(value):
    return _text(value).upper()


def _date(value, order="MDY"):
    """A ``date`` from a date or an 8-digit string; None if blank or invalid."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not re.fullmatch(r"\d{8}", text) or set(text) == {"0"}:
        return None
    if order == "MDY":
        month, day, year = text[:2], text[2:4], text[4:]
    else:
        year, month, day = text[:4], text[4:6], text[6:]
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _d8(value, order="MDY"):
    date = _date(value, order)
    return date.strftime("%Y%m%d") if date else ""


def _db(value):
    date = _date(value)
    return date.strftime("%m%d%Y") if date else ""


def _number(value, decimals=0):
    """A Decimal from a number or a digit string with implied decimals."""
    if value in _BLANK or isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))
    else:
        text = _text(value)
        if not text:
            return None
        try:
            if re.fullmatch(r"\d+", text):
                number = Decimal(text).scaleb(-decimals)
            else:
                number = Decimal(text)
        except InvalidOperation:
            return None
    return number if number.is_finite() else None


def _format_number(number):
    text = format(number.normalize(), "f")
    return text


def _cut(value, widths):
    """Split a composite item into stripped sub-fields by width."""
    if value is None:
        return [""] * len(widths)
    if isinstance(value, Sequence) and not isinstance(value, str):
        parts = [_text(v) for v in value]
        return (parts + [""] * len(widths))[: len(widths)]
    raw = str(value)
    parts, start = [], 0
    for width in widths:
        parts.append(raw[start : start + width].strip())
        start += width
    return parts


# -- the converter ----------------------------------------------------------


class _Out:
    """Segments grouped by ExPRESS position, emitted in position order."""

    def __init__(self):
        self.by_position = {}

    def add(self, position, *segments):
        self.by_position.setdefault(position, []).extend(segments)

    def segments(self):
        return [s for pos in sorted(self.by_position) for s in self.by_position[pos]]


# ExPRESS positions (table/position) as sortable tuples.
P_REF, P_DMG, P_LUI, P_IND = (1, 40), (1, 50), (1, 60), (1, 65)
P_RAP, P_NTE, P_N1, P_N3S, P_PERS = (1, 67), (1, 80), (1, 110), (1, 130), (1, 150)
P_IN1, P_SST, P_SSE, P_ATV, P_SUM, P_CDT = (
    (1, 160),
    (1, 220),
    (1, 230),
    (1, 265),
    (1, 310),
    (1, 320),
)
P_HS, P_HC, P_SP = (2, 20), (2, 40), (2, 100)


def convert(
    items: Mapping,
    *,
    language_codes=None,
    language_names=None,
    country_codes=None,
    science_label="EQ",
):
    """Convert one decoded I/S01 record to a list of ExPRESS :class:`Segment`.

    ``language_codes`` / ``country_codes`` map FL DOE codes to the ISO codes of
    ExPRESS data elements 819 / 26 (seed items 50, 52, 53); ``language_names``
    gives the free-text name written when a language has no ISO crosswalk.
    ``science_label`` is the item 39 label at position 777: "SC" before
    2017-2018, "EQ" after (seed item 39).
    """
    _check_arguments(items, language_codes, language_names, country_codes)
    if not isinstance(science_label, str) or len(science_label) != 2:
        raise FasterError(f"science_label is two letters, not {shown(science_label)}")
    # Item numbers as the seed prints them; "36C" and "36c" are the same item.
    get = {str(key).strip().lower(): value for key, value in items.items()}.get
    out = _Out()
    _demographics(get, out)
    _msix_and_notes(get, out)
    _languages(get, out, language_codes, language_names)
    _birth_place(get, out, country_codes)
    _requirements(get, out)
    _names(get, out)
    _school(get, out)
    _status(get, out)
    _summary(get, out)
    _credits(get, out, science_label)
    _health(get, out)
    _programs(get, out)
    return out.segments()


def _check_arguments(items, *tables):
    """FasterError unless ``items`` is a mapping and each table one or None."""
    if not isinstance(items, Mapping):
        raise FasterError(
            "convert() takes the decoded items as a mapping, not "
            f"{type(items).__name__}"
        )
    for table in tables:
        if table is not None and not isinstance(table, Mapping):
            raise FasterError(f"a code table is a mapping, not {type(table).__name__}")


def _nte(text):
    return Segment("NTE", "", text)


def _coded_note(prefix, code, descriptions=None):
    """NTE02 = prefix + actual value + "-" + classification description."""
    if descriptions is None:
        return _nte(f"{prefix}{code}")
    return _nte(f"{prefix}{code}-{descriptions[code]}")


def _demographics(get, out):
    flags = [cw.RACE_FLAG_ITEMS[i] for i in cw.RACE_FLAG_ITEMS if _code(get(i)) == "Y"]
    if flags:
        race = flags[0]
    else:
        race = cw.RACE_CATEGORY.get(_code(get("12")), "")
    if len(flags) > 1:  # items 10, 10a-e: one NTE per 'Y'
        out.add(
            P_NTE,
            *(_coded_note("RACE", f, cw.RACE_DESCRIPTIONS) for f in flags),
        )
    birth = _d8(get("55"), order="YMD")
    sex = cw.SEX.get(_code(get("11")), "")
    verification = cw.BIRTH_VERIFICATION.get(_code(get("23")), "")
    if birth or sex or race or verification:
        out.add(
            P_DMG,
            Segment(
                "DMG", "D8" if birth else "", birth, sex, "", race, "", "", verification
            ),
        )


def _msix_and_notes(get, out):
    msix = _text(get("13"))
    if msix and set(msix) != {"0"}:
        out.add(P_REF, Segment("REF", "MV", msix))
    notes = []
    # Migrant items: Z (non-migrant / not applicable) is not written.
    if (code := _code(get("14"))) not in ("", "Z"):
        notes.append(_coded_note("MIG:", code))
    option = _code(get("18b"))
    option = cw.GRADUATION_OPTION_ALIASES.get(option, option)
    if option in cw.GRADUATION_OPTION:
        notes.append(_coded_note("GOP:", option, cw.GRADUATION_OPTION))
    if (code := _code(get("36a"))) not in ("", "Z"):
        notes.append(_coded_note("MIGC", code))
    if (code := _code(get("36b"))) not in ("", "Z"):
        notes.append(_coded_note("MIGP", code))
    # Adult Fee Status: item 36C in the seed; 36f in the 2025-26 layout, where
    # 36c is a filler (the seed's 36f is a filler).
    fee = _code(get("36c")) or _code(get("36f"))
    if fee in cw.ADULT_FEE_STATUS:
        notes.append(_coded_note("ADLT", fee, cw.ADULT_FEE_STATUS))
    if (code := _code(get("36d"))) in cw.RESIDENCY:
        notes.append(_coded_note("RESI", code, cw.RESIDENCY))
    if (code := _code(get("36e"))) in cw.ONLINE_EXEMPT:
        notes.append(_coded_note("XEMP", code, cw.ONLINE_EXEMPT))
    withdrawal = _code(get("37"))
    if withdrawal in cw.WITHDRAWAL_NOTES:
        notes.append(_coded_note("WDW:", withdrawal, cw.WITHDRAWAL_NOTES))
    if _code(get("67")) == "Y":
        notes.append(
            _nte(
                "EAD:Y-Student is enrolled in a college or university full time "
                "instead of completing high school studies"
            )
        )
    out.add(P_NTE, *notes)


def _languages(get, out, codes, names):
    codes = cw.LANGUAGE_CODES if codes is None else codes
    names = cw.LANGUAGE_NAMES if names is None else names
    for item, use in (("50", "7"), ("53", "4")):
        code = _code(get(item))
        if not code:
            continue
        if code in codes:
            out.add(P_LUI, Segment("LUI", "LE", codes[code], "", use))
        else:
            out.add(P_LUI, Segment("LUI", "", "", names.get(code, code), use))


def _birth_place(get, out, country_codes):
    country_codes = cw.COUNTRY_CODES if country_codes is None else country_codes
    country = country_codes.get(_code(get("52")), "")
    place = _text(get("24"))
    if country or place:
        out.add(P_IND, Segment("IND", country, "", "", place))


def _rap(name, kind, qualifier="", value="", rap03=""):
    return Segment("RAP", "9FL", name, rap03, kind, "Y", qualifier, value)


def _requirements(get, out):
    if date := _db(get("19a")):
        out.add(
            P_RAP,
            _rap(
                "Minimum Exceptional Student Education Performance Standards "
                "Mastered for Graduation Purposes",
                "P",
                "DB",
                date,
            ),
        )
    if dtp := _ninth_grade(get("19c")):
        out.add(P_RAP, Segment("DTP", "372", *dtp))
    for item, name in (
        ("19f", "Communications, Date Passed for Graduation Purposes"),
        ("19g", "Mathematics, Date Passed for Graduation Purposes"),
    ):
        value = get(item)
        if isinstance(value, datetime.date):
            value = value.strftime("%m%Y")
        value = _code(value)
        if value in ("EXEMPT", "999999"):
            out.add(P_RAP, _rap(name, "R"))
        elif re.fullmatch(r"(0[1-9]|1[0-2])\d{4}", value):
            out.add(P_RAP, _rap(name, "R", "CM", value[2:] + value[:2]))
    for item, table in cw.ASSESSMENTS.items():
        code = _code(get(item))
        if code in table:
            rap02, rap03, kind = table[code]
            out.add(P_RAP, _rap(rap02, kind, rap03=rap03))


def _ninth_grade(value):
    """Item 19c -> (DTP02, DTP03).

    The seed prints MMDDCCYY and "DTP02 = DB" (then "actual value of Item 19b",
    a typo for 19c).  The 2025-26 layout holds a school year, CCYYCCYY: it is
    written as the year entered, CY CCYY.
    """
    if date := _db(value):
        return "DB", date
    text = _text(value)
    if re.fullmatch(r"\d{8}", text) and int(text[4:]) == int(text[:4]) + 1:
        return "CY", text[:4]
    return None


def _grad_date(value):
    """Items 45/47 -> (SST02, SST03): D8 CCYYMMDD, or CM / CY when the day /
    month is zero-filled (the seed lists all three qualifiers)."""
    if text := _d8(value):
        return "D8", text
    text = _text(value)
    if not re.fullmatch(r"\d{8}", text) or not 1900 <= int(text[4:]) <= 2999:
        return "", ""
    if text[:2] == "00":
        return "CY", text[4:]
    if text[2:4] == "00" and "01" <= text[:2] <= "12":
        return "CM", text[4:] + text[:2]
    return "", ""


def _in2_loop(in102, in103, names, in201, in106=""):
    in1 = Segment("IN1", "1", in102, in103, "", "", in106)
    return [in1, *(Segment("IN2", in201, n) for n in names)]


def _names(get, out):
    legal = get("9")
    former = []
    if isinstance(legal, Mapping):
        parts = [_text(legal.get(k)) for k in ("last", "appendage", "first", "middle")]
        former = [_text(f) for f in legal.get("former") or ()]
    else:
        parts = _cut(legal, (17, 3, 12, 10))
    legal_in2 = [
        Segment("IN2", qualifier, value)
        for qualifier, value in zip(("05", "09", "02", "03"), parts, strict=True)
        if value
    ]
    street, apartment, city, state, zip_code = _cut(get("21"), (25, 10, 18, 2, 9))
    address = []
    if street or apartment:
        address.append(Segment("N3", street or apartment, apartment if street else ""))
    if city or state or zip_code:
        address.append(Segment("N4", city, state, zip_code))
    if legal_in2 or address:
        out.add(P_IN1, Segment("IN1", "1", "04", "S2"), *legal_in2, *address)
    for name in former:
        if name:
            out.add(P_IN1, *_in2_loop("05", "S2", [name], "15"))
    for alias in _cut(get("22"), (42, 42, 42, 42)):
        if alias:
            out.add(P_IN1, *_in2_loop("03", "S2", [alias], "12"))
    for code_item, name_item, table in (
        ("25", "26", cw.GUARDIAN),
        ("27", "28", cw.GUARDIAN),
        ("29", "30", cw.GUARDIAN_3),
    ):
        code, name = _code(get(code_item)), _text(get(name_item))
        if name and code in table:
            in106, in103 = table[code]
            out.add(P_IN1, *_in2_loop("02", in103, [name], "16", in106))


def _school(get, out):
    if name := _text(get("33")):
        out.add(P_N1, Segment("N1", "", name))
    first, last = _cut(get("34"), (33, 32))
    if first or last:
        out.add(P_N3S, Segment("N3", first or last, last if first else ""))
    if phone := _text(get("35")):
        out.add(P_PERS, Segment("PER", "SK", "", "TE", phone))


def _award(text, code="ZZZ"):
    return Segment("ATV", "SB", code, text)


def _status(get, out):
    """SST (items 16, 18a, 45-48, 62-65, 69), SSE (37-38) and ATV awards."""
    awards = []
    tiers = {1: "", 2: "", 3: "", 4: ""}
    designation = cw.DIPLOMA_DESIGNATION.get(_code(get("18a")))
    if designation:  # not in the seed's precedence list: ranked with tier 3
        tiers[3] = tiers[3] or designation[0]
        awards.append(_award(designation[1]))
    for item, table in (("19d", cw.NATIONAL_MERIT), ("19e", cw.NATIONAL_ACHIEVEMENT)):
        if (code := _code(get(item))) in table:
            awards.append(_award(table[code], "M04"))
    if _code(get("19h")) in cw.NATIONAL_HISPANIC:
        awards.append(_award(cw.NATIONAL_HISPANIC["S"], "M04"))
    certificate = cw.CERTIFICATE_TYPE.get(_code(get("48")), "")
    diploma = cw.DIPLOMA_TYPE.get(_code(get("46")), "")
    tiers[1], tiers[2] = certificate, diploma
    for item, tier, table in (
        ("62", 3, cw.DIFFERENTIATED_DIPLOMA),
        ("64", 3, {"Y": cw.COLLEGE_READY_DIPLOMA}),
        ("63", 4, {"Y": cw.IB_DIPLOMA}),
        ("65", 4, {"Y": cw.AICE_PROGRAM}),
        ("69", 4, {"Y": cw.AICE_DIPLOMA}),
    ):
        entry = table.get(_code(get(item)))
        if entry:
            tiers[tier] = tiers[tier] or entry[0]
            awards.append(_award(entry[1]))
    graduation = next((tiers[t] for t in sorted(tiers) if tiers[t]), "")
    qualifier, date = _grad_date(get("47") if certificate else get("45"))
    if not graduation and all(_blank(get(i)) for i in ("45", "46", "47", "48")):
        graduation = "B17"
    grade = cw.GRADE_LEVEL.get(_code(get("16")), "")
    out.add(
        P_SST,
        Segment("SST", graduation, qualifier, date, "", "", "", "", grade),
    )
    reason = cw.WITHDRAWAL.get(_code(get("37")))
    if reason:  # item 38 is written only with a crosswalked item 37
        out.add(P_SSE, Segment("SSE", "", _d8(get("38")), reason))
    if _code(get("66")) == "Y":
        hours = _number(get("72"))
        awards.append(
            Segment(
                "ATV",
                "SA",
                "F01",
                "",
                "",
                "" if hours is None else _format_number(hours),
                "HR",
                "",
                "N",
            )
        )
    out.add(P_ATV, *awards)


def _summary(get, out):
    rank = _number(get("40"))
    total = _number(get("42"))
    gpa = _number(get("44"), decimals=4)
    ranked_on = _d8(get("49"))
    rank = rank if rank else None  # zero-filled: not sent
    total = total if total else None
    if rank is None and total is None and gpa is None and not ranked_on:
        return
    values = [_format_number(v) if v is not None else "" for v in (gpa, rank, total)]
    out.add(
        P_SUM,
        Segment(
            "SUM",
            "G",
            "A",
            "Y",
            "",
            "",
            "",
            "",
            "",
            values[0],
            "",
            values[1],
            values[2],
            "D8" if ranked_on else "",
            ranked_on,
        ),
    )


def _credits(get, out, science_label):
    value = get("39")
    if value is None:
        return
    if isinstance(value, Sequence) and not isinstance(value, str):
        raw = "".join(str(v).rjust(4, "0")[:4] if _text(v) else "    " for v in value)
    else:
        raw = str(value)
    raw = raw.ljust(88)
    if not raw.strip():
        return

    def piece(label, position):
        start = position - cw.CREDITS_START
        label = science_label if position == 777 else label
        return f"{label}-{raw[start : start + 4].strip()}"

    out.add(P_CDT, _nte(cw.CREDITS_HEADER))
    for line in cw.CREDITS_LINES:
        out.add(P_CDT, _nte("CDT: " + " ".join(piece(*p) for p in line)))


def _health(get, out):
    for item, hs01, table in (
        ("31d", "V72.1", cw.HEARING_SCREENING),
        ("31e", "V72.0", cw.VISION_SCREENING),
    ):
        if (code := _code(get(item))) in table:
            out.add(P_HS, Segment("HS", hs01, "", "", table[code]))
    if _code(get("31b")) == "Y":
        out.add(P_HC, Segment("HC", "000"))
        if contact := _text(get("31c")):
            out.add(P_HC, Segment("PER", "EM", contact))


def _programs(get, out):
    if date := _db(get("19b")):
        out.add(
            P_SP,
            Segment("SP", "28", "", "4"),
            Segment("OPS", "", "", "U"),
            Segment("OPX", "Y"),
            Segment("DTP", "332", "DB", date),
        )
    for item, sp04, sp05 in (
        ("58", "", "Even Start Family Literacy Program"),
        ("59", "2", "Florida First Start Program"),
    ):
        if (code := _code(get(item))) in cw.PROGRAM_ELIGIBILITY:
            out.add(
                P_SP,
                Segment("SP", "28", "", "22", sp04, sp05),
                Segment("OPS", "", "", cw.PROGRAM_ELIGIBILITY[code]),
            )
    if (code := _code(get("61"))) in cw.PRE_K_PROGRAM:
        sp03, sp04, sp05 = cw.PRE_K_PROGRAM[code]
        out.add(
            P_SP,
            Segment("SP", "21", "", sp03, sp04, sp05),
            Segment("OPS", "", "", "Y"),
        )
