"""I09 Student Discipline Information.

Source: reference/faster-formats.md §1.10 ([ASP] FST-09, edits 09#x). Item
numbers 6-12 are ours (the reference gives positions only).
"""

from ..layout import MMDDCCYY, NUM, TEXT, F, Layout, filler, local_filler, prefix

LAYOUT = Layout(
    ("I09",),
    "Student Discipline Information",
    "faster-formats.md §1.10",
    [
        *prefix("I09"),
        F(6, 22, 3, TEXT, "incident_type", "Incident Type", True),
        F(7, 25, 8, NUM, "incident_date", "Incident Date", True, fmt=MMDDCCYY),
        F(8, 33, 1, TEXT, "action_code", "Discipline/Resultant Action Code"),
        F(9, 34, 2, TEXT, "action_district", "Action District"),
        F(10, 36, 4, TEXT, "action_school", "Action School"),
        F(11, 40, 8, NUM, "action_date", "Action Date", fmt=MMDDCCYY),
        F(12, 48, 3, NUM, "duration", "Duration"),
        filler(13, 51, 961),
        local_filler(14),
    ],
)
