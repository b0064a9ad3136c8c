"""I10 PAS Number: 30 blocks of 24 bytes.

Source: reference/faster-formats.md §1.11 ([ASP] FST-10; manual appendix I10).
Item numbers beyond the prefix are ours (sequential; doubt noted).
"""

from ..layout import MMDDCCYY, NUM, TEXT, F, Layout, filler, local_filler, prefix

BLOCK_START = 32
BLOCK_LENGTH = 24
BLOCKS = 30


def _block(number):
    start = BLOCK_START + (number - 1) * BLOCK_LENGTH
    item = 7 + (number - 1) * 5
    key = f"pas{number}"
    return [
        F(
            item,
            start,
            3,
            TEXT,
            f"{key}_test_name",
            f"PAS {number}: Test Name",
            codeset="fl.test.name",
        ),
        F(
            item + 1,
            start + 3,
            2,
            TEXT,
            f"{key}_grade_level",
            f"PAS {number}: Grade Level",
        ),
        F(
            item + 2,
            start + 5,
            8,
            NUM,
            f"{key}_test_date",
            f"PAS {number}: Test Date",
            fmt=MMDDCCYY,
        ),
        F(
            item + 3,
            start + 13,
            2,
            TEXT,
            f"{key}_subject",
            f"PAS {number}: Subject Content",
        ),
        F(item + 4, start + 15, 9, TEXT, f"{key}_number", f"PAS {number}: PAS Number"),
    ]


LAYOUT = Layout(
    ("I10",),
    "PAS Number",
    "faster-formats.md §1.11",
    [
        *prefix("I10"),
        filler(6, 22, 10),
        *[row for number in range(1, BLOCKS + 1) for row in _block(number)],
        filler(157, 752, 260),
        local_filler(158),
    ],
)
