"""GPA against hand-computed values (rule in models/student_academic.py)."""

from .academic_common import AcademicCase


class TestAcademicGpa(AcademicCase):
    def test_state_gpa_hand_computed(self):
        # 2023-24: A(1.0) B+(1.0) C-(0.5) F(0.5) -> state points 4, 3, 2, 0
        #   (4*1 + 3*1 + 2*0.5 + 0*0.5) / 3.0 = 8 / 3 = 2.6667
        self._line("A", 1.0)
        self._line("B+", 1.0)
        self._line("C-", 0.5)
        self._line("F", 0.5)
        # excluded: pass/fail, no credit attempted, in progress, flag W, flag X
        self._line("P", 1.0)
        self._line("A", 0.0)
        self._line(False, 1.0, flags=[self.flag_p])
        self._line("D", 1.0, flags=[self.flag_w])
        self._line("D", 1.0, flags=[self.flag_x])
        summary = self.env["fl.school.year.summary"].search(
            [
                ("student_id", "=", self.student.id),
                ("school_year_id", "=", self.year.id),
            ]
        )
        self.assertEqual(len(summary), 1, "one I03 summary per student-year")
        self.assertAlmostEqual(summary.gpa_state, 8 / 3, places=4)
        # 2024-25: A honors (1.0), D (1.0) -> state (4 + 1) / 2 = 2.5
        self._line("A", 1.0, flags=[self.flag_h], year=self.year2)
        self._line("D", 1.0, year=self.year2)
        # cumulative state: (8 + 5) / (3.0 + 2.0) = 2.6
        self.assertAlmostEqual(self.student.gpa_state_cumulative, 2.6, places=4)
        # credits earned: 1 + 1 + 0.5 + 0 (F) + 1 (P) + 0 + 0 (in progress)
        #   + 1 (W) + 1 (X) = 5.5, then 2 in 2024-25
        self.assertAlmostEqual(self.student.credits_earned_total, 7.5)

    def test_district_gpa_weighted_and_flags(self):
        # Standard scale: A=4 B=3 C=2 D=1 F=0, honors bonus 1.0 (H or G).
        # A honors (1.0) -> 5; B (1.0) -> 3; D with X+I (0.5) -> 1 counted;
        # C with X only -> excluded; P -> not in GPA.
        # (5*1 + 3*1 + 1*0.5) / 2.5 = 8.5 / 2.5 = 3.4
        self._line("A", 1.0, flags=[self.flag_h])
        self._line("B", 1.0)
        flag_i = self._code("fl.course.flag", "I")
        self._line("D", 0.5, flags=[self.flag_x, flag_i])
        self._line("C", 1.0, flags=[self.flag_x])
        self._line("P", 1.0)
        self.assertAlmostEqual(self.student.gpa_district_cumulative, 3.4, places=4)
        # state GPA ignores honors and excludes X lines: (4 + 3) / 2 = 3.5
        self.assertAlmostEqual(self.student.gpa_state_cumulative, 3.5, places=4)

    def test_gpa_recomputes_on_grade_change(self):
        line = self._line("B", 1.0)
        self.assertAlmostEqual(self.student.gpa_state_cumulative, 3.0)
        line.final_grade = "A-"
        self.assertAlmostEqual(self.student.gpa_state_cumulative, 4.0)
        line.unlink()
        self.assertEqual(self.student.gpa_state_cumulative, 0.0)

    def test_course_grading_scale_points(self):
        scale = self.env["fl.grading.scale"].create(
            {
                "name": "Plus/minus",
                "code": "PM",
                "line_ids": [
                    (0, 0, {"grade": "B+", "gpa_points": 3.3}),
                    (0, 0, {"grade": "C", "gpa_points": 2.0}),
                ],
            }
        )
        course = self.env["fl.course"].create(
            {
                "code": "12003101",
                "name": "Algebra 1",
                "short_title": "Algebra 1",
                "grading_scale_id": scale.id,
            }
        )
        # (3.3*1 + 2*1) / 2 = 2.65 district; state (3 + 2) / 2 = 2.5
        self._line("B+", 1.0, course_id=course.id)
        self._line("C", 1.0, course_id=course.id)
        self.assertAlmostEqual(self.student.gpa_district_cumulative, 2.65, places=4)
        self.assertAlmostEqual(self.student.gpa_state_cumulative, 2.5, places=4)
