"""The declared schema of the record package (pure Python, no Odoo import).

The other district's server is not ours: its package is checked like input
from the internet before anything is previewed. ``SECTIONS`` holds ONE
declarative table per section (its fields and their kinds, how many rows,
its natural key); ``check_package`` reads those tables and nothing else, and
returns a clean copy holding only what they declare, or every violation as
"section, row, field: what". The kinds mirror what the forms accept, so a
value that passes here also passes the models' own constraints (which a
trial write in the preview confirms row by row).
"""

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

# Unicode categories no value may carry: control characters (terminal
# escapes start with ESC), format characters (bidi overrides such as U+202E,
# zero-width marks), surrogates, private use, unassigned.
FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
MAX_ERRORS = 20  # listed in one message; the rest are counted


def unsafe_character(text, allowed=""):
    """The first character ``text`` may not carry (beyond ``allowed``), or None."""
    for char in text:
        if unicodedata.category(char) in FORBIDDEN_CATEGORIES and char not in allowed:
            return char
    return None


def _describe(char):
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


@dataclass(frozen=True)
class Text:
    """A single-line string of at most ``max_len`` safe characters."""

    max_len: int = 100
    pattern: str = ""  # full match, when set
    required: bool = False
    multiline: bool = False  # line breaks allowed (a note)

    def check(self, value, today):
        if value in ("", None):
            return "is required" if self.required else None
        if not isinstance(value, str):
            return f"must be text, not {type(value).__name__}"
        if len(value) > self.max_len:
            return f"is longer than {self.max_len} characters"
        bad = unsafe_character(value, "\n" if self.multiline else "")
        if bad:
            return f"contains a forbidden character ({_describe(bad)})"
        if self.pattern and not re.fullmatch(self.pattern, value):
            return f"{value!r} is not in the expected form"
        return None


# A code of one of our tables (district, school year, course number, test...).
CODE_PATTERN = r"[0-9A-Za-z][0-9A-Za-z ._/-]{0,19}"
# A person's name: letters (any script), spaces, hyphens, apostrophes, periods.
NAME_PATTERN = r"[^\W\d_](?:[^\W\d_]|[ '.\-’])*"


@dataclass(frozen=True)
class Code(Text):
    max_len: int = 20
    pattern: str = CODE_PATTERN


@dataclass(frozen=True)
class Name(Text):
    max_len: int = 50
    pattern: str = NAME_PATTERN


@dataclass(frozen=True)
class Date:
    """An ISO date (YYYY-MM-DD) from ``min_year`` to today + ``future_days``."""

    min_year: int = 1900
    future_days: int = 0
    required: bool = False

    def check(self, value, today):
        if value in ("", None):
            return "is required" if self.required else None
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return f"{str(value)[:40]!r} is not a date (YYYY-MM-DD)"
        try:
            when = date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a date"
        latest = today + timedelta(days=self.future_days)
        if not date(self.min_year, 1, 1) <= when <= latest:
            return f"{value} is outside {self.min_year}-01-01 to {latest.isoformat()}"
        return None


@dataclass(frozen=True)
class Number:
    """An integer (``integer``) or a finite number from ``low`` to ``high``."""

    low: float = 0
    high: float = 99999
    integer: bool = True

    def check(self, value, today):
        if value in ("", None):
            return None
        kinds = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            what = "a whole number" if self.integer else "a number"
            return f"must be {what}, not {type(value).__name__}"
        if not math.isfinite(value) or not self.low <= value <= self.high:
            return f"{value!r} is outside {self.low}-{self.high}"
        return None


@dataclass(frozen=True)
class Flag:
    def check(self, value, today):
        if value in ("", None) or isinstance(value, bool):
            return None
        return f"must be true or false, not {type(value).__name__}"


@dataclass(frozen=True)
class Choice:
    """One of ``values`` (a selection field's keys)."""

    values: tuple = ()

    def check(self, value, today):
        if value in ("", None):
            return None
        if not isinstance(value, str) or value not in self.values:
            return f"{str(value)[:40]!r} is not one of {', '.join(self.values)}"
        return None


@dataclass(frozen=True)
class Section:
    """One section of the package: a list of rows (or, for ``by_name``, one
    dict of fields), each field of a declared kind."""

    label: str
    fields: dict
    max_rows: int = 100
    key: tuple = ()  # natural key: the same record on both sides
    by_name: bool = False
    strict: bool = True  # False: undeclared fields are dropped, not refused


FL_STUDENT_NUMBER = r"\d{9}X|\d{10}"

STUDENT = Section(
    "Student",
    {
        "first_name": Name(required=True),
        "last_name": Name(required=True),
        "birthdate": Date(required=True),
        "florida_student_id": Text(10, FL_STUDENT_NUMBER),
    },
    by_name=True,
)

CELLS = Section(
    "Marking-period grades",
    {"period": Code(required=True), "grade": Text(3, r"[0-9A-Za-z+\-*]+", True)},
    max_rows=12,
    key=("period",),
)

SECTIONS = {
    # demographics: a dict of student fields; kinds by field name first, then
    # by the type of our field (``demographic_kind``)
    "demographics": Section(
        "Demographics",
        {
            "first_name": Name(),
            "middle_name": Name(),
            "last_name": Name(),
            "preferred_first_name": Name(),
            "birthdate": Date(),
            "florida_student_id": Text(10, FL_STUDENT_NUMBER),
            "fleid": Text(14, r"FL\d{12}"),
        },
        max_rows=200,
        by_name=True,
    ),
    "grades": Section(
        "Grades",
        {
            "school_year": Text(8, r"\d{8}", True),
            "school": Code(),
            "course_number": Text(8, r"[0-9A-Za-z]{7}\d?", True),
            "course_title": Text(20),
            "term": Code(),
            "grade_level": Code(),
            "structure": Code(),
            "credit_attempted": Number(0, 9.99, integer=False),
            "credit_earned": Number(0, 9.99, integer=False),
            "final_grade": Text(3, r"[0-9A-Za-z+\-*]+"),
            "in_progress": Flag(),
            "absences": Number(0, 999),
            "cells": CELLS,
        },
        max_rows=200,
        key=("school_year", "course_number", "term"),
    ),
    "test_history": Section(
        "Test History",
        {
            "test_name": Code(required=True),
            "test_date": Date(1950, required=True),
            "subject": Text(2, r"[0-9A-Z]{2}", True),
            "subject_name": Text(60),
            "test_form": Text(1),
            "test_level": Text(2),
            "score": Text(4, r"[0-9A-Za-z ]+"),
            "score_2": Text(4, r"[0-9A-Za-z ]+"),
            "achievement_level": Text(20),
            "score_type": Code(),
            "score_type_2": Code(),
            "grade_level": Code(),
        },
        max_rows=500,
        key=("test_name", "test_date", "subject", "score_type"),
    ),
    "ese": Section(
        "ESE Exceptionalities",
        {
            "exceptionality": Code(required=True),
            "placement_status": Code(),
            "placement_date": Date(),
            "eligibility_date": Date(),
            "referral_date": Date(),
            "dismissal_date": Date(),
            "evaluation_completion_date": Date(),
            "consent_date": Date(),
        },
        max_rows=10,
        key=("exceptionality", "placement_date"),
    ),
    "immunizations": Section(
        "Immunizations",
        {
            "vaccine": Code(required=True),
            "dose_number": Number(0, 9),
            "date_kind": Choice(("date", "year", "on_file", "exempt")),
            "dose_date": Date(),
            "history_year": Number(0, 9999),
        },
        max_rows=40,
        key=("vaccine", "dose_date"),
    ),
    "schedule": Section(
        "Current Schedule",
        {
            "school_year": Text(8, r"\d{8}", True),
            "course_number": Code(required=True),
            "term": Code(),
            "school": Code(),
            "section": Text(20),
            "period": Text(10),
            "start_date": Date(2000, future_days=3660, required=True),
            "drop_date": Date(2000, future_days=3660),
        },
        max_rows=40,
        key=("school_year", "course_number", "section", "period"),
    ),
    "discipline": Section(
        "Discipline",
        {
            "incident_type": Text(60),
            "incident_date": Date(),
            "action_code": Text(20),
            "action_date": Date(),
            "duration": Number(0, 999),
            "action_district": Code(),
            "action_school": Code(),
        },
        max_rows=200,
        key=("incident_date", "incident_type"),
    ),
}

# The other answers of a peer that we keep something of, by the call's name.
ANSWERS = {
    # GET /requests/<id>: one of our outgoing requests, as the peer holds it
    "status": Section(
        "Request status",
        {
            "id": Number(0, 2**31 - 1),
            "state": Choice(("pending", "approved", "denied", "cancelled")),
            "deny_reason": Code(),
            "deny_note": Text(1000, multiline=True),
            "withdrawal_date": Date(2000, future_days=3660),
        },
        by_name=True,
        strict=False,
    ),
}

# kinds of the other demographic fields, by the type of our field
DEMOGRAPHIC_TYPES = {
    "char": Text(100),
    "text": Text(100),
    "date": Date(1900, future_days=3660),
    "boolean": Flag(),
    "integer": Number(0, 99999),
    "float": Number(0, 99999, integer=False),
    "many2one": Code(),
}


def demographic_kind(name, field_type, selection=()):
    """The kind a demographic field is checked with (None: not importable)."""
    declared = SECTIONS["demographics"].fields.get(name)
    if declared:
        return declared
    if field_type == "selection":
        return Choice(tuple(selection))
    return DEMOGRAPHIC_TYPES.get(field_type)


# --- the check ---------------------------------------------------------------


def _shown(name):
    """A field or section name as sent, safe to repeat in a message."""
    if isinstance(name, str) and not unsafe_character(name):
        return repr(name[:40])
    return "(unprintable)"


class _Errors(list):
    def add(self, where, message):
        self.append(f"{where}: {message}")


def _check_row(section, row, where, kinds, errors, today):
    if row is None:
        errors.add(where, "is missing")
        return None
    if not isinstance(row, dict):
        errors.add(where, f"must be a record, not {type(row).__name__}")
        return None
    clean = {}
    for name in row:
        if name not in kinds and section.strict:
            errors.add(where, f"field {_shown(name)} is not part of the package")
    for name, kind in kinds.items():
        if name not in row:
            if getattr(kind, "required", False):
                errors.add(f"{where}, field {name}", "is required")
            continue
        value = row[name]
        if isinstance(kind, Section):
            clean[name] = _check_rows(
                kind, value, f"{where}, field {name}", errors, today
            )
            continue
        problem = kind.check(value, today)
        if problem:
            errors.add(f"{where}, field {name}", problem)
        else:
            clean[name] = value
    return clean


def _check_rows(section, rows, where, errors, today):
    if not isinstance(rows, list):
        errors.add(where, f"must be a list of rows, not {type(rows).__name__}")
        return []
    if len(rows) > section.max_rows:
        errors.add(where, f"{len(rows)} rows, at most {section.max_rows} accepted")
        return []
    return [
        _check_row(section, row, f"{where}, row {n}", section.fields, errors, today)
        for n, row in enumerate(rows, 1)
    ]


def check_package(package, today, demographic_kinds=None):
    """``(clean package, errors)``: the package reduced to what ``SECTIONS``
    declares, and each violation as "section, row n, field f: what".

    ``demographic_kinds``: {field name: kind} of the demographic fields we
    import (``demographic_kind``); any other name is refused.
    """
    errors = _Errors()
    if not isinstance(package, dict):
        errors.add("Package", f"must be a record, not {type(package).__name__}")
        return None, errors
    if package.get("version") != 1:
        errors.add("Package", f"version {str(package.get('version'))[:10]!r} is not 1")
    clean = {"version": 1}
    for name, kind in (("district", Code()), ("sent_at", Text(32))):
        problem = kind.check(package.get(name, ""), today)
        if problem:
            errors.add(f"Package, field {name}", problem)
        else:
            clean[name] = package.get(name, "")
    clean["student"] = _check_row(
        STUDENT, package.get("student"), STUDENT.label, STUDENT.fields, errors, today
    )
    sections = package.get("sections", {})
    if not isinstance(sections, dict):
        errors.add("Package, field sections", "must be a record of sections")
        return None, errors
    clean["sections"] = {}
    for name, content in sections.items():
        spec = SECTIONS.get(name)
        if spec is None:
            errors.add("Package", f"section {_shown(name)} is not part of the package")
            continue
        if spec.by_name:
            kinds = demographic_kinds if demographic_kinds is not None else spec.fields
            if isinstance(content, dict) and len(content) > spec.max_rows:
                errors.add(spec.label, f"more than {spec.max_rows} fields")
                continue
            clean["sections"][name] = _check_row(
                spec, content, spec.label, kinds, errors, today
            )
        else:
            clean["sections"][name] = _check_rows(
                spec, content, spec.label, errors, today
            )
    if errors:
        return None, errors
    return clean, errors


def check_answer(name, answer, today):
    """``(clean answer, errors)`` of a peer's answer declared in ``ANSWERS``."""
    errors = _Errors()
    spec = ANSWERS[name]
    clean = _check_row(spec, answer, spec.label, spec.fields, errors, today)
    return (None if errors else clean), errors


def summary(errors):
    """The violations as lines, at most ``MAX_ERRORS`` of them."""
    lines = [f"- {error}" for error in errors[:MAX_ERRORS]]
    if len(errors) > MAX_ERRORS:
        lines.append(f"- … and {len(errors) - MAX_ERRORS} more")
    return "\n".join(lines)


# --- identity ----------------------------------------------------------------

IDENTITY_FIELDS = ("florida_student_id", "first_name", "last_name", "birthdate")


def _same(name, a, b):
    a, b = str(a or "").strip(), str(b or "").strip()
    if name in ("first_name", "last_name"):
        return a.casefold() == b.casefold()
    return a.upper() == b.upper()


def identity_problem(sent, package):
    """Why a (checked) package is not for the student we asked about, or None.

    ``sent``: the identity our request sent (Florida student number, first
    and last name, birthdate). The Florida student number decides when both
    sides have one; otherwise legal name and birthdate must be those sent.
    The package's demographics may not name anyone else either.
    """
    student = package.get("student") or {}
    ours, theirs = sent.get("florida_student_id"), student.get("florida_student_id")
    if ours and theirs:
        if not _same("florida_student_id", ours, theirs):
            return "its Florida student number is not the one we asked about"
    else:
        for name in ("first_name", "last_name", "birthdate"):
            if not _same(name, sent.get(name), student.get(name)):
                return f"its student's {name.replace('_', ' ')} is not the one we sent"
    demographics = (package.get("sections") or {}).get("demographics") or {}
    for name in IDENTITY_FIELDS:
        value = demographics.get(name)
        if value not in (None, "") and not _same(name, value, student.get(name)):
            return (
                f"its demographics give another {name.replace('_', ' ')} than "
                "its student"
            )
    return None


# --- duplicates inside one package -------------------------------------------


def group_duplicates(rows, key):
    """Rows by natural key, in package order: ``[(row, sent, conflict)]``.

    Identical rows sent several times are merged into one (``sent`` > 1);
    rows with the same key and different values are all kept and flagged
    (``conflict``): none of them can be the one to import.
    """
    groups = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    result = []
    for same in groups.values():
        distinct = []
        for row in same:
            if row not in distinct:
                distinct.append(row)
        if len(distinct) == 1:
            result.append((distinct[0], len(same), False))
        else:
            result.extend((row, len(same), True) for row in distinct)
    return result
