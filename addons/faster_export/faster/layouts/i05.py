"""I/S05 Student CTE / ELL / Dropout Prevention information (2025-26).

Source: reference/faster-formats.md §1.6 ([DGC] item numbers, [ASP] FST-05
positions). The four CTE program blocks share one 65-byte structure.
"""

from ..layout import (
    CCYYMMDD,
    MMDDCCYY,
    NUM,
    TEXT,
    F,
    Layout,
    filler,
    local_filler,
    prefix,
)

CTE_STARTS = (32, 97, 162, 227)
CTE_FIRST_ITEMS = (7, 12, 17, 22)


def _cte(number):
    start = CTE_STARTS[number - 1]
    item = CTE_FIRST_ITEMS[number - 1]
    rows = [
        # (item suffix, offset, length, type, key, name, fmt)
        ("", 0, 7, TEXT, "program_code", "CTE/AGE Program Code", None),
        ("+1", 7, 20, TEXT, "program_name", "Program Name, Abbreviated", None),
        (
            "+2",
            27,
            1,
            TEXT,
            "termination_code",
            "Vocational Termination (obsolete)",
            None,
        ),
        ("+3", 28, 8, TEXT, "withdrawal_date", "Withdrawal Date (obsolete)", None),
        ("a", 36, 1, TEXT, "completer", "Program Completer", None),
        ("b", 37, 7, None, "", "Filler", None),
        (
            "c",
            44,
            1,
            TEXT,
            "academy_participant",
            "Career & Professional Academy Participant",
            None,
        ),
        ("d", 45, 8, NUM, "certification_date", "Industry Cert Earned Date", MMDDCCYY),
        ("e", 53, 8, TEXT, "certification_id", "Industry Certification ID", None),
        ("f", 61, 1, TEXT, "certification_outcome", "Industry Cert Outcome", None),
        ("g", 62, 3, TEXT, "academy_id", "Career & Professional Academy ID", None),
    ]
    out = []
    for suffix, offset, length, type_, key, name, fmt in rows:
        label = (
            str(item + int(suffix[1:]))
            if suffix.startswith("+")
            else (f"{item + 3}{suffix}" if suffix else str(item))
        )
        if type_ is None:
            out.append(filler(label, start + offset, length))
        else:
            out.append(
                F(
                    label,
                    start + offset,
                    length,
                    type_,
                    f"cte{number}_{key}",
                    f"CTE Program {number}: {name}",
                    fmt=fmt,
                )
            )
    return out


def _dropout(number, start, first_item):
    return [
        F(
            first_item,
            start,
            1,
            TEXT,
            f"dp{number}_program",
            f"Dropout Prevention/JJ Program {number}",
        ),
        F(
            first_item + 1,
            start + 1,
            5,
            TEXT,
            f"dp{number}_reasons",
            f"DP/JJ Program {number}: Placement Reasons",
        ),
        F(
            first_item + 2,
            start + 6,
            3,
            TEXT,
            f"dp{number}_outcomes",
            f"DP/JJ Program {number}: Outcomes",
        ),
    ]


LAYOUT = Layout(
    ("I05", "S05"),
    "Student CTE / ELL / Dropout Prevention Information",
    "faster-formats.md §1.6",
    [
        *prefix("I05/S05"),
        filler(6, 22, 10),
        *[row for number in range(1, 5) for row in _cte(number)],
        F(26, 292, 4, TEXT, "career_pathways", "Career Pathways 1-4 (obsolete)"),
        filler("26d", 296, 132),
        F(27, 428, 2, TEXT, "ell_status", "English Language Learner PK-12"),
        F(28, 430, 1, TEXT, "ell_basis_of_entry", "ELL Basis of Entry"),
        F(29, 431, 8, NUM, "ell_entry_date", "ELL Entry Date", fmt=CCYYMMDD),
        F(
            30,
            439,
            8,
            NUM,
            "ell_classification_date",
            "ELL Classification Date",
            fmt=CCYYMMDD,
        ),
        F(31, 447, 8, NUM, "ell_plan_date", "ELL Student Plan Date", fmt=CCYYMMDD),
        F(
            32,
            455,
            8,
            NUM,
            "ell_reevaluation_date",
            "ELL Reevaluation Date",
            fmt=CCYYMMDD,
        ),
        F(33, 463, 1, TEXT, "ell_extension", "ELL Extension of Instruction"),
        F(34, 464, 8, NUM, "ell_exit_date", "ELL Exit Date", fmt=CCYYMMDD),
        F(
            35,
            472,
            8,
            NUM,
            "ell_reclassification_date",
            "ELL Reclassification Date",
            fmt=CCYYMMDD,
        ),
        F(
            36,
            480,
            8,
            NUM,
            "ell_reclassification_exit_date",
            "ELL Reclassification Exit Date",
            fmt=CCYYMMDD,
        ),
        *[
            F(
                37 + n,
                488 + 9 * n,
                9,
                TEXT,
                f"ell_review_{n + 1}",
                f"ELL Post-Reclassification Review Date {n + 1} (letter + CCYYMMDD)",
            )
            for n in range(4)
        ],
        F("40a", 524, 1, TEXT, "ell_first_exit_basis", "ELL First Basis of Exit"),
        F("40b", 525, 1, TEXT, "ell_second_exit_basis", "ELL Second Basis of Exit"),
        F(41, 526, 1, TEXT, "ell_program", "ELL Program Participation"),
        filler("41a", 527, 403),
        *_dropout(1, 930, 42),
        *_dropout(2, 939, 45),
        *_dropout(3, 948, 48),
        filler(51, 957, 55),
        local_filler(52),
    ],
)
