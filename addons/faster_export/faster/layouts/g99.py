"""G99 generic SPEEDE/ExPRESS pass-through records: IMM, HS, HC and ATV.

Source: reference/faster-formats.md §1.3 (IMM) and §1.13 ([ASP] FST-99*). The
subtype is in bytes 4-6. Doubt: the reference lists no student prefix for
G99 and gives ATV only up to byte 276; the rest is kept as filler. Item
labels are ours.
"""

from ..layout import TEXT, F, Layout, filler, local_filler


def _g99(subtype, title, fields, end):
    return Layout(
        (f"G99{subtype}",),
        f"Generic pass-through: {title}",
        "faster-formats.md §1.3, §1.13",
        [
            F(1, 1, 3, TEXT, "record_type", "Record Type (G99)", True),
            F(2, 4, 3, TEXT, "subtype", "National Record Type", True),
            *fields,
            filler(99, end, 1012 - end),
            local_filler(100),
        ],
    )


LAYOUTS = {
    "IMM": _g99(
        "IMM",
        "immunization (ICD/CPT)",
        [
            F(3, 7, 6, TEXT, "code", "ICD V03-V07.9 or CPT 90701-90749 code", True),
            F(4, 13, 3, TEXT, "date_format", "Date Format (CM, CY, D8, DB)"),
            F(5, 16, 8, TEXT, "date", "Date"),
            F(6, 24, 2, TEXT, "status", "Status (01-14)"),
            F(7, 26, 2, TEXT, "source", "Source (CQ, HC, HR, IR, MG, PY, ST)"),
        ],
        28,
    ),
    "HS": _g99(
        "HS",
        "health screening",
        [
            F(3, 7, 6, TEXT, "screening_type", "Screening Type (ICD or CPT)", True),
            F(4, 13, 3, TEXT, "date_format", "Date Format"),
            F(5, 16, 8, TEXT, "date", "Date"),
            F(6, 24, 3, TEXT, "result", "Result (ABN, NOR, B33)"),
        ],
        27,
    ),
    "HC": _g99(
        "HC",
        "health condition",
        [
            F(3, 7, 6, TEXT, "icd_code", "ICD Code", True),
            F(4, 13, 5, TEXT, "cpt_treatment", "CPT Treatment"),
            F(5, 18, 3, TEXT, "date_format", "Date Format"),
            F(6, 21, 8, TEXT, "first_encounter_date", "First Encounter Date"),
            F(7, 29, 1, TEXT, "resolution", "Resolution (N, U, Y)"),
        ],
        30,
    ),
    "ATV": _g99(
        "ATV",
        "activities and awards",
        [
            F(3, 7, 3, TEXT, "qualifier", "Qualifier (SA, SB)", True),
            F(4, 10, 3, TEXT, "activity_type", "Type"),
            F(5, 13, 132, TEXT, "activity_name", "Name"),
            F(6, 145, 132, TEXT, "sponsor", "Sponsor"),
        ],
        277,
    ),
}
