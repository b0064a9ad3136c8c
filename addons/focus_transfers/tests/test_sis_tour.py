import datetime

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestAddStudentTour(HttpCase):
    def test_add_student_enroll_student_info(self):
        district = self.env["fl.district"]._lookup("12")
        self.env.company.fl_district_id = district
        school = self.env["fl.school"].create(
            {"district_id": district.id, "number": "9101", "name": "Tour School"}
        )
        self.env["fl.school.year"].create(
            {
                "name": "2040-2041",
                "code": "20402041",
                "date_start": datetime.date(2040, 8, 1),
                "date_end": datetime.date(2041, 6, 30),
            }
        )
        self.start_tour("/odoo", "fl_add_student", login="admin")
        student = self.env["fl.student"].search([("last_name", "=", "Pathfinder")])
        self.assertEqual(len(student), 1)
        self.assertEqual(student.current_enrollment_id.school_id, school)
        self.assertEqual(student.grade_level_id.code, "04")
