"""I06 Exceptional Student Information, format T6 (items 1-105).

Source: seed 003 (2012-13 layout, authoritative). Ten program blocks of 79
bytes from byte 211, each: filler 3, placement date, eligibility
determination date, placement status, referral date, dismissal date,
exceptionality, evaluation completion date, consent date, filler 26: the
seed's items 16-115, ten items a block; then item 116 (filler 1001-1011) and
item 117 (local filler). The seed types its dates A/N with format MMDDCCYY.
"""

from ..layout import ALPHA, MMDDCCYY, NUM, TEXT, F, Layout, filler, local_filler, prefix

BLOCK_START = 211
BLOCK_LENGTH = 79
BLOCKS = 10


def _block(number):
    start = BLOCK_START + (number - 1) * BLOCK_LENGTH
    item = 16 + (number - 1) * 10
    spec = [
        # offset, length, type, key, name, codeset
        (0, 3, None, "", "Filler", None),
        (3, 8, NUM, "placement_date", "Placement Date", None),
        (11, 8, NUM, "eligibility_date", "Eligibility Determination Date", None),
        (
            19,
            1,
            ALPHA,
            "placement_status",
            "Placement Status",
            "fl.ese.placement.status",
        ),
        (20, 8, NUM, "referral_date", "Referral Date", None),
        (28, 8, NUM, "dismissal_date", "Dismissal Date", None),
        (36, 1, ALPHA, "exceptionality", "Exceptionality", "fl.exceptionality"),
        (37, 8, NUM, "evaluation_date", "Evaluation Completion Date", None),
        (45, 8, NUM, "consent_date", "Date of Consent for Evaluation", None),
        (53, 26, None, "", "Filler", None),
    ]
    rows = []
    for n, (offset, length, type_, key, name, codeset) in enumerate(spec):
        if type_ is None:
            rows.append(filler(item + n, start + offset, length))
            continue
        fmt = MMDDCCYY if type_ == NUM else None
        rows.append(
            F(
                item + n,
                start + offset,
                length,
                type_,
                f"program{number}_{key}",
                f"ESE Program {number}: {name}",
                codeset=codeset,
                fmt=fmt,
            )
        )
    return rows


LAYOUT = Layout(
    ("I06",),
    "Exceptional Student Information",
    "seed 003",
    [
        *prefix("I06"),
        filler(6, 22, 19),
        F(7, 41, 8, NUM, "plan_date", "Exceptional Student Plan Date", fmt=MMDDCCYY),
        F(
            8,
            49,
            1,
            ALPHA,
            "primary_exceptionality",
            "Exceptionality, Primary",
            codeset="fl.exceptionality",
        ),
        F(
            9,
            50,
            3,
            TEXT,
            "fefp_program",
            "FEFP Program Number",
            codeset="fl.fefp.program",
        ),
        filler(10, 53, 10),
        filler(11, 63, 90),
        F(12, 153, 1, ALPHA, "section_504", "Section 504 Eligible"),
        filler(13, 154, 15),
        F(
            14,
            169,
            8,
            NUM,
            "evaluation_date",
            "Exceptional Student Evaluation/Re-evaluation Date",
            fmt=MMDDCCYY,
        ),
        filler(15, 177, 34),
        *[row for number in range(1, BLOCKS + 1) for row in _block(number)],
        filler(116, 1001, 11),
        local_filler(117),
    ],
)
