"""Shared set-up for the academic-record tests: own records, no demo data."""

from datetime import date

from odoo.tests import TransactionCase


class AcademicCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.year = cls._year(2023)
        cls.year2 = cls._year(2024)
        cls.student = cls._student("Tess", "Quillfeather")
        cls.g09 = cls._code("fl.grade.level", "09")
        cls.g10 = cls._code("fl.grade.level", "10")
        cls.annual = cls._code("fl.term.code", "3")
        cls.flag_p = cls._code("fl.course.flag", "P")
        cls.flag_h = cls._code("fl.course.flag", "H")
        cls.flag_x = cls._code("fl.course.flag", "X")
        cls.flag_w = cls._code("fl.course.flag", "W")

    @classmethod
    def _code(cls, model, code):
        Model = cls.env[model].with_context(active_test=False)
        return Model.search([("code", "=", code)], limit=1) or Model.create(
            {"code": code, "name": f"Test {code}"}
        )

    @classmethod
    def _year(cls, start):
        Year = cls.env["fl.school.year"]
        code = f"{start}{start + 1}"
        return Year.search([("code", "=", code)], limit=1) or Year.create(
            {
                "name": f"{start}-{start + 1}",
                "code": code,
                "date_start": date(start, 8, 10),
                "date_end": date(start + 1, 5, 31),
            }
        )

    @classmethod
    def _student(cls, first, last):
        Student = cls.env["fl.student"]
        vals = {"name": f"{first} {last}"}
        for fname, value in (
            ("first_name", first),
            ("last_name", last),
            ("birthdate", date(2009, 3, 14)),
        ):
            if fname in Student._fields:
                vals[fname] = value
        if "sex_id" in Student._fields and Student._fields["sex_id"].required:
            vals["sex_id"] = cls._code("fl.sex", "F").id
        return Student.create(vals)

    @classmethod
    def _line(cls, grade, credit, flags=(), year=None, student=None, **extra):
        vals = {
            "student_id": (student or cls.student).id,
            "school_year_id": (year or cls.year).id,
            "grade_level_id": cls.g09.id,
            "term_code_id": cls.annual.id,
            "course_number": extra.pop("course_number", "1001310"),
            "course_title": extra.pop("course_title", "English 1"),
            "credit_attempted": credit,
            "credit_earned": credit if grade not in ("F", False) else 0.0,
            "final_grade": grade,
            "course_flag_ids": [(6, 0, [f.id for f in flags])],
        }
        vals.update(extra)
        # None: leave the field to its compute (catalog course, school)
        vals = {key: value for key, value in vals.items() if value is not None}
        return cls.env["fl.course.history"].create(vals)
