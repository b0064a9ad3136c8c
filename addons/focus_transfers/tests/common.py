import datetime

from odoo.tests import TransactionCase


class SisCase(TransactionCase):
    """This district (12 Columbia), a school of it, a school year, a student."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.district = cls.env["fl.district"]._lookup("12")
        cls.other_district = cls.env["fl.district"]._lookup("61")
        cls.env.company.fl_district_id = cls.district
        cls.school = cls.env["fl.school"].create(
            {"district_id": cls.district.id, "number": "9001", "name": "Test School"}
        )
        cls.year = cls.env["fl.school.year"].create(
            {
                "name": "2030-2031",
                "code": "20302031",
                "date_start": datetime.date(2030, 8, 1),
                "date_end": datetime.date(2031, 6, 30),
            }
        )
        cls.grade = cls.env["fl.grade.level"]._lookup("09")
        cls.w3a = cls.env["fl.withdrawal.code"]._lookup("W3A")
        cls.student = cls.env["fl.student"].create(
            {
                "first_name": "Avery",
                "last_name": "Thornbury",
                "birthdate": datetime.date(2015, 4, 2),
            }
        )

    @classmethod
    def enroll(cls, student=None, day=datetime.date(2030, 8, 15), **extra):
        values = {
            "student_id": (student or cls.student).id,
            "school_id": cls.school.id,
            "school_year_id": cls.year.id,
            "grade_level_id": cls.grade.id,
            "enrollment_date": day,
        }
        values.update(extra)
        return cls.env["fl.enrollment"].create(values)
