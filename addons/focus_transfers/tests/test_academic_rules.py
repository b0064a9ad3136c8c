"""Date and code rules of the academic records, and marking-period structures."""

from datetime import date, timedelta

import psycopg2

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .academic_common import AcademicCase


class TestAcademicRules(AcademicCase):
    def test_course_number_and_state_number(self):
        course = self.env["fl.course"].create(
            {
                "code": "10013801",
                "name": "English Honors III",
                "short_title": "Eng Hon III",
            }
        )
        self.assertEqual(course.state_course_number, "1001380")
        line = self._line(
            "A", 1.0, course_id=course.id, course_number=None, course_title=None
        )
        self.assertEqual(
            (line.course_number, line.course_title), ("1001380", "Eng Hon III")
        )
        for bad in ("1001380", "10013801X", "ABCDEFGH"):
            with self.assertRaisesRegex(ValidationError, "8 digits"):
                course.copy({"code": bad})
        with self.assertRaisesRegex(ValidationError, "longer than 20"):
            course.short_title = "English Honors Three Long"

    def test_history_rules(self):
        with self.assertRaisesRegex(ValidationError, "7 or 8 digits"):
            self._line("A", 1.0, course_number="12345")
        with self.assertRaisesRegex(ValidationError, "no final grade"):
            self._line("A", 1.0, flags=[self.flag_p])
        with self.assertRaisesRegex(ValidationError, "require course flag P"):
            self._line("A", 1.0, in_progress_hours=12)
        with self.assertRaisesRegex(ValidationError, "credit attempted must be 0-9.99"):
            self._line("A", 12.0)
        flags = [self._code("fl.course.flag", c) for c in ("H", "G", "T", "N", "W")]
        with self.assertRaisesRegex(ValidationError, "at most four course flags"):
            self._line("A", 1.0, flags=flags)
        with self.assertRaisesRegex(ValidationError, "school number"):
            self._line("A", 1.0, school_number="41")

    def test_grade_cells(self):
        line = self._line(
            False,
            1.0,
            flags=[self.flag_p],
            in_progress_hours=55,
            weeks_in_grading_cycle=9,
            grade_ids=[
                (0, 0, {"block": 1, "period": "1", "grade": "B"}),
                (0, 0, {"block": 1, "period": "3", "grade": "B"}),
                (0, 0, {"block": 1, "period": "exam", "grade": "A"}),
                (0, 0, {"block": 2, "period": "1", "grade": "C"}),
            ],
        )
        self.assertTrue(line.in_progress)
        self.assertEqual(line.progress_grades, "B1: B B Ex:A | B2: C")
        with (
            self.assertRaises(psycopg2.IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env["fl.course.grade"].create(
                {"history_id": line.id, "block": 1, "period": "1", "grade": "A"}
            ).flush_recordset()
        with self.assertRaisesRegex(ValidationError, "out of 1-6"):
            line.grade_ids[0].block = 7

    def test_summary_rules(self):
        summary = self.env["fl.school.year.summary"].create(
            {"student_id": self.student.id, "school_year_id": self.year.id}
        )
        with self.assertRaisesRegex(ValidationError, "summer days must be 0-90"):
            summary.summer_days_present = 91
        with self.assertRaisesRegex(ValidationError, "10 lines of 80"):
            summary.comment = "x" * 81
        with self.assertRaisesRegex(ValidationError, "before the enrollment"):
            summary.write(
                {
                    "migrant_enrollment_date": date(2023, 9, 1),
                    "migrant_withdrawal_date": date(2023, 8, 1),
                }
            )
        # the history line joins the existing summary instead of a new one
        line = self._line("A", 1.0)
        self.assertEqual(line.summary_id, summary)

    def test_tests_immunizations_discipline_ese(self):
        tomorrow = date.today() + timedelta(days=1)
        test_name = self._code("fl.test.name", "FSA")
        pf = self._code("fl.test.score.type", "PF")
        ss = self._code("fl.test.score.type", "SS")
        test = self.env["fl.test.history"].create(
            {
                "student_id": self.student.id,
                "test_name_id": test_name.id,
                "test_date": date(2024, 5, 1),
                "subject_content": "E1",
                "score_type_id": pf.id,
                "score": "0001",
            }
        )
        self.assertEqual(test.result, "pass")
        with self.assertRaisesRegex(ValidationError, "in the future"):
            test.test_date = tomorrow
        with self.assertRaisesRegex(ValidationError, "must be numeric"):
            test.write({"score_type_id": ss.id, "score": "12A"})
        vaccine = self._code("fl.vaccine", "A")
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self.env["fl.immunization"].create(
                {
                    "student_id": self.student.id,
                    "vaccine_id": vaccine.id,
                    "dose_date": tomorrow,
                }
            )
        with self.assertRaisesRegex(ValidationError, "needs its date"):
            self.env["fl.immunization"].create(
                {"student_id": self.student.id, "vaccine_id": vaccine.id}
            )
        status2 = self._code("fl.immunization.status", "2")
        with self.assertRaisesRegex(ValidationError, "expiration"):
            self.student.immunization_status_id = status2
        incident = self.env["fl.discipline.incident"].create(
            {
                "student_id": self.student.id,
                "incident_type": "FIT",
                "incident_date": date(2024, 2, 1),
                "action_code": "O",
                "duration": 3,
            }
        )
        with self.assertRaisesRegex(ValidationError, "lasts 1-10 days"):
            incident.duration = 11
        with self.assertRaisesRegex(ValidationError, "before the incident"):
            incident.action_date = date(2024, 1, 1)
        exc = self._code("fl.exceptionality", "K")
        program = self.env["fl.ese.program"].create(
            {"student_id": self.student.id, "exceptionality_id": exc.id}
        )
        with self.assertRaisesRegex(ValidationError, "before consent"):
            program.write(
                {
                    "consent_date": date(2024, 3, 1),
                    "evaluation_completion_date": date(2024, 2, 1),
                }
            )
        with self.assertRaisesRegex(ValidationError, "at most ten"):
            self.env["fl.ese.program"].create(
                [
                    {"student_id": self.student.id, "exceptionality_id": exc.id}
                    for _i in range(10)
                ]
            )

    def test_schedule_drop_date(self):
        course = self.env["fl.course"].create(
            {"code": "20003101", "name": "Biology 1", "short_title": "Biology 1"}
        )
        line = self.env["fl.schedule"].create(
            {
                "student_id": self.student.id,
                "school_year_id": self.year.id,
                "course_id": course.id,
                "period": "3",
                "start_date": date(2023, 8, 10),
            }
        )
        self.assertFalse(line.is_dropped)
        line.drop_date = date(2023, 10, 1)
        self.assertTrue(line.is_dropped)
        with self.assertRaisesRegex(ValidationError, "before the start date"):
            line.drop_date = date(2023, 8, 1)

    def test_marking_structures(self):
        expected = {
            "annual": (6, {1, 2}),
            "semesters": (8, {1, 2}),
            "quarters": (8, {1, 2, 3, 4}),
            "trimesters": (9, {1, 2, 3}),
            "block_4x4": (12, {1, 2, 3, 4}),
        }
        for structure, (count, blocks) in expected.items():
            with self.subTest(structure=structure):
                self.year.marking_structure = structure
                self.year.action_generate_marking_periods()
                periods = self.year.marking_period_ids
                self.assertEqual(len(periods), count)
                self.assertEqual(set(periods.mapped("block")), blocks)
                self.assertTrue(periods.filtered("is_exam"))
                self.assertTrue(
                    periods.filtered("is_cumulative") or structure == "quarters"
                )
                self.assertEqual(
                    min(periods.mapped("date_start")), self.year.date_start
                )
                self.assertEqual(max(periods.mapped("date_end")), self.year.date_end)
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self.year.marking_period_ids[0].date_end = date(2000, 1, 1)
