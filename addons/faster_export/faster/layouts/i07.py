"""I/S07 Student Comment: at most 5 a transcript, 12 lines of 80 bytes.

Source: reference/faster-formats.md §1.8 ([ASP] FST-07; manual appendix I7).
The reference gives no item numbers beyond the prefix: 6-9 are ours.
"""

from ..layout import TEXT, F, Layout, filler, local_filler, prefix

LAYOUT = Layout(
    ("I07", "S07"),
    "Student Comment",
    "faster-formats.md §1.8",
    [
        *prefix("I07/S07"),
        filler(6, 22, 10),
        F(
            7,
            32,
            960,
            TEXT,
            "comment",
            "Comment lines 1-12 (80 bytes each)",
            True,
            parts=tuple((f"line_{n}", 80) for n in range(1, 13)),
        ),
        filler(8, 992, 20),
        local_filler(9),
    ],
)
