"""Pure rules of the transfer import: no Odoo import, so tests hit them directly.

The wizard (``wizards/transfer_import_wizard.py``) builds its preview lines
from these functions; the same functions decide at import time, so the preview
and the import cannot disagree.

* Marking periods: each structure's periods as (kind, start, end) in twelfths
  of the school year (a quarter is 3, a trimester 4, a semester 6), with the
  codes ``fl.marking.period`` generates (academic branch).
* Classification: ``WARNING`` rows are imported and flagged (yellow),
  ``ERROR`` rows are shown and never imported (red), ``EXISTS`` rows are
  already held and skipped (idempotent import).
"""

import re
from datetime import date

from .package_schema import SECTIONS

OK = "ok"
WARNING = "warning"
ERROR = "error"
EXISTS = "exists"

GRADE, EXAM, FINAL = "grade", "exam", "final"
COURSE_FINAL = "course_final"  # no cell of ours: kept as the course's final grade


def _periods(rows):
    return {code: (kind, start, end) for code, kind, start, end in rows}


# structure -> {code: (kind, start, end)}; spans in twelfths of the year
STRUCTURE_PERIODS = {
    "annual": _periods(
        [(f"P{q}", GRADE, 3 * (q - 1), 3 * q) for q in range(1, 5)]
        + [("EX", EXAM, 0, 12), ("FY", FINAL, 0, 12)]
    ),
    "semesters": _periods(
        [(f"Q{q}", GRADE, 3 * (q - 1), 3 * q) for q in range(1, 5)]
        + [(f"E{s}", EXAM, 6 * (s - 1), 6 * s) for s in (1, 2)]
        + [(f"S{s}", FINAL, 6 * (s - 1), 6 * s) for s in (1, 2)]
    ),
    "quarters": _periods(
        [(f"Q{q}", GRADE, 3 * (q - 1), 3 * q) for q in range(1, 5)]
        + [(f"QE{q}", EXAM, 3 * (q - 1), 3 * q) for q in range(1, 5)]
    ),
    "trimesters": _periods(
        [(f"T{t}", GRADE, 4 * (t - 1), 4 * t) for t in range(1, 4)]
        + [(f"TE{t}", EXAM, 4 * (t - 1), 4 * t) for t in range(1, 4)]
        + [(f"TC{t}", FINAL, 4 * (t - 1), 4 * t) for t in range(1, 4)]
    ),
    "block_4x4": _periods(
        [(f"B{b}", GRADE, 3 * (b - 1), 3 * b) for b in range(1, 5)]
        + [(f"BE{b}", EXAM, 3 * (b - 1), 3 * b) for b in range(1, 5)]
        + [(f"BC{b}", FINAL, 3 * (b - 1), 3 * b) for b in range(1, 5)]
    ),
}

MSG_TRIMESTER = (
    "Trimester grades do not align with {other} marking periods: placed in "
    "{target} by overlap; we advise entering this grade manually."
)


def translate_period(source_structure, code, target_structure):
    """Place a sender's marking-period grade in our structure.

    Returns ``(target_code, status, message)``; ``target_code`` is
    ``COURSE_FINAL`` when a final has no cell of its length in our year (it
    becomes the course's final grade), ``None`` on error.

    * same structure: same code;
    * 9-week and semester grades: the period of the same kind and span;
    * 4x4 block terms import as quarter (9-week) grades; a final or exam lands
      in our period of its kind that ends when it ends (block term 2's final
      is semester 1's), else a final becomes the course's final grade;
    * trimester on either side: best overlap, with a warning advising manual
      entry (the Focus Student Transfers guide, FAQ).
    """
    source = STRUCTURE_PERIODS.get(source_structure)
    target = STRUCTURE_PERIODS.get(target_structure)
    if source is None:
        return None, ERROR, f"Unknown marking structure {source_structure!r}."
    if target is None:
        return (
            None,
            ERROR,
            f"Our school year has no marking structure ({target_structure!r}).",
        )
    if code not in source:
        return (
            None,
            ERROR,
            f"Marking period {code!r} is not a {source_structure} period.",
        )
    if source_structure == target_structure:
        return code, OK, ""
    kind, start, end = source[code]
    same_kind = [(c, s, e) for c, (k, s, e) in target.items() if k == kind]
    exact = [c for c, s, e in same_kind if (s, e) == (start, end)]
    if exact:
        return exact[0], OK, ""
    trimester = "trimesters" in (source_structure, target_structure)
    if not trimester:
        containing = sorted(
            (e - s, c) for c, s, e in same_kind if s <= start and end == e
        )
        if containing:
            return containing[0][1], OK, ""
        if kind == FINAL:
            return (
                COURSE_FINAL,
                WARNING,
                (
                    f"Our {target_structure} year has no final ending with "
                    f"{code}: kept as the course's final grade."
                ),
            )
        return None, ERROR, f"No {kind} period of ours matches {code}."
    overlaps = sorted(
        (-(min(end, e) - max(start, s)), s, c)
        for c, s, e in same_kind
        if min(end, e) > max(start, s)
    )
    if not overlaps:
        if kind == FINAL:
            placed = COURSE_FINAL
        else:
            return None, ERROR, f"No {kind} period of ours overlaps {code}."
    else:
        placed = overlaps[0][2]
    other = "our" if source_structure == "trimesters" else "the sender's"
    return placed, WARNING, MSG_TRIMESTER.format(other=other, target=placed)


# --- course numbers ---------------------------------------------------------

COURSE_NUMBER = re.compile(r"^\d{7}[0-9A-Z]?$")


def catalog_key(course_number):
    """The first 7 digits find our catalog course (the Focus Student
    Transfers guide, FAQ); ``None`` if the number is not a state course
    number."""
    number = (course_number or "").strip().upper()
    if not COURSE_NUMBER.match(number):
        return None
    return number[:7]


# --- classification ------------------------------------------------------------


def worst(*statuses):
    order = [OK, EXISTS, WARNING, ERROR]
    return max(statuses or [OK], key=order.index)


def classify_grade_cell(cell, context):
    """Classify one incoming marking-period grade.

    ``cell``: dict with course_number, school_year (code 'CCYYCCYY'),
    structure, period (sender's code), grade, final_grade (course's, optional).
    ``context``: dict with
      ``school_years``: {year code: our marking structure},
      ``catalog``: set of 7-digit catalog numbers,
      ``scale_grades``: {7-digit number: set of valid grades of its scale},
      ``all_grades``: set of grades valid in any of our scales,
      ``held_cells``: {(year, course_number, target period): grade},
      ``held_finals``: {(year, course_number): final grade}.
    Returns dict(target_period, status, messages).
    """
    messages = []
    statuses = []
    year = (cell.get("school_year") or "").strip()
    number = (cell.get("course_number") or "").strip().upper()
    grade = (cell.get("grade") or "").strip().upper()
    result = {"target_period": None, "status": ERROR, "messages": messages}
    if not year:
        messages.append("The grade has no school year.")
        return result
    structure = context["school_years"].get(year)
    if structure is None:
        messages.append(f"School year {year} does not exist in our district.")
        return result
    key7 = catalog_key(number)
    if key7 is None:
        messages.append(f"Course number {number!r} is not a state course number.")
        return result
    if not grade:
        messages.append("The grade is empty.")
        return result
    if grade not in context["all_grades"]:
        messages.append(f"Grade {grade!r} is valid in none of our grading scales.")
        return result
    target, status, message = translate_period(
        cell.get("structure"), cell.get("period"), structure
    )
    result["target_period"] = target
    if status == ERROR:
        messages.append(message)
        return result
    statuses.append(status)
    if message:
        messages.append(message)
    if key7 not in context["catalog"]:
        statuses.append(WARNING)
        messages.append(
            f"Course {number} is not in our course catalog: imported and flagged."
        )
    else:
        scale = context["scale_grades"].get(key7)
        if scale and grade not in scale:
            statuses.append(WARNING)
            messages.append(
                f"Grade {grade!r} is not in the grading scale of course {key7}."
            )
    final = (cell.get("final_grade") or "").strip().upper()
    held_final = context["held_finals"].get((year, number))
    if final and held_final and held_final != final:
        result["status"] = ERROR
        messages.append(
            f"Final grade {final!r} contradicts the final grade {held_final!r} "
            "we hold for this course."
        )
        return result
    held = context["held_cells"].get((year, number, target))
    if held is not None:
        if held == grade:
            result["status"] = EXISTS
            messages.append("Already imported.")
            return result
        result["status"] = ERROR
        messages.append(
            f"We already hold grade {held!r} for {target}; not overwritten."
        )
        return result
    result["status"] = worst(*statuses)
    return result


def classify_test(row, context):
    """Classify one test-history row (the whole row is one record).

    ``context``: ``test_names`` (set of codes), ``score_types`` (set of codes),
    ``held_tests`` {natural key: score}, ``today`` (date).
    """
    messages = []
    name = (row.get("test_name") or "").strip()
    when = row.get("test_date") or ""
    if name not in context["test_names"]:
        messages.append(f"Test {name!r} is not in our test table.")
        return ERROR, messages
    try:
        when_date = date.fromisoformat(str(when))
    except ValueError:
        messages.append(f"Test date {when!r} is not a date.")
        return ERROR, messages
    if when_date > context.get("today", date.today()):
        messages.append(f"Test date {when} is in the future.")
        return ERROR, messages
    if not (row.get("subject") or "").strip():
        messages.append("The test has no subject content code.")
        return ERROR, messages
    score_type = (row.get("score_type") or "").strip()
    status = OK
    if score_type and score_type not in context["score_types"]:
        messages.append(f"Score type {score_type!r} is unknown here: imported as sent.")
        status = WARNING
    held = context["held_tests"].get(natural_key("test_history", row))
    if held is not None:
        if str(held) == str(row.get("score")):
            return EXISTS, ["Already imported."]
        messages.append(f"We hold score {held!r} for this test; not overwritten.")
        return ERROR, messages
    return status, messages


# --- natural keys -------------------------------------------------------------

# declared once, in the package schema (one table per section)
NATURAL_KEYS = {name: spec.key for name, spec in SECTIONS.items() if spec.key}


def natural_key(section, row):
    """What makes a record of ``section`` the same record on both sides."""
    return tuple(
        str(row.get(field) or "").strip().upper() for field in NATURAL_KEYS[section]
    )


# --- demographics -------------------------------------------------------------


def normalize(value):
    """Compare values as the registrar sees them (trimmed, case-sensitive)."""
    if value is None or value is False or value == "":
        return ""
    if value is True:
        return "1"
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def diff_demographics(incoming, current, importable):
    """Fields to list: importable, sent with a value, and different from ours.

    Returns ``[(field, current, incoming)]`` in ``importable`` order.
    """
    rows = []
    for field in importable:
        new = normalize(incoming.get(field))
        if not new:
            continue
        old = normalize(current.get(field))
        if new != old:
            rows.append((field, old, new))
    return rows


def changed_since(previous, current):
    """Keys whose value changed between two pulls (for Refresh marking)."""
    return {
        key
        for key in set(previous) | set(current)
        if previous.get(key) != current.get(key)
    }
