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

SECTIONS = (
    "demographics",
    "grades",
    "test_history",
    "ese",
    "immunizations",
    "schedule",
    "discipline",
)
NOT_IMPORTABLE = {"discipline"}  # shown, never imported (seed 000)
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


def _grade_rows(courses, ctx):
    rows = []
    for course in courses:
        seen = set()
        for cell in course.get("cells") or []:
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
            status, messages = got["status"], list(got["messages"])
            if target and status != rules.ERROR and key in seen:
                status = rules.ERROR
                messages.append(f"Two incoming grades fall in our period {target}.")
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
    for record in records:
        key = rules.natural_key(section, record)
        unknown = [
            f"{name} {record.get(name)!r} is unknown here."
            for name, known in (required_codes or {}).items()
            if record.get(name) not in known
        ]
        if unknown:
            rows.append(_row(section, key, rules.ERROR, unknown, record))
        elif key in held_keys:
            rows.append(_row(section, key, rules.EXISTS, ["Already imported."], record))
        else:
            rows.append(_row(section, key, rules.OK, [], record))
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
            preview[section] = [
                _row(
                    section,
                    (field,),
                    rules.OK,
                    [],
                    {"field": field, "current": old, "incoming": new},
                )
                for field, old, new in rules.diff_demographics(
                    content, ctx["current_demographics"], ctx["importable_fields"]
                )
            ]
        elif section == "grades":
            preview[section] = _grade_rows(content, ctx)
        elif section == "test_history":
            preview[section] = []
            for record in content:
                status, messages = rules.classify_test(record, ctx)
                key = rules.natural_key(section, record)
                preview[section].append(_row(section, key, status, messages, record))
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
