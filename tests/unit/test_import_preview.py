"""Transfer import preview and plan (issue 9): idempotence, selection, rights."""

import copy
import importlib.util
import sys
import types
from datetime import date
from pathlib import Path

import pytest

MODELS = Path(__file__).resolve().parents[2] / "addons/focus_transfers/models"
# load the two pure modules as a package without importing Odoo
pkg = types.ModuleType("ft_models")
pkg.__path__ = [str(MODELS)]
sys.modules["ft_models"] = pkg
for name in ("package_schema", "import_rules", "import_preview"):
    spec = importlib.util.spec_from_file_location(
        f"ft_models.{name}", MODELS / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
rules = sys.modules["ft_models.import_rules"]
preview_mod = sys.modules["ft_models.import_preview"]

ALL = set(preview_mod.SECTIONS)
IMPORTABLE_FIELDS = ["first_name", "middle_name", "birth_city", "primary_language"]


def package():
    return {
        "version": 1,
        "district": "12",
        "sections": {
            "demographics": {
                "first_name": "Ana",
                "middle_name": "Lucia",
                "birth_city": "Lake City",
                "primary_language": "EN",
            },
            "grades": [
                {
                    "school_year": "20242025",
                    "course_number": "12003101",
                    "term": "3",
                    "structure": "semesters",
                    "final_grade": "B",
                    "cells": [
                        {"period": "Q1", "grade": "B"},
                        {"period": "Q2", "grade": "A"},
                        {"period": "S1", "grade": "B"},
                        {"period": "Q3", "grade": "ZZ"},  # error: no scale
                    ],
                },
                {
                    "school_year": "20242025",
                    "course_number": "99999991",  # warning: not in catalog
                    "term": "3",
                    "structure": "semesters",
                    "cells": [{"period": "Q1", "grade": "C"}],
                },
            ],
            "test_history": [
                {
                    "test_name": "FAST",
                    "test_date": "2025-05-01",
                    "subject": "RD",
                    "score_type": "SS",
                    "score": "310",
                },
                {"test_name": "NOPE", "test_date": "2025-05-01", "score": "1"},
            ],
            "immunizations": [{"vaccine": "MMR", "dose_date": "2014-02-03"}],
            "discipline": [{"incident_date": "2025-01-10", "incident_type": "FIT"}],
        },
    }


class Store:
    """An in-memory stand-in for our database, for the idempotence test."""

    def __init__(self):
        self.demographics = {"first_name": "Ana", "middle_name": ""}
        self.cells = {}
        self.finals = {}
        self.tests = {}
        self.keys = {}

    def ctx(self, allowed=ALL):
        return {
            "school_years": {"20242025": "semesters"},
            "catalog": {"1200310"},
            "scale_grades": {"1200310": {"A", "B", "C", "D", "F"}},
            "all_grades": {"A", "B", "C", "D", "F"},
            "held_cells": dict(self.cells),
            "held_finals": dict(self.finals),
            "test_names": {"FAST"},
            "score_types": {"SS"},
            "held_tests": dict(self.tests),
            "today": date(2026, 1, 1),
            "current_demographics": dict(self.demographics),
            "importable_fields": IMPORTABLE_FIELDS,
            "held_keys": {k: set(v) for k, v in self.keys.items()},
            "allowed": allowed,
        }

    def apply(self, plan):
        for section, rows in plan.items():
            for row in rows:
                data = row["data"]
                if section == "demographics":
                    self.demographics[data["field"]] = data["incoming"]
                elif section == "grades":
                    assert row["key"] not in self.cells, "duplicate grade cell"
                    self.cells[row["key"]] = data["grade"]
                    course = data["course"]
                    if course.get("final_grade"):
                        self.finals[row["key"][:2]] = course["final_grade"]
                elif section == "test_history":
                    assert row["key"] not in self.tests, "duplicate test"
                    self.tests[row["key"]] = data["score"]
                else:
                    held = self.keys.setdefault(section, set())
                    assert row["key"] not in held, "duplicate record"
                    held.add(row["key"])

    def snapshot(self):
        return copy.deepcopy(vars(self))


def run_import(store, selected=ALL, allowed=ALL, tweak=None):
    preview = preview_mod.build_preview(package(), store.ctx(allowed))
    if tweak:
        tweak(preview)
    store.apply(preview_mod.plan_import(preview, selected, allowed))
    return preview


def test_preview_statuses():
    preview = preview_mod.build_preview(package(), Store().ctx())
    grades = preview["grades"]
    assert [r["status"] for r in grades] == [
        rules.OK,
        rules.OK,
        rules.OK,
        rules.ERROR,
        rules.WARNING,
    ]
    assert (
        not grades[3]["selected"]
        and "none of our grading scales" in (grades[3]["message"])
    )
    tests = preview["test_history"]
    assert [r["status"] for r in tests] == [rules.OK, rules.ERROR]
    fields = [r["data"]["field"] for r in preview["demographics"]]
    assert fields == ["middle_name", "birth_city", "primary_language"]
    assert preview["discipline"][0]["selected"] is False


def test_sections_only_when_package_has_them():
    preview = preview_mod.build_preview(package(), Store().ctx())
    assert set(preview) == {
        "demographics",
        "grades",
        "test_history",
        "immunizations",
        "discipline",
    }


def test_import_three_times_gives_the_same_database():
    store = Store()
    run_import(store)
    first = store.snapshot()
    assert len(first["cells"]) == 4  # 3 ok + 1 warning; the error is not imported
    run_import(store)
    run_import(store)
    assert store.snapshot() == first
    again = preview_mod.build_preview(package(), store.ctx())
    assert {r["status"] for r in again["grades"]} == {rules.EXISTS, rules.ERROR}
    assert again["demographics"] == []


def test_discipline_is_never_imported():
    store = Store()
    run_import(store)
    assert "discipline" not in store.keys


def test_deselect_field_and_section_then_reopen_imports_the_rest():
    store = Store()

    def untick_middle_name(preview):
        for row in preview["demographics"]:
            if row["data"]["field"] == "middle_name":
                row["selected"] = False

    run_import(store, selected=ALL - {"immunizations"}, tweak=untick_middle_name)
    assert store.demographics["middle_name"] == ""
    assert store.demographics["birth_city"] == "Lake City"
    assert "immunizations" not in store.keys
    run_import(store)  # re-opened later: the skipped parts come in
    assert store.demographics["middle_name"] == "Lucia"
    assert store.keys["immunizations"] == {("MMR", "2014-02-03")}


@pytest.mark.parametrize(
    "section", ["demographics", "grades", "test_history", "immunizations"]
)
def test_permission_matrix_per_section(section):
    """Without the right, a section is neither shown nor imported."""
    allowed = ALL - {section}
    store = Store()
    preview = run_import(store, allowed=allowed)
    assert section not in preview
    # even a forged selection of the section imports nothing
    full = preview_mod.build_preview(package(), Store().ctx())
    assert section not in preview_mod.plan_import(full, ALL, allowed)


def test_refresh_marks_changes():
    first = preview_mod.build_preview(package(), Store().ctx())
    pkg = package()
    pkg["sections"]["grades"][0]["cells"][1]["grade"] = "B"
    second = preview_mod.build_preview(pkg, Store().ctx())
    preview_mod.mark_changes(first, second)
    changed = [r["key"] for rows in second.values() for r in rows if r["changed"]]
    assert changed == [("20242025", "12003101", "Q2")]


def test_two_cells_in_one_period_is_an_error():
    pkg = package()
    pkg["sections"]["grades"] = [
        {
            "school_year": "20242025",
            "course_number": "12003101",
            "structure": "block_4x4",
            "cells": [{"period": "BC2", "grade": "A"}, {"period": "BC2", "grade": "B"}],
        }
    ]
    rows = preview_mod.build_preview(pkg, Store().ctx())["grades"]
    # two different grades for one period: neither can be the one imported
    assert [r["status"] for r in rows] == [rules.ERROR, rules.ERROR]
    assert "different grades for period BC2" in rows[0]["message"]


def test_unknown_required_code_is_an_error():
    ctx = Store().ctx()
    ctx["required_codes"] = {"immunizations": {"vaccine": {"DTAP"}}}
    rows = preview_mod.build_preview(package(), ctx)["immunizations"]
    assert rows[0]["status"] == rules.ERROR
    assert "vaccine 'MMR' is unknown here." in rows[0]["message"]
    assert not rows[0]["selected"]
