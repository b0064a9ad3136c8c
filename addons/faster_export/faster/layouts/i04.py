"""I/S04 Student Course Information (items 1-67).

Source: reference/faster-formats.md §1.5 ([DGC] and [ASP] FST-04 agree on
every position) and seed 002 for the course-in-progress fields: up to six
grading blocks, each with grades for periods 1-3, an exam and a cumulative
grade (3 bytes, left-justified: grades 9-12 use the leftmost 2). Seed 002's
worked examples use the pre-Y2K positions of items 6-10; from item 11 (byte 67)
on they are unchanged.
"""

from ..layout import CCYYCCYY, NUM, TEXT, F, Layout, filler, local_filler, prefix

PERIODS = (("p1", "Period 1"), ("p2", "Period 2"), ("p3", "Period 3"),
           ("exam", "Exam"), ("cum", "Cumulative"))  # fmt: skip
BLOCK_STARTS = (121, 148, 175, 202, 229, 256)  # reference §1.5 items 24-58


def _block(number):
    """Items of grading block ``number`` (1-6): five grades then a filler."""
    start = BLOCK_STARTS[number - 1]
    first_item = 24 + (number - 1) * 6
    rows = [
        F(
            first_item + i,
            start + 3 * i,
            3,
            TEXT,
            f"block{number}_{key}",
            f"Grading Block {number}, {label}",
        )
        for i, (key, label) in enumerate(PERIODS)
    ]
    filler_start = start + 3 * len(PERIODS)
    filler_length = (BLOCK_STARTS[number] if number < 6 else 300) - filler_start
    rows.append(filler(first_item + 5, filler_start, filler_length))
    return rows


LAYOUT = Layout(
    ("I04", "S04"),
    "Student Course Information",
    "faster-formats.md §1.5; seed 002",
    [
        *prefix("I04/S04"),
        filler(6, 22, 6),
        F(
            7,
            28,
            2,
            TEXT,
            "credit_district",
            "District No., Where Credit Earned",
            True,
            right=True,
        ),
        F(
            8,
            30,
            4,
            TEXT,
            "credit_school",
            "School No., Where Credit Earned",
            right=True,
        ),
        F(9, 34, 25, TEXT, "credit_school_name", "School Name, Where Credit Earned"),
        F(
            10,
            59,
            8,
            NUM,
            "school_year",
            "School Year With Century",
            True,
            fmt=CCYYCCYY,
        ),
        F(11, 67, 2, TEXT, "grade_level", "Grade Level", True, "fl.grade.level"),
        F(12, 69, 1, TEXT, "term", "Term", True, "fl.term.code"),
        F(13, 70, 7, TEXT, "course_number", "Course Number", True),
        F(14, 77, 20, TEXT, "course_title", "Course Title, Abbreviated", True),
        F(
            15,
            97,
            2,
            TEXT,
            "subject_area",
            "Course State Subject Area Requirement",
            codeset="fl.subject.area",
        ),
        F(
            16,
            99,
            4,
            TEXT,
            "course_flags",
            "Course Flag (up to 4)",
            parts=tuple((f"flag_{n}", 1) for n in range(1, 5)),
        ),
        F(17, 103, 1, TEXT, "online_course", "Online Course Indicator"),
        F(18, 104, 3, NUM, "credit_attempted", "Credit Attempted", decimals=2),
        F(19, 107, 3, NUM, "credit_earned", "Credit Earned", decimals=2),
        F(20, 110, 3, TEXT, "final_grade", "Course Grade (final)"),
        F(21, 113, 3, NUM, "in_progress_hours", "Course-in-Progress Hours"),
        F(22, 116, 3, NUM, "absences", "Course Absences"),
        F(23, 119, 2, TEXT, "weeks_in_cycle", "Weeks in Grading Cycle", right=True),
        *[row for number in range(1, 7) for row in _block(number)],
        F(
            60,
            300,
            100,
            TEXT,
            "express_fields",
            "SPEEDE/ExPRESS fields",
            parts=(
                ("term_name", 35),
                ("term_start", 8),
                ("term_end", 8),
                ("school_code_type", 2),
                ("school_code", 12),
                ("filler", 35),
            ),
        ),
        filler(61, 400, 80),
        F(62, 480, 7, TEXT, "substituted_course", "Course Number, Substituted"),
        F(
            63,
            487,
            2,
            TEXT,
            "substituted_subject_area",
            "Course Substituted, State Subject Area",
            codeset="fl.subject.area",
        ),
        F(
            64,
            489,
            7,
            TEXT,
            "adult_program_code",
            "Adult General Education Program Code",
        ),
        F(65, 496, 1, TEXT, "assessment_status", "Course Assessment Status (obsolete)"),
        filler(66, 497, 515),
        local_filler(67),
    ],
)
