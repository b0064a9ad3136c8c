"""I11 Migrant Student Information (MSIX): ten Qualifying Arrival blocks.

Source: reference/faster-formats.md §1.12 ([ASP] FST-11, edits 11#x). Item
numbers beyond the prefix are ours.
"""

from ..layout import MMDDCCYY, NUM, TEXT, F, Layout, filler, local_filler, prefix

QAD_START = 39
QAD_LENGTH = 54
QADS = 10


def _qad(number):
    start = QAD_START + (number - 1) * QAD_LENGTH
    item = 8 + (number - 1) * 6
    key = f"qad{number}"
    return [
        F(
            item,
            start,
            8,
            NUM,
            f"{key}_date",
            f"QAD {number}: Date",
            number == 1,
            fmt=MMDDCCYY,
        ),
        F(
            item + 1,
            start + 8,
            20,
            TEXT,
            f"{key}_from_city",
            f"QAD {number}: From City",
        ),
        F(
            item + 2,
            start + 28,
            2,
            TEXT,
            f"{key}_from_state",
            f"QAD {number}: From State",
        ),
        F(
            item + 3,
            start + 30,
            2,
            TEXT,
            f"{key}_from_country",
            f"QAD {number}: From Country",
        ),
        F(
            item + 4,
            start + 32,
            20,
            TEXT,
            f"{key}_to_city",
            f"QAD {number}: To City",
            number == 1,
        ),
        F(item + 5, start + 52, 2, TEXT, f"{key}_to_state", f"QAD {number}: To State"),
    ]


LAYOUT = Layout(
    ("I11",),
    "Migrant Student Information (MSIX)",
    "faster-formats.md §1.12",
    [
        *prefix("I11"),
        filler(6, 22, 9),
        F(7, 31, 8, NUM, "residency_date", "Migrant Residency Date", fmt=MMDDCCYY),
        *[row for number in range(1, QADS + 1) for row in _qad(number)],
        filler(68, 579, 433),
        local_filler(69),
    ],
)
