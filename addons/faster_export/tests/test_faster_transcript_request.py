"""Requesting a transcript through FASTER (R01): what the peer API tells a
registrar to do for a student who left the prior district more than 60 days
ago, and the way to any district that is not on the Focus Transfers network."""

import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..faster import decode, read_records, validate_transcript
from .common import FasterCase


@tagged("post_install", "-at_install")
class TestFasterTranscriptRequest(FasterCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sender, cls.viewer = cls.faster_users("fx_r01")
        cls.enrollment.prior_district_id = cls.other_district

    def requests(self):
        return self.Request.search(
            [
                ("student_id", "=", self.student.id),
                ("request_type", "=", "transcript_request"),
            ]
        )

    def test_request_from_the_prior_district_is_an_r01_header(self):
        action = self.enrollment.with_user(
            self.sender
        ).action_request_faster_transcript()
        self.enrollment.with_user(self.sender).action_request_faster_transcript()
        row = self.requests()
        self.assertEqual(len(row), 1, "asked twice: one request")
        self.assertEqual(action["res_id"], row.id)
        self.assertEqual(row.message_type_id.code, "R01")
        self.assertEqual(row.requested_district_id, self.other_district)

        self.assertEqual(self.run_cron(), 1)
        self.assertEqual(row.status, "sent", row.error_message)
        records = list(read_records(row.file_path))
        self.assertEqual(len(records), 1, "a request is a header alone")
        self.assertEqual(validate_transcript(records), [])
        header = decode(records[0])
        self.assertEqual(header["record_type"], "I00")
        self.assertEqual(header["message_type"], "R01")
        self.assertEqual(header["addressed_institution"], ("0000061", "0000"))
        self.assertEqual(header["sending_institution"][0], "0000012")
        self.assertEqual(header["student_number"], self.student.florida_student_id)
        self.assertEqual(header["last_name"], self.student.last_name)
        self.assertEqual(header["birth_date"], self.student.birthdate)
        self.assertFalse(header["section_b"], "Section B is the responder's")

        # the prior district's Answer FASTER Requests (ours, as district 61)
        # understands it: a request from 12 about its own student
        self.env.company.fl_district_id = self.other_district
        wizard = self.env["faster.reply.wizard"].create(
            {
                "request_file": base64.b64encode(records[0] + b"\r\n"),
                "file_name": row.file_name,
            }
        )
        wizard.action_read()
        line = wizard.line_ids
        self.assertTrue(line.answerable, line.note)
        self.assertEqual(line.student_id, self.student)
        self.assertEqual(line.district_id.code, "12")

    def test_needs_a_prior_district_and_the_send_right(self):
        self.enrollment.prior_district_id = False
        with self.assertRaisesRegex(UserError, "Prior District"):
            self.enrollment.with_user(self.sender).action_request_faster_transcript()
        self.enrollment.prior_district_id = self.other_district
        with self.assertRaises(AccessError):
            self.enrollment.with_user(self.viewer).action_request_faster_transcript()
        self.assertFalse(self.requests())
