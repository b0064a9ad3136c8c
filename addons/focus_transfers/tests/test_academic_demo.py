"""The demo/benchmark history builder produces what a registrar expects."""

from datetime import date

from .academic_common import AcademicCase


class TestAcademicDemo(AcademicCase):
    def test_build_history(self):
        for term in "123456789BCD":
            self._code("fl.term.code", term)
        for level in ["KG"] + [f"{i:02d}" for i in range(1, 13)]:
            self._code("fl.grade.level", level)
        for model, code in (
            ("fl.course.flag", "P"),
            ("fl.test.name", "FSA"),
            ("fl.test.name", "SA4"),
            ("fl.test.name", "ACT"),
            ("fl.test.score.type", "SS"),
            ("fl.vaccine", "A"),
            ("fl.exceptionality", "K"),
        ):
            self._code(model, code)
        student = self._student("Odile", "Brackwater")
        today = date.today()
        current = today.year if today.month >= 8 else today.year - 1
        self.env["fl.academic.demo"].build_history(
            student, years=4, tests=6, ese=True, incident=True
        )
        years = student.school_year_summary_ids.mapped("school_year_id.code")
        self.assertEqual(
            sorted(years), [f"{y}{y + 1}" for y in range(current - 3, current + 1)]
        )
        lines = student.course_history_ids
        in_progress = lines.filtered("in_progress")
        self.assertTrue(in_progress, "current year's courses are in progress")
        self.assertFalse(any(in_progress.mapped("final_grade")))
        self.assertTrue(in_progress.grade_ids, "in-progress grades per cell")
        self.assertTrue(all((lines - in_progress).mapped("final_grade")))
        structures = {
            s.school_year_id.code[:4]: s.school_year_id.marking_structure
            for s in student.school_year_summary_ids
        }
        self.assertEqual(structures[str(current - 1)], "trimesters")
        self.assertEqual(structures[str(current - 2)], "block_4x4")
        last_year_terms = set(
            lines.filtered(
                lambda line: line.school_year_id.code.startswith(str(current - 1))
            ).mapped("term_code_id.code")
        )
        self.assertLessEqual(last_year_terms, set("BCD"))
        self.assertEqual(len(student.test_history_ids), 6)
        self.assertTrue(student.immunization_ids)
        self.assertTrue(student.ese_program_ids)
        self.assertTrue(student.primary_exceptionality_id)
        self.assertTrue(student.schedule_ids)
        self.assertTrue(student.discipline_incident_ids)
