"""I/S08 Student Test Information (items 1-308): six tests of 142 bytes.

Source: reference/faster-formats.md §1.9 ([ASP] FST-08, edits 08#x; manual
appendix I8). Each test: grade level, date (MMDDCCYY), test name, form,
level, then nine subject-content groups (subject content, score type 1,
score 1, score type 2, score 2). Item numbers: 6 (filler), then 50 a test
in field order (7-306), 307 filler and 308 local — which gives the
manual's "items 1-308"; the manual's own order within a test is not in the
reference (doubt).
"""

from ..layout import MMDDCCYY, NUM, TEXT, F, Layout, filler, local_filler, prefix

TEST_START = 32
TEST_LENGTH = 142
TESTS = 6
GROUPS = 9


def _test(number, first_item):
    start = TEST_START + (number - 1) * TEST_LENGTH
    key = f"test{number}"
    rows = [
        F(
            first_item,
            start,
            2,
            TEXT,
            f"{key}_grade_level",
            f"Test {number}: Grade Level",
            codeset="fl.grade.level",
        ),
        F(
            first_item + 1,
            start + 2,
            8,
            NUM,
            f"{key}_date",
            f"Test {number}: Date",
            fmt=MMDDCCYY,
        ),
        F(
            first_item + 2,
            start + 10,
            3,
            TEXT,
            f"{key}_name",
            f"Test {number}: Name",
            codeset="fl.test.name",
        ),
        F(first_item + 3, start + 13, 1, TEXT, f"{key}_form", f"Test {number}: Form"),
        F(first_item + 4, start + 14, 2, TEXT, f"{key}_level", f"Test {number}: Level"),
    ]
    item = first_item + 5
    for group in range(1, GROUPS + 1):
        at = start + 16 + (group - 1) * 14
        prefix_ = f"{key}_g{group}"
        label = f"Test {number}, Subject {group}"
        rows += [
            F(item, at, 2, TEXT, f"{prefix_}_subject", f"{label}: Subject Content"),
            F(
                item + 1,
                at + 2,
                2,
                TEXT,
                f"{prefix_}_type1",
                f"{label}: Score Type 1",
                codeset="fl.test.score.type",
            ),
            F(
                item + 2,
                at + 4,
                4,
                TEXT,
                f"{prefix_}_score1",
                f"{label}: Score 1",
                right=True,
            ),
            F(
                item + 3,
                at + 8,
                2,
                TEXT,
                f"{prefix_}_type2",
                f"{label}: Score Type 2",
                codeset="fl.test.score.type",
            ),
            F(
                item + 4,
                at + 10,
                4,
                TEXT,
                f"{prefix_}_score2",
                f"{label}: Score 2",
                right=True,
            ),
        ]
        item += 5
    return rows, item


def _tests():
    rows, item = [], 7
    for number in range(1, TESTS + 1):
        block, item = _test(number, item)
        rows += block
    return rows, item


_TEST_ROWS, _NEXT_ITEM = _tests()

LAYOUT = Layout(
    ("I08", "S08"),
    "Student Test Information",
    "faster-formats.md §1.9",
    [
        *prefix("I08/S08"),
        filler(6, 22, 10),
        *_TEST_ROWS,
        filler(_NEXT_ITEM, 884, 128),
        local_filler(_NEXT_ITEM + 1),
    ],
)
