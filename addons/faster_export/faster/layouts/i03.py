"""I/S03 Student School Year Information.

Source: seed 001 (2012-13 layout, items 1-24, authoritative). Doubt: the
2025-26 layout ([DGC], reference §1.4) uses byte 871 for a Good Cause
Exemption code (1-7) and keeps 872-899 filler; the seed's 14e filler
(871-899) is kept until a DOE layout confirms it. Items 15-22 (GPA and
quality points) are only for the SRTS12IS print program: left blank when
transmitting.
"""

from ..layout import (
    CCYYCCYY,
    CCYYMMDD,
    NUM,
    TEXT,
    F,
    Layout,
    filler,
    local_filler,
    prefix,
)

LAYOUT = Layout(
    ("I03", "S03"),
    "Student School Year Information",
    "seed 001; faster-formats.md §1.4",
    [
        *prefix("I03/S03"),
        filler(6, 22, 6),
        F(7, 28, 8, NUM, "school_year", "School Year With Century", True, fmt=CCYYCCYY),
        F(8, 36, 3, NUM, "days_absent", "Days Absent, Annual"),
        F(9, 39, 3, NUM, "days_present", "Days Present, Annual"),
        F(
            10,
            42,
            1,
            TEXT,
            "promotion_status",
            "Grade Promotion Status",
            codeset="fl.grade.promotion.status",
        ),
        F(
            11,
            43,
            800,
            TEXT,
            "comment",
            "Comment (10 lines x 80)",
            parts=tuple((f"line_{n}", 80) for n in range(1, 11)),
        ),
        F(12, 843, 3, NUM, "summer_days_absent", "Days Absent, Summer Terms"),
        F(13, 846, 3, NUM, "summer_days_present", "Days Present, Summer Terms"),
        F(
            "14a",
            849,
            8,
            NUM,
            "migrant_enrollment_date",
            "Migrant Enrollment Date",
            fmt=CCYYMMDD,
        ),
        F(
            "14b",
            857,
            8,
            NUM,
            "migrant_withdrawal_date",
            "Migrant Withdrawal Date",
            fmt=CCYYMMDD,
        ),
        F("14c", 865, 2, TEXT, "migrant_district", "Migrant District Attended"),
        F("14d", 867, 4, TEXT, "migrant_school", "Migrant School Attended"),
        filler("14e", 871, 29),
        F(15, 900, 5, NUM, "gpa_district_term", "GPA District, Term", decimals=4),
        F(
            16,
            905,
            5,
            NUM,
            "qp_district_term",
            "Quality Points District, Term",
            decimals=4,
        ),
        F(
            17,
            910,
            5,
            NUM,
            "gpa_district_cumulative",
            "GPA District, Cumulative",
            decimals=4,
        ),
        F(
            18,
            915,
            5,
            NUM,
            "qp_district_cumulative",
            "Quality Points District, Cumulative",
            decimals=4,
        ),
        F(19, 920, 5, NUM, "gpa_state_term", "GPA State, Term", decimals=4),
        F(20, 925, 5, NUM, "qp_state_term", "Quality Points State, Term", decimals=4),
        F(21, 930, 5, NUM, "gpa_state_cumulative", "GPA State, Cumulative", decimals=4),
        F(
            22,
            935,
            5,
            NUM,
            "qp_state_cumulative",
            "Quality Points State, Cumulative",
            decimals=4,
        ),
        filler(23, 940, 72),
        local_filler(24),
    ],
)
