import datetime

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import FasterCase


@tagged("post_install", "-at_install")
class TestFasterRequest(FasterCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.approver = new_test_user(
            cls.env,
            login="fx_approver",
            groups="focus_transfers.group_district_transfer_admin",
        )
        cls.viewer = new_test_user(
            cls.env, login="fx_viewer", groups="faster_export.group_faster_view"
        )

    def _incoming(self):
        return self.env["fl.transfer.request"].create(
            {
                "direction": "incoming",
                "student_id": self.student.id,
                "first_name": "Avery",
                "last_name": "Thornbury",
                "birthdate": datetime.date(2015, 4, 2),
                "district_id": self.other_district.id,
                "enrollment_date": datetime.date(2026, 2, 10),
            }
        )

    def _rows(self):
        return self.Request.search([("student_id", "=", self.student.id)])

    def test_approval_queues_one_pending_row(self):
        request = self._incoming()
        request.with_user(self.approver).action_approve()
        row = self._rows()
        self.assertEqual(len(row), 1)
        self.assertEqual(row.status, "pending")
        self.assertEqual(row.request_type, "outgoing_transfer")
        self.assertEqual(row.requested_district_number, "61")
        self.assertEqual(row.created_user_id, self.approver)
        self.assertTrue(row.created_datetime)
        self.assertEqual(row.transfer_request_id, request)
        self.assertEqual(row.enrollment_id, self.enrollment)
        self.assertEqual(row.message_type_id.code, "Q01")

    def test_double_approval_still_one_row(self):
        request = self._incoming()
        request.with_user(self.approver).action_approve()
        with self.assertRaisesRegex(UserError, "already approved"):
            request.with_user(self.approver).action_approve()
        # the hook called again (a second path, a retried request): no second row
        self.enrollment._on_outgoing_transfer_approved(request)
        self.enrollment._on_outgoing_transfer_approved()
        self.assertEqual(len(self._rows()), 1)

    def test_w3a_with_transfer_to_queues_one_row(self):
        values = {
            "drop_date": datetime.date(2026, 1, 20),
            "withdrawal_code_id": self.w3a.id,
            "transfer_to_id": self.other_district.id,
        }
        self.enrollment.write(values)
        self.enrollment.write(values)  # same district again: no new approval
        rows = self._rows()
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows.enrollment_id, self.enrollment)
        self.assertFalse(rows.transfer_request_id)

    def test_database_refuses_a_second_pending_row(self):
        first = self.queue()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.Request.create(
                {
                    "student_id": self.student.id,
                    "requested_district_id": self.other_district.id,
                    "request_type": "outgoing_transfer",
                }
            )
        self.assertEqual(self._rows(), first)
        # a sent transcript does not block the next one
        first.write({"status": "sent"})
        second = self.queue()
        self.assertNotEqual(second, first)
        self.assertEqual(second.status, "pending")

    def test_retry(self):
        row = self.queue()
        with self.assertRaisesRegex(UserError, "only a request in error"):
            row.action_retry()
        row.write({"status": "error", "error_message": "boom"})
        with self.assertRaises(AccessError):
            row.with_user(self.viewer).action_retry()
        row.with_user(self.approver).action_retry()
        self.assertEqual(row.status, "pending")
        self.assertFalse(row.error_message)
        row.write({"status": "error"})
        self.queue()  # a new pending row for the same student and district
        with self.assertRaisesRegex(UserError, "already pending"):
            row.action_retry()

    def test_viewer_reads_but_cannot_create(self):
        row = self.queue()
        self.assertEqual(row.with_user(self.viewer).status, "pending")
        with self.assertRaises(AccessError):
            self.Request.with_user(self.viewer).create(
                {
                    "student_id": self.student.id,
                    "requested_district_id": self.district.id,
                }
            )

    def test_manual_send_wizard(self):
        action = self.student.action_send_faster_transcript()
        self.assertEqual(action["res_model"], "faster.send.transcript.wizard")
        Wizard = self.env["faster.send.transcript.wizard"].with_user(self.approver)
        district = self.env["fl.district"]._lookup("37")
        wizard = Wizard.create(
            {
                "student_id": self.student.id,
                "district_id": district.id,
                "reason": "Asked by phone",
            }
        )
        wizard.action_send()
        row = self._rows()
        self.assertEqual(len(row), 1)
        self.assertEqual(row.request_type, "manual")
        self.assertEqual(row.requested_district_number, "37")
        self.assertEqual(row.reason, "Asked by phone")
        self.assertEqual(self.student.faster_request_count, 1)
        with self.assertRaisesRegex(UserError, "this district"):
            Wizard.create(
                {
                    "student_id": self.student.id,
                    "district_id": self.district.id,
                    "reason": "x",
                }
            )

    def test_settings(self):
        Settings = self.env["res.config.settings"]
        settings = Settings.create(
            {
                "faster_sending_school_number": "0041",
                "faster_test_indicator": "P",
                "faster_file_name_pattern": "{student_number}_{request_id}.dat",
                "faster_send_i08": False,
                "faster_send_i07": False,
            }
        )
        settings.execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(
            params.get_param("faster_export.sending_school_number"), "0041"
        )
        self.assertEqual(params.get_param("faster_export.test_indicator"), "P")
        self.assertEqual(params.get_param("faster_export.record_types"), "I02,I05,I06")
        values = Settings.default_get(["faster_send_i08", "faster_send_i02"])
        self.assertFalse(values["faster_send_i08"])
        self.assertTrue(values["faster_send_i02"])
        with self.assertRaisesRegex(UserError, "placeholder"):
            Settings.create({"faster_file_name_pattern": "{student}.dat"})
        with self.assertRaisesRegex(ValidationError, "4 characters"):
            Settings.create({"faster_sending_school_number": "41"})
