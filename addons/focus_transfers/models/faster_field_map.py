"""Where every FASTER item of the academic records lives in Odoo.

One declarative map per record type: ``FIELD_MAP[record_type][item]`` is a
target ``"model.field"``, a tuple of targets (an item that fills several
fields), a :class:`Slot` (an item of a repeated group: the n-th record of a
one2many, or a grade cell), or :class:`NOT_STORED` with its reason. Keys are
the DOE item numbers as strings ("14a"); items without a DOE number (trailing
fillers) are keyed by their start position ("@441"). The faster_export job
builds transcripts from it; ``tests/test_faster_field_map.py`` walks it
against the codec's ``faster.LAYOUTS`` so no item is ever silently dropped.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NOT_STORED:
    """An item we deliberately do not store, and why."""

    reason: str  # filler | system | computed | obsolete
    note: str = ""

    REASONS = ("filler", "system", "computed", "obsolete")

    def __post_init__(self):
        if self.reason not in self.REASONS:
            raise ValueError(f"unknown NOT_STORED reason {self.reason!r}")


@dataclass(frozen=True)
class Slot:
    """Item of a repeated group: record ``index`` (1-based, in the one2many's
    order) of ``targets``'s model; ``key`` narrows it (grade cell block/period,
    test subject-content group)."""

    index: int
    targets: tuple
    key: dict = field(default_factory=dict, hash=False, compare=False)


FILLER = NOT_STORED("filler")
LOCAL = NOT_STORED("filler", "bytes 1012-1020, reserved for local use")
RECORD_TYPE = NOT_STORED("system", "record type, written by the encoder")
CURRENT_DISTRICT = NOT_STORED("system", "from the current enrollment at export")
CURRENT_SCHOOL = NOT_STORED("system", "from the current enrollment at export")
STUDENT_NUMBER = "fl.student.florida_student_id"


def _prefix():
    return {
        "1": RECORD_TYPE,
        "2": STUDENT_NUMBER,
        "3": FILLER,
        "4": CURRENT_DISTRICT,
        "5": CURRENT_SCHOOL,
    }


def _i02():
    items = _prefix()
    items.update(
        {
            "6": FILLER,
            "7": "fl.student.immunization_status_id",
            "8": "fl.student.immunization_expiration_date",
            "49": FILLER,
            "50": LOCAL,
            "@441": FILLER,
            "@1012": LOCAL,
        }
    )
    dose = (
        "fl.immunization.vaccine_id",
        "fl.immunization.dose_number",
        "fl.immunization.date_kind",
        "fl.immunization.dose_date",
        "fl.immunization.history_year",
    )
    for slot in range(1, 41):
        items[str(8 + slot)] = Slot(slot, dose)
    return items


def _i03():
    items = _prefix()
    summary = "fl.school.year.summary."
    items.update(
        {
            "6": FILLER,
            "7": summary + "school_year_id",
            "8": summary + "days_absent",
            "9": summary + "days_present",
            "10": summary + "promotion_status_id",
            "11": summary + "comment",
            "12": summary + "summer_days_absent",
            "13": summary + "summer_days_present",
            "14a": summary + "migrant_enrollment_date",
            "14b": summary + "migrant_withdrawal_date",
            "14c": summary + "migrant_district_id",
            "14d": summary + "migrant_school_number",
            # 2025-26 layout: 14e Good Cause Exemption (871) + 14f filler; the
            # 2019 layout has 14e as filler 871-899.
            "14e": summary + "good_cause_exemption",
            "14f": FILLER,
            "23": FILLER,
            "24": LOCAL,
        }
    )
    for item in range(15, 23):
        items[str(item)] = NOT_STORED(
            "computed",
            "GPA/quality points for the SRTS12IS print program; blank when "
            "transmitting (our GPA is on fl.school.year.summary / fl.student)",
        )
    return items


GRADE_PERIODS = ("1", "2", "3", "exam", "cumulative")


def _i04():
    items = _prefix()
    line = "fl.course.history."
    items.update(
        {
            "6": FILLER,
            "7": (line + "district_id", line + "out_of_state_code"),
            "8": (line + "school_number", line + "school_id"),
            "8a": (line + "school_number", line + "school_id"),
            "9": line + "school_name",
            "9a": line + "school_name",
            "10": line + "school_year_id",
            "11": line + "grade_level_id",
            "12": line + "term_code_id",
            "13": (line + "course_number", line + "course_id"),
            "14": line + "course_title",
            "15": line + "subject_area_id",
            "16": line + "course_flag_ids",
            "17": line + "online_indicator",
            "18": line + "credit_attempted",
            "19": line + "credit_earned",
            "20": line + "final_grade",
            "21": line + "in_progress_hours",
            "22": line + "absences",
            "23": line + "weeks_in_grading_cycle",
            "59": FILLER,
            "60": (
                line + "term_name",
                line + "term_date_start",
                line + "term_date_end",
                line + "credit_school_code_type",
                line + "credit_school_code",
            ),
            "61": FILLER,
            "62": line + "substituted_course_number",
            "63": line + "substituted_subject_area_id",
            "64": line + "adult_program_code",
            "65": NOT_STORED("obsolete", "Course Assessment Status"),
            "66": FILLER,
            "67": LOCAL,
        }
    )
    cell = ("fl.course.grade.grade", "fl.course.grade.marking_period_id")
    for block in range(1, 7):
        first = 24 + (block - 1) * 6
        for offset, period in enumerate(GRADE_PERIODS):
            items[str(first + offset)] = Slot(
                block, cell, {"block": block, "period": period}
            )
        if block < 6:
            items[str(first + 5)] = FILLER
    return items


def _i06():
    items = _prefix()
    student = "fl.student."
    items.update(
        {
            "6": FILLER,
            "7": student + "ese_plan_date",
            "8": student + "primary_exceptionality_id",
            "9": student + "fefp_program_id",
            "10": FILLER,
            "11": FILLER,
            "12": student + "section_504",
            "13": FILLER,
            "14": student + "ese_evaluation_date",
            "15": FILLER,
            "116": FILLER,
            "117": LOCAL,
        }
    )
    program = "fl.ese.program."
    fields_in_block = (
        None,
        "placement_date",
        "eligibility_date",
        "placement_status_id",
        "referral_date",
        "dismissal_date",
        "exceptionality_id",
        "evaluation_completion_date",
        "consent_date",
        None,
    )
    for index in range(1, 11):
        first = 16 + (index - 1) * 10
        for offset, fname in enumerate(fields_in_block):
            items[str(first + offset)] = (
                Slot(index, (program + fname,)) if fname else FILLER
            )
    return items


TEST_BLOCK_HEAD = (
    ("fl.test.history.grade_level_id",),
    ("fl.test.history.test_date",),
    ("fl.test.history.test_name_id",),
    ("fl.test.history.test_form",),
    ("fl.test.history.test_level",),
)
TEST_GROUP = (
    ("fl.test.history.subject_content", "fl.test.history.subject_content_name"),
    ("fl.test.history.score_type_id",),
    ("fl.test.history.score", "fl.test.history.result"),
    ("fl.test.history.score_type_2_id",),
    ("fl.test.history.score_2", "fl.test.history.result"),
)


def _i08():
    items = _prefix()
    items.update({"6": FILLER, "307": FILLER, "308": LOCAL})
    for block in range(1, 7):
        first = 7 + (block - 1) * 50
        for offset, targets in enumerate(TEST_BLOCK_HEAD):
            items[str(first + offset)] = Slot(block, targets, {"test_block": block})
        for group in range(9):
            for offset, targets in enumerate(TEST_GROUP):
                items[str(first + 5 + group * 5 + offset)] = Slot(
                    block, targets, {"test_block": block, "subject_group": group + 1}
                )
    return items


def _i09():
    items = _prefix()
    incident = "fl.discipline.incident."
    items.update(
        {
            "6": incident + "incident_type",
            "7": incident + "incident_date",
            "8": incident + "action_code",
            "9": incident + "action_district_id",
            "10": incident + "action_school_id",
            "11": incident + "action_date",
            "12": incident + "duration",
            "13": FILLER,
            "14": LOCAL,
            "@51": FILLER,
            "@1012": LOCAL,
        }
    )
    return items


FIELD_MAP = {
    "I02": _i02(),
    "I03": _i03(),
    "I04": _i04(),
    "I06": _i06(),
    "I08": _i08(),
    "I09": _i09(),
}
# The S-records of the same layouts share the map.
for _rt in ("02", "03", "04", "08"):
    FIELD_MAP["S" + _rt] = FIELD_MAP["I" + _rt]


def targets(entry):
    """The ``model.field`` targets of a map entry (empty for NOT_STORED)."""
    if isinstance(entry, NOT_STORED):
        return ()
    if isinstance(entry, Slot):
        return entry.targets
    if isinstance(entry, str):
        return (entry,)
    return tuple(entry)
