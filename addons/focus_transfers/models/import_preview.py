"""Preview and plan of a transfer import, from a record package (pure Python).

The record package (``fl.student._transfer_package(sections)``) is a JSON-able
dict; codes travel as code strings, never database ids::

    {"version": 1, "district": "12", "student": {...},
     "sections": {"demographics": {field: value},
                  "grades": [{school_year, school, course_number, course_title,
                              term, structure, final_grade, credit_earned,
                              cells: [{period, grade}]}],
                  "test_history": [{test_name, test_date, subject,
                                    score_type, score}],
                  "ese": [...], "immunizations": [...], "schedule": [...],
                  "discipline": [...]}}

``build_preview`` turns it into rows with a status; ``plan_import`` keeps the
rows the user left checked and that may be imported. The wizard stores the
rows as transient lines; tests and the benchmark call these directly.
"""

from . import import_rules as rules
from .package_schema import IDENTITY_FIELDS, group_duplicates

SECTIONS = (
    "demographics",
    "grades",
    "test_history",
    "ese",
    "immunizations",
    "schedule",
    "discipline",
)
NOT_IMPORTABLE = {"discipline"}  # shown, never imported (the guide)
# Not tried by a trial write before the preview: a 13-year history is a
# thousand grades, too slow to write twice; the preview's rules (and the
# schema) check what the course history's forms check.
NOT_TRIED = {"grades"}
IMPORTABLE_STATUSES = {rules.OK, rules.WARNING}


def _row(section, key, status, messages, data):
    return {
        "section": section,
        "key": key,
        "status": status,
        "message": "\n".join(messages),
        "selected": status in IMPORTABLE_STATUSES and section not in NOT_IMPORTABLE,
        "data": data,
    }


def _duplicates(section, records):
    """``[(record, messages, conflict)]``: identical rows merged, rows with
    the same natural key and different values flagged (none imported)."""
    result = []
    for record, sent, conflict in group_duplicates(
        records, lambda r: rules.natural_key(section, r)
    ):
        messages = []
        if conflict:
            messages.append(
                f"The package sends {sent} different rows for this record "
                "(same natural key): none is imported."
            )
        elif sent > 1:
            messages.append(f"Sent {sent} times in the package: imported once.")
        result.append((record, messages, conflict))
    return result


def _course_problem(course, target, ctx):
    """What our course history would refuse for this grade (the forms'
    rules that span fields: grades are too many to try writing each)."""
    if course.get("in_progress") is True and course.get("final_grade"):
        return "A course in progress has no final grade."
    periods = ctx.get("year_periods")
    year = course.get("school_year")
    if (
        periods is not None
        and target not in (None, rules.COURSE_FINAL)
        and target not in periods.get(year, ())
    ):
        return (
            f"School year {year} has no marking period {target}: generate its "
            "marking periods first."
        )
    return None


def _grade_rows(courses, ctx):
    rows = []
    for course, course_notes, course_conflict in _duplicates("grades", courses):
        seen = set()
        cells = group_duplicates(course.get("cells") or [], lambda c: c.get("period"))
        for cell, sent, cell_conflict in cells:
            merged = {
                **cell,
                "school_year": course.get("school_year"),
                "course_number": course.get("course_number"),
                "structure": cell.get("structure") or course.get("structure"),
                "final_grade": course.get("final_grade"),
            }
            got = rules.classify_grade_cell(merged, ctx)
            target = got["target_period"]
            key = (
                str(course.get("school_year") or ""),
                str(course.get("course_number") or "").upper(),
                target,
            )
            status, messages = got["status"], course_notes + list(got["messages"])
            if target and status != rules.ERROR and key in seen:
                status = rules.ERROR
                messages.append(f"Two incoming grades fall in our period {target}.")
            if cell_conflict:
                status = rules.ERROR
                messages.append(
                    f"The package sends {sent} different grades for period "
                    f"{cell.get('period')}: none is imported."
                )
            elif sent > 1:
                messages.append(f"Sent {sent} times in the package: imported once.")
            if course_conflict:
                status = rules.ERROR
            if status != rules.ERROR:
                problem = _course_problem(course, target, ctx)
                if problem:
                    status = rules.ERROR
                    messages.append(problem)
            seen.add(key)
            data = {
                "course": {k: v for k, v in course.items() if k != "cells"},
                "period": cell.get("period"),
                "target_period": target,
                "grade": (cell.get("grade") or "").strip().upper(),
            }
            rows.append(_row("grades", key, status, messages, data))
    return rows


def _keyed_rows(section, records, held_keys, required_codes=None):
    """Rows keyed by natural key; an unknown required code is an error."""
    rows = []
    for record, notes, conflict in _duplicates(section, records):
        key = rules.natural_key(section, record)
        unknown = [
            f"{name} {record.get(name)!r} is unknown here."
            for name, known in (required_codes or {}).items()
            if record.get(name) not in known
        ]
        if conflict or unknown:
            rows.append(_row(section, key, rules.ERROR, notes + unknown, record))
        elif key in held_keys:
            rows.append(
                _row(section, key, rules.EXISTS, [*notes, "Already imported."], record)
            )
        else:
            rows.append(_row(section, key, rules.OK, notes, record))
    return rows


def _demographic_rows(content, ctx):
    """Fields that differ from ours. A field that identifies the student is
    never changed by a package (only a Florida student number we lack, and
    that no other student of ours holds, is filled in)."""
    rows = []
    for field, old, new in rules.diff_demographics(
        content, ctx["current_demographics"], ctx["importable_fields"]
    ):
        status, messages = rules.OK, []
        if field in IDENTITY_FIELDS and not (
            field == "florida_student_id"
            and not old
            and not ctx.get("florida_student_id_taken")
        ):
            status = rules.ERROR
            messages.append(
                "This field identifies the student: a package does not change "
                "it (correct it on the student's form if it is wrong)."
            )
        data = {"field": field, "current": old, "incoming": new}
        rows.append(_row("demographics", (field,), status, messages, data))
    return rows


def build_preview(package, ctx):
    """Rows per section present in the package and allowed to the user.

    ``ctx``: the classification context of ``import_rules`` plus
    ``current_demographics`` {field: value}, ``importable_fields`` (ordered),
    ``held_keys`` {section: set of natural keys}, ``required_codes``
    {section: {package field: set of our codes}} (optional), ``allowed`` (set
    of sections; discipline is shown whenever the package has it).
    """
    sections = package.get("sections") or {}
    allowed = ctx.get("allowed", set(SECTIONS))
    preview = {}
    for section in SECTIONS:
        content = sections.get(section)
        if not content or (section not in allowed and section not in NOT_IMPORTABLE):
            continue
        if section == "demographics":
            preview[section] = _demographic_rows(content, ctx)
        elif section == "grades":
            preview[section] = _grade_rows(content, ctx)
        elif section == "test_history":
            preview[section] = []
            for record, notes, conflict in _duplicates(section, content):
                status, messages = rules.classify_test(record, ctx)
                if conflict:
                    status = rules.ERROR
                key = rules.natural_key(section, record)
                preview[section].append(
                    _row(section, key, status, notes + messages, record)
                )
        else:
            held = ctx.get("held_keys", {}).get(section, set())
            required = ctx.get("required_codes", {}).get(section)
            preview[section] = _keyed_rows(section, content, held, required)
    return preview


def plan_import(preview, selected_sections, allowed):
    """What to write: checked rows of checked, allowed, importable sections."""
    plan = {}
    for section, rows in preview.items():
        if (
            section in NOT_IMPORTABLE
            or section not in selected_sections
            or section not in allowed
        ):
            continue
        chosen = [
            row
            for row in rows
            if row["selected"] and row["status"] in IMPORTABLE_STATUSES
        ]
        if chosen:
            plan[section] = chosen
    return plan


def mark_changes(previous, current):
    """Flag rows of ``current`` that are new or changed since ``previous``.

    Rows match on (section, key); sets ``row["changed"]``.
    """
    before = {
        (row["section"], row["key"]): row["data"]
        for rows in previous.values()
        for row in rows
    }
    for rows in current.values():
        for row in rows:
            row["changed"] = before.get((row["section"], row["key"])) != row["data"]
    return current
