"""Transfer import rules (issue 9): translation, classification, keys, diffs."""

import importlib.util
import sys
import types
from datetime import date
from pathlib import Path

import pytest

MODELS = Path(__file__).resolve().parents[2] / "addons/focus_transfers/models"
# load the pure modules as a package without importing Odoo
pkg = types.ModuleType("ft_rules_models")
pkg.__path__ = [str(MODELS)]
sys.modules["ft_rules_models"] = pkg
for name in ("package_schema", "import_rules"):
    SPEC = importlib.util.spec_from_file_location(
        f"ft_rules_models.{name}", MODELS / f"{name}.py"
    )
    module = importlib.util.module_from_spec(SPEC)
    sys.modules[SPEC.name] = module
    SPEC.loader.exec_module(module)
rules = sys.modules["ft_rules_models.import_rules"]

tp = rules.translate_period


# --- translation (seed 000 FAQ) ----------------------------------------------


@pytest.mark.parametrize("q", [1, 2, 3, 4])
def test_nine_weeks_to_quarters_and_semesters(q):
    assert tp("semesters", f"Q{q}", "quarters") == (f"Q{q}", rules.OK, "")
    assert tp("quarters", f"Q{q}", "semesters") == (f"Q{q}", rules.OK, "")
    assert tp("annual", f"P{q}", "quarters") == (f"Q{q}", rules.OK, "")


def test_semester_grades_translate():
    assert tp("semesters", "S1", "block_4x4")[1] == rules.WARNING
    assert tp("semesters", "S2", "annual") == ("FY", rules.OK, "")
    assert tp("semesters", "E2", "annual") == ("EX", rules.OK, "")
    target, status, message = tp("semesters", "S1", "quarters")
    assert (target, status) == (rules.COURSE_FINAL, rules.WARNING)
    assert "final grade" in message


def test_four_by_four_block_imports_as_quarters():
    for b in range(1, 5):
        assert tp("block_4x4", f"B{b}", "quarters") == (f"Q{b}", rules.OK, "")
        assert tp("block_4x4", f"B{b}", "semesters") == (f"Q{b}", rules.OK, "")
        assert tp("block_4x4", f"BE{b}", "quarters") == (f"QE{b}", rules.OK, "")
    assert tp("block_4x4", "BC2", "semesters") == ("S1", rules.OK, "")
    assert tp("block_4x4", "BC4", "semesters") == ("S2", rules.OK, "")


@pytest.mark.parametrize(
    "source,code,target,placed",
    [
        ("trimesters", "T1", "semesters", "Q1"),
        ("trimesters", "T3", "quarters", "Q4"),
        ("trimesters", "TC1", "semesters", "S1"),
        ("semesters", "Q2", "trimesters", "T2"),
        ("quarters", "Q1", "trimesters", "T1"),
    ],
)
def test_trimester_warns_and_advises_manual_entry(source, code, target, placed):
    got, status, message = tp(source, code, target)
    assert (got, status) == (placed, rules.WARNING)
    assert "manually" in message


def test_same_structure_is_identity_even_for_trimesters():
    assert tp("trimesters", "TE2", "trimesters") == ("TE2", rules.OK, "")


def test_unknown_period_or_structure_is_an_error():
    assert tp("semesters", "Q9", "quarters")[1] == rules.ERROR
    assert tp("hexamesters", "Q1", "quarters")[1] == rules.ERROR
    assert tp("semesters", "Q1", None)[1] == rules.ERROR
    # a quarter-1 exam has no semester exam ending with it
    assert tp("quarters", "QE1", "semesters")[1] == rules.ERROR


def test_catalog_key_uses_first_seven_digits():
    assert rules.catalog_key("12003101") == "1200310"
    assert rules.catalog_key("1200310") == "1200310"
    assert rules.catalog_key("12-0031") is None
    assert rules.catalog_key("") is None


# --- grade classification ----------------------------------------------------


def _context(**over):
    ctx = {
        "school_years": {"20242025": "semesters", "20252026": "quarters"},
        "catalog": {"1200310", "2003340"},
        "scale_grades": {"1200310": {"A", "B", "C", "D", "F"}},
        "all_grades": {"A", "B", "C", "D", "F", "P", "FL"},
        "held_cells": {},
        "held_finals": {},
    }
    ctx.update(over)
    return ctx


def _cell(**over):
    cell = {
        "school_year": "20242025",
        "course_number": "12003101",
        "structure": "semesters",
        "period": "Q1",
        "grade": "B",
    }
    cell.update(over)
    return cell


def test_clean_cell_is_ok():
    got = rules.classify_grade_cell(_cell(), _context())
    assert (got["status"], got["target_period"], got["messages"]) == (
        rules.OK,
        "Q1",
        [],
    )


def test_warning_course_not_in_catalog():
    got = rules.classify_grade_cell(_cell(course_number="99999991"), _context())
    assert got["status"] == rules.WARNING
    assert "not in our course catalog" in got["messages"][0]


def test_warning_grade_outside_course_scale():
    got = rules.classify_grade_cell(_cell(grade="P"), _context())
    assert got["status"] == rules.WARNING


def test_warning_trimester():
    got = rules.classify_grade_cell(
        _cell(structure="trimesters", period="T1"), _context()
    )
    assert got["status"] == rules.WARNING
    assert got["target_period"] == "Q1"


@pytest.mark.parametrize(
    "cell,why",
    [
        (_cell(grade="Z"), "none of our grading scales"),
        (_cell(school_year="19992000"), "does not exist"),
        (_cell(school_year=""), "no school year"),
        (_cell(course_number="12AB"), "not a state course number"),
        (_cell(grade=""), "empty"),
        (_cell(period="X7"), "not a semesters period"),
    ],
)
def test_errors(cell, why):
    got = rules.classify_grade_cell(cell, _context())
    assert got["status"] == rules.ERROR
    assert why in " ".join(got["messages"])


def test_error_final_grade_contradicts_ours():
    ctx = _context(held_finals={("20242025", "12003101"): "A"})
    got = rules.classify_grade_cell(_cell(final_grade="C"), ctx)
    assert got["status"] == rules.ERROR
    assert "contradicts" in got["messages"][-1]
    same = rules.classify_grade_cell(_cell(final_grade="A"), ctx)
    assert same["status"] == rules.OK


def test_held_cell_is_skipped_or_conflicts():
    ctx = _context(held_cells={("20242025", "12003101", "Q1"): "B"})
    assert rules.classify_grade_cell(_cell(), ctx)["status"] == rules.EXISTS
    assert rules.classify_grade_cell(_cell(grade="C"), ctx)["status"] == rules.ERROR


# --- tests -------------------------------------------------------------------


def _tctx(**over):
    ctx = {
        "test_names": {"FAST", "EOC"},
        "score_types": {"SS", "AL"},
        "held_tests": {},
        "today": date(2026, 1, 1),
    }
    ctx.update(over)
    return ctx


TEST_ROW = {
    "test_name": "FAST",
    "test_date": "2025-05-01",
    "subject": "RD",
    "score_type": "SS",
    "score": "310",
}


def test_test_rows():
    assert rules.classify_test(TEST_ROW, _tctx()) == (rules.OK, [])
    assert (
        rules.classify_test({**TEST_ROW, "test_name": "ZZ"}, _tctx())[0] == rules.ERROR
    )
    assert (
        rules.classify_test({**TEST_ROW, "test_date": "x"}, _tctx())[0] == rules.ERROR
    )
    assert (
        rules.classify_test({**TEST_ROW, "test_date": "2027-01-01"}, _tctx())[0]
        == rules.ERROR
    )
    assert rules.classify_test({**TEST_ROW, "score_type": "QQ"}, _tctx())[0] == (
        rules.WARNING
    )
    key = rules.natural_key("test_history", TEST_ROW)
    assert rules.classify_test(TEST_ROW, _tctx(held_tests={key: "310"}))[0] == (
        rules.EXISTS
    )
    assert rules.classify_test(TEST_ROW, _tctx(held_tests={key: "300"}))[0] == (
        rules.ERROR
    )


# --- keys, demographics, refresh ------------------------------------------------


def test_natural_key_ignores_case_and_blanks():
    a = rules.natural_key(
        "immunizations", {"vaccine": "mmr", "dose_date": "2015-01-02"}
    )
    b = rules.natural_key(
        "immunizations", {"vaccine": " MMR ", "dose_date": "2015-01-02", "x": 1}
    )
    assert a == b


def test_diff_demographics_lists_only_differences():
    incoming = {
        "first_name": "Ana",
        "middle_name": "Lucia",
        "birthdate": date(2012, 3, 4),
        "birth_city": "",
    }
    current = {"first_name": "Ana", "middle_name": "", "birthdate": "2012-03-05"}
    rows = rules.diff_demographics(
        incoming, current, ["first_name", "middle_name", "birthdate", "birth_city"]
    )
    assert rows == [
        ("middle_name", "", "Lucia"),
        ("birthdate", "2012-03-05", "2012-03-04"),
    ]


def test_changed_since():
    assert rules.changed_since({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {"b", "c"}


def test_worst():
    assert rules.worst(rules.OK, rules.WARNING) == rules.WARNING
    assert rules.worst(rules.WARNING, rules.ERROR, rules.OK) == rules.ERROR
