"""Transfer requests in Chromium: submit, approve, cancel (seed 000).

Submit and cancel talk to a real HTTP peer: this very test server on
loopback, configured as the peer district 61 (see ``SelfPeerMixin``).
"""

import datetime

from odoo.tests import HttpCase, tagged

from .self_peer import SelfPeerMixin
from .test_transfer_import import grant_import_rights


class RequestTourCase(SelfPeerMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.district = env["fl.district"]._lookup("12")
        cls.other_district = env["fl.district"]._lookup("61")
        env.company.fl_district_id = cls.district
        cls.school = env["fl.school"].create(
            {"district_id": cls.district.id, "number": "9201", "name": "Tour High"}
        )
        today = datetime.date.today()
        start = today.year if today.month >= 8 else today.year - 1
        cls.year = env["fl.school.year"]._for_date(today) or env[
            "fl.school.year"
        ].create(
            {
                "name": f"Tour {start}",
                "code": f"9{start}",
                "date_start": datetime.date(start, 8, 1),
                "date_end": datetime.date(start + 1, 6, 30),
            }
        )
        cls.grade = env["fl.grade.level"]._lookup("10")
        cls.w3a = env["fl.withdrawal.code"]._lookup("W3A")

    @classmethod
    def _student(cls, first, last, birthdate, fleid, enrollment_date, **enrollment):
        student = cls.env["fl.student"].create(
            {
                "first_name": first,
                "last_name": last,
                "birthdate": birthdate,
                "florida_student_id": fleid,
            }
        )
        cls.env["fl.enrollment"].create(
            {
                "student_id": student.id,
                "school_id": cls.school.id,
                "school_year_id": cls.year.id,
                "grade_level_id": cls.grade.id,
                "enrollment_date": enrollment_date,
                **enrollment,
            }
        )
        return student


@tagged("post_install", "-at_install")
class TestTransferRequestTours(RequestTourCase):
    def test_approve_tour(self):
        """Incoming Requests > open > Approve: withdrawn W3A the day before
        the requester's enrollment, Transfer To = the requester."""
        enrolled = self.year.date_start + datetime.timedelta(days=10)
        student = self._student(
            "Quill", "Tourmaline", datetime.date(2010, 5, 6), "1299001001", enrolled
        )
        request = self.env["fl.transfer.request"].create(
            {
                "direction": "incoming",
                "student_id": student.id,
                "florida_student_id": student.florida_student_id,
                "first_name": "Quill",
                "last_name": "Tourmaline",
                "birthdate": student.birthdate,
                "district_id": self.other_district.id,
                "requester": "R. Registrar",
                "enrollment_date": datetime.date.today(),
            }
        )
        self.start_tour("/odoo", "fl_transfer_approve", login="admin")
        request.invalidate_recordset()
        self.assertEqual(request.state, "approved")
        enrollment = student.enrollment_ids
        self.assertEqual(enrollment.state, "withdrawn")
        self.assertEqual(enrollment.withdrawal_code_id, self.w3a)
        self.assertEqual(
            enrollment.drop_date,
            max(datetime.date.today() - datetime.timedelta(days=1), enrolled),
        )
        self.assertEqual(enrollment.sudo().transfer_to_id, self.other_district)

    def _mover(self, first, last, fleid):
        """A student who just enrolled here from district 61."""
        return self._student(
            first,
            last,
            datetime.date(2011, 2, 3),
            fleid,
            datetime.date.today(),
            prior_district_id=self.other_district.id,
            entry_code_id=self.env["fl.entry.code"]._lookup("E02").id,
        )

    def _requests(self, student):
        return self.env["fl.transfer.request"].search(
            [("student_id", "=", student.id)], order="direction"
        )

    def test_submit_tour(self):
        """Enrollment with a Prior District > Submit Focus Transfer Request:
        the peer (this server, over HTTP) records it, the outgoing request
        opens pending with the peer's reference."""
        self._self_peer()
        student = self._mover("Wren", "Submitfield", "1299001002")
        enrollment = student.enrollment_ids
        self.start_tour(
            f"/odoo/action-focus_transfers.fl_enrollment_action/{enrollment.id}",
            "fl_transfer_submit",
            login="admin",
        )
        incoming, outgoing = self._requests(student)
        self.assertEqual(
            (incoming.direction, outgoing.direction), ("incoming", "outgoing")
        )
        self.assertEqual(outgoing.state, "pending")
        self.assertEqual(outgoing.remote_reference, str(incoming.id))
        self.assertEqual(incoming.district_id, self.other_district)
        self.assertEqual(incoming.state, "pending")

    def test_cancel_tour(self):
        """Outgoing Requests > open > Cancel Request: cancelled here and at
        the peer district (this server, over HTTP)."""
        self._self_peer()
        student = self._mover("Juniper", "Larkfield", "1299001003")
        student.enrollment_ids.action_submit_transfer_request()
        incoming, outgoing = self._requests(student)
        self.assertEqual(outgoing.remote_reference, str(incoming.id))
        self.start_tour("/odoo", "fl_transfer_cancel", login="admin")
        (incoming | outgoing).invalidate_recordset()
        self.assertEqual(outgoing.state, "cancelled")
        self.assertEqual(incoming.state, "cancelled")

    def test_outcome_and_import_tour(self):
        """The prior district (this server, over HTTP) approves and tells us:
        Outgoing Requests shows it approved with the registrar's activity;
        Import data imports the records and the activity is done."""
        self._self_peer()
        admin = self.env.ref("base.user_admin")
        grant_import_rights(self.env, admin)
        student = self._mover("Rowan", "Ashgrove", "1299001004")
        student.enrollment_ids.with_user(admin).action_submit_transfer_request()
        incoming, outgoing = self._requests(student)
        incoming.action_approve()
        Request = self.env["fl.transfer.request"]
        Request._cron_send_outcomes()  # both ends are this server
        Request._cron_refresh_outgoing()
        self.start_tour("/odoo", "fl_transfer_outcome_import", login="admin")
        self.env.invalidate_all()
        self.assertEqual(outgoing.state, "approved")
        self.assertFalse(outgoing.activity_ids)
        self.assertEqual(len(student.transfer_import_log_ids), 1)
