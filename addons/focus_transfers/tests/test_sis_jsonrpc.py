import datetime
import json

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSisJsonRpc(HttpCase):
    """fl.student, fl.school and fl.enrollment read from outside over
    /jsonrpc with a real login, as an integration would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        district = cls.env["fl.district"]._lookup("12")
        cls.env.company.fl_district_id = district
        cls.school = cls.env["fl.school"].create(
            {"district_id": district.id, "number": "9001", "name": "RPC School"}
        )
        year = cls.env["fl.school.year"].create(
            {
                "name": "2030-2031",
                "code": "20302031",
                "date_start": datetime.date(2030, 8, 1),
                "date_end": datetime.date(2031, 6, 30),
            }
        )
        cls.student = cls.env["fl.student"].create(
            {
                "first_name": "Avery",
                "last_name": "Thornbury",
                "birthdate": datetime.date(2015, 4, 2),
            }
        )
        cls.enrollment = cls.env["fl.enrollment"].create(
            {
                "student_id": cls.student.id,
                "school_id": cls.school.id,
                "school_year_id": year.id,
                "grade_level_id": cls.env["fl.grade.level"]._lookup("09").id,
                "enrollment_date": datetime.date(2030, 8, 15),
                "entry_code_id": cls.env["fl.entry.code"]._lookup("E01").id,
            }
        )

    def _rpc(self, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": list(args)},
            "id": 1,
        }
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        reply = response.json()
        self.assertNotIn("error", reply, reply.get("error"))
        return reply["result"]

    def test_read_sis_models(self):
        db = self.env.cr.dbname
        uid = self._rpc("common", "login", db, "admin", "admin")
        self.assertEqual(uid, self.env.ref("base.user_admin").id)
        self.assertFalse(self._rpc("common", "login", db, "admin", "wrong"))

        def call(model, method, args, **kwargs):
            return self._rpc(
                "object", "execute_kw", db, uid, "admin", model, method, args, kwargs
            )

        [student] = call(
            "fl.student",
            "read",
            [self.student.ids],
            fields=["name", "first_name", "last_name", "birthdate",
                    "current_enrollment_id", "enrollment_ids", "school_id"],
        )  # fmt: skip
        self.assertEqual(student["name"], "Avery Thornbury")
        self.assertEqual(student["birthdate"], "2015-04-02")
        self.assertEqual(student["current_enrollment_id"][0], self.enrollment.id)
        self.assertEqual(student["school_id"][0], self.school.id)
        [school] = call(
            "fl.school",
            "search_read",
            [[("id", "=", self.school.id), ("is_local", "=", True)]],
            fields=["code", "district_id", "drop_schedule_on_transfer"],
        )
        self.assertEqual(school["code"], "129001")
        self.assertEqual(school["district_id"][1], "12 - Columbia")
        [enrollment] = call(
            "fl.enrollment",
            "search_read",
            [[("student_id", "=", self.student.id)]],
            fields=["school_year_id", "grade_level_id", "enrollment_date",
                    "entry_code_id", "state"],
        )  # fmt: skip
        self.assertEqual(enrollment["state"], "active")
        self.assertEqual(enrollment["school_year_id"][1], "2030-2031")
        self.assertEqual(enrollment["grade_level_id"][1], "09 - Grade 9")
        self.assertTrue(enrollment["entry_code_id"][1].startswith("E01"))
