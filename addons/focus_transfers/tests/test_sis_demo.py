import datetime

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSisDemoBuilder(TransactionCase):
    """The demo builder works for either demo district on any day of the
    year, including the first weeks of a school year."""

    def test_build_early_in_the_school_year(self):
        district = self.env["fl.district"]._lookup("61")
        for number in ("9701", "9702", "9703"):
            self.env["fl.school"].create(
                {"district_id": district.id, "number": number, "name": number}
            )
        self.env["fl.sis.demo"]._build("61", today=datetime.date(2026, 8, 20))
        students = self.env["fl.student"].search(
            [("local_student_id", "=like", "61-%")]
        )
        self.assertEqual(len(students), 32)
        enrollments = students.enrollment_ids
        withdrawn = enrollments.filtered(lambda e: e.state == "withdrawn")
        self.assertTrue(withdrawn)
        for enrollment in withdrawn:
            self.assertGreaterEqual(enrollment.drop_date, enrollment.enrollment_date)
        for enrollment in enrollments:
            school = enrollment.school_id
            with self.subTest(grade=enrollment.grade_level_id.code):
                self.assertEqual(school.district_id, district)
                self.assertLessEqual(
                    school.lowest_grade_level_id.sequence,
                    enrollment.grade_level_id.sequence,
                )
                self.assertGreaterEqual(
                    school.highest_grade_level_id.sequence,
                    enrollment.grade_level_id.sequence,
                )

    def test_demo_district_parameter(self):
        """The two-district demo sets focus_transfers.demo_district before
        installing: the builder then makes that district's own people."""
        district = self.env["fl.district"]._lookup("61")
        for number in ("9711", "9712", "9713"):
            self.env["fl.school"].create(
                {"district_id": district.id, "number": number, "name": number}
            )
        self.env["ir.config_parameter"].set_param("focus_transfers.demo_district", "61")
        self.env.company.name = "YourCompany"  # Odoo's own, on a new database
        self.env["fl.sis.demo"]._build(students=4, today=datetime.date(2026, 11, 2))
        self.assertEqual(self.env.company.fl_district_id, district)
        # two demo servers side by side say which district each one is
        self.assertEqual(self.env.company.name, "Suwannee County School District")
        students = self.env["fl.student"].search(
            [("local_student_id", "=like", "61-%")], order="local_student_id"
        )
        self.assertEqual(len(students), 4)
        self.assertTrue(all(s.florida_student_id.startswith("61") for s in students))
        # not district 12's invented people under another number
        self.assertNotEqual(students[0].name, "Avery Thornbury")

    def test_a_named_company_keeps_its_name(self):
        district = self.env["fl.district"]._lookup("61")
        for number in ("9721", "9722", "9723"):
            self.env["fl.school"].create(
                {"district_id": district.id, "number": number, "name": number}
            )
        self.env.company.name = "Suwannee Schools"
        today = datetime.date(2026, 9, 1)
        self.env["fl.sis.demo"]._build("61", students=1, today=today)
        self.assertEqual(self.env.company.name, "Suwannee Schools")
