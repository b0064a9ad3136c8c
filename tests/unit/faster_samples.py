"""Small valid FASTER records the codec tests build on."""

import datetime
from decimal import Decimal

import faster

STUDENT = "1200000001"


def header(**extra):
    values = {
        "student_number": STUDENT,
        "addressed_institution": ("0000061", "0000"),
        "sending_institution": ("0000012", "0041"),
        "message_type": "S01",
        "last_name": "RIVERA",
        "birth_date": datetime.date(2010, 3, 4),
    }
    values.update(extra)
    return faster.encode("I00", values)


def prefix(**extra):
    values = {"student_number": STUDENT, "district": 12, "school": "0041"}
    values.update(extra)
    return values


def i01(**extra):
    return faster.encode("I01", prefix(
        legal_name=("RIVERA", "", "ANA", "M"), sex="F", grade_level="09",
        school_name="COLUMBIA HIGH", school_phone=3865550100,
        birth_date=datetime.date(2010, 3, 4), **extra))  # fmt: skip


def i03(year, **extra):
    return faster.encode("I03", prefix(school_year=(year, year + 1), **extra))


def i04(year, course="1200310", **extra):
    return faster.encode("I04", prefix(
        credit_district="12", credit_school="0041", school_year=(year, year + 1),
        grade_level="09", term="3", course_number=course, course_title="ALGEBRA 1",
        credit_attempted=Decimal("1.00"), **extra))  # fmt: skip


def transcript():
    return [header(), i01(), i03(2023), i04(2023), i03(2024), i04(2024)]
