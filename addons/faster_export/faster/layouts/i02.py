"""I/S02 Student Immunization Information, format T2 ("all items 1-48").

Source: reference/faster-formats.md §1.3 ([ASP] FST-02, edits 02#7-11; FASTER
manual appendix I2 2012-13). Items 9-48 are 40 slots of 10 bytes: vaccine
code (1), dose number (1) and a date CCYYMMDD — or ``EXEMPT``, ``99999999``
(only with code 8) or ``CCYY0000`` (only with L), which the edits allow.
"""

from ..layout import CCYYMMDD, NUM, TEXT, F, Layout, filler, local_filler, prefix

SLOT_PARTS = (("vaccine", 1), ("dose", 1), ("date", 8))
SLOTS = 40
SLOT_LENGTH = 10
FIRST_SLOT = 41

LAYOUT = Layout(
    ("I02", "S02"),
    "Student Immunization Information",
    "faster-formats.md §1.3",
    [
        *prefix("I02/S02"),
        filler(6, 22, 10),
        F(
            7,
            32,
            1,
            TEXT,
            "immunization_status",
            "Immunization Status",
            codeset="fl.immunization.status",
        ),
        F(
            8,
            33,
            8,
            NUM,
            "certificate_expiration",
            "Vaccine Certification Expiration",
            fmt=CCYYMMDD,
            special=("00000000",),
        ),
        *[
            F(
                9 + n,
                FIRST_SLOT + n * SLOT_LENGTH,
                SLOT_LENGTH,
                TEXT,
                f"vaccine_{n + 1}",
                f"Vaccine Status/Date {n + 1}",
                parts=SLOT_PARTS,
            )
            for n in range(SLOTS)
        ],
        filler(49, FIRST_SLOT + SLOTS * SLOT_LENGTH, 571),
        local_filler(50),
    ],
)
