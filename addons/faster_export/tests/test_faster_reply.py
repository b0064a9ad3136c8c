"""Answer FASTER Requests: a file of request headers received becomes, once
reviewed, replies in faster_requests that the job answers with S01."""

import base64
import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from ..faster import decode, encode, read_records
from .common import TODAY, FasterCase


def request_header(**values):
    """A FASTER request header from district 61 to district 12."""
    given = {
        "student_number": "1212345678",
        "addressed_institution": ("0000012", "0000"),
        "sending_institution": ("0000061", "0041"),
        "message_type": "R01",
        "last_name": "THORNBURY",
        "first_name": "AVERY",
        "birth_date": datetime.date(2015, 4, 2),
        "post_stamp": "20261203101500001",
    }
    given.update(values)
    return encode("I00", {k: v for k, v in given.items() if v is not None})


@tagged("post_install", "-at_install")
class TestFasterReply(FasterCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sender, cls.viewer = cls.faster_users("fx_reply")
        cls.env["fl.academic.demo"].build_history(
            cls.student, years=2, ese=False, incident=False, today=TODAY
        )

    def wizard(self, *records, user=None):
        data = b"".join(record + b"\r\n" for record in records)
        return (
            self.env["faster.reply.wizard"]
            .with_user(user or self.sender)
            .create({"request_file": base64.b64encode(data), "file_name": "req.fst"})
        )

    def test_requests_matched_reviewed_and_answered(self):
        by_number = request_header()
        by_name = request_header(student_number="1299999999", first_name="avery")
        unknown = request_header(student_number="1288888888", last_name="NOBODY")
        elsewhere = request_header(addressed_institution=("0000037", "0000"))
        response = request_header(message_type="S01")
        wizard = self.wizard(by_number, by_name, unknown, elsewhere, response)
        wizard.action_read()
        self.assertEqual(wizard.state, "review")
        lines = wizard.line_ids.sorted("record_number")
        self.assertEqual(lines.mapped("record_number"), [1, 2, 3, 4, 5])
        self.assertEqual(lines.mapped("answerable"), [True, True, True, False, False])
        self.assertEqual(lines[0].student_id, self.student)  # Florida number
        self.assertEqual(lines[1].student_id, self.student)  # names + birth date
        self.assertFalse(lines[2].student_id)
        self.assertIn("No student found", lines[2].note)
        self.assertIn("Addressed to district 37", lines[3].note)
        self.assertIn("a response, not a request", lines[4].note)
        self.assertEqual(lines[0].district_id, self.other_district)
        self.assertEqual(lines[0].birth_date, datetime.date(2015, 4, 2))
        self.assertEqual(wizard.answerable_count, 2)

        action = wizard.action_queue()
        reply = self.Request.search([("request_type", "=", "reply")])
        self.assertEqual(len(reply), 1)  # the same student asked twice: one reply
        self.assertEqual(action["domain"], [("id", "in", reply.ids)])
        self.assertEqual(reply.student_id, self.student)
        self.assertEqual(reply.requested_district_id, self.other_district)
        self.assertEqual(reply.message_type_id.code, "S01")
        self.assertEqual(reply.request_header, by_number[:1011].decode())

        self.assertEqual(self.run_cron(), 1)
        self.assertEqual(reply.status, "sent", reply.error_message)
        header = decode(next(read_records(reply.file_path)))
        self.assertEqual(header["message_type"], "S01")
        self.assertEqual(header["section_b"], by_number[3:256].decode().rstrip())
        self.assertEqual(header["addressed_institution"], ("0000061", "0000"))

    def test_low_values_in_the_local_filler_are_answered(self):
        record = request_header()[:1011] + b"\x00" * 9
        wizard = self.wizard(record)
        wizard.action_read()
        self.assertTrue(wizard.line_ids.answerable)
        wizard.action_queue()
        reply = self.Request.search([("request_type", "=", "reply")])
        self.assertEqual(reply.request_header, record[:1011].decode())

    def test_a_student_chosen_by_the_registrar_is_answered(self):
        unknown = request_header(student_number="1288888888", last_name="NOBODY")
        wizard = self.wizard(unknown)
        wizard.action_read()
        with self.assertRaisesRegex(UserError, "No request to answer"):
            wizard.action_queue()
        wizard.line_ids.student_id = self.student
        wizard.action_queue()
        row = self.Request.search([("request_type", "=", "reply")])
        self.assertEqual(row.student_id, self.student)
        self.assertEqual(row.request_header, unknown[:1011].decode())

    def test_a_student_nobody_here_is_answered_s02(self):
        unknown = request_header(
            student_number="1288888888", last_name="NOBODY", first_name="ASKED", sex="F"
        )
        wizard = self.wizard(unknown)
        wizard.action_read()
        self.assertEqual(wizard.answerable_count, 0)
        wizard.line_ids.cannot_identify = True
        self.assertEqual(wizard.answerable_count, 1)
        wizard.action_queue()
        wizard.action_queue()  # twice: still one reply
        reply = self.Request.search([("request_type", "=", "reply")])
        self.assertEqual(len(reply), 1)
        self.assertFalse(reply.student_id)
        self.assertEqual(reply.message_type_id.code, "S02")
        self.assertEqual(reply.display_name, "ASKED NOBODY (not identified) → 61")

        self.assertEqual(self.run_cron(), 1)
        self.assertEqual(reply.status, "sent", reply.error_message)
        self.assertEqual(reply.record_count, 1)  # a header alone
        self.assertIn("1288888888", reply.file_name)
        (record,) = read_records(reply.file_path)
        header = decode(record)
        self.assertEqual(header["message_type"], "S02")
        self.assertEqual(header["student_number"], "1288888888")
        self.assertEqual(
            (header["last_name"], header["first_name"], header["sex"]),
            ("NOBODY", "ASKED", "F"),
        )
        self.assertEqual(header["birth_date"], datetime.date(2015, 4, 2))
        self.assertEqual(header["addressed_institution"], ("0000061", "0000"))
        self.assertEqual(header["sending_institution"][0], "0000012")
        self.assertEqual(header["section_b"], unknown[3:256].decode().rstrip())

    def test_only_the_s02_reply_goes_without_a_student(self):
        with self.assertRaisesRegex(ValidationError, "needs its student"):
            self.Request.create(
                {
                    "requested_district_id": self.other_district.id,
                    "request_type": "manual",
                }
            )

    def test_faulty_records_are_located_not_answered(self):
        bad = bytearray(request_header())
        bad[70] = 0  # a LOW-VALUE in the last name
        transcript_record = encode(
            "I01", {"student_number": "1212345678", "district": 12, "school": "0041"}
        )
        wizard = self.wizard(bytes(bad), transcript_record, request_header()[:500])
        wizard.action_read()
        lines = wizard.line_ids.sorted("record_number")
        self.assertFalse(any(lines.mapped("answerable")))
        self.assertIn("record 1 (I00) item 9 bytes 71-71", lines[0].note)
        self.assertIn("non-displayable", lines[0].note)
        self.assertEqual(lines[0].last_name, "THORNBURY ?")  # byte 71 shown as ?
        self.assertIn("Not a FASTER request header (record type I01)", lines[1].note)
        self.assertIn("record type ?", lines[2].note)
        with self.assertRaisesRegex(UserError, "No request to answer"):
            wizard.action_queue()
        self.assertFalse(self.Request.search([("request_type", "=", "reply")]))

    def test_empty_file_and_no_file(self):
        blank = (
            self.env["faster.reply.wizard"]
            .with_user(self.sender)
            .create(
                {"request_file": base64.b64encode(b"\r\n"), "file_name": "blank.fst"}
            )
        )
        with self.assertRaisesRegex(UserError, "blank.fst holds no FASTER record"):
            blank.action_read()
        wizard = self.env["faster.reply.wizard"].with_user(self.sender).create({})
        with self.assertRaisesRegex(UserError, "Choose the file"):
            wizard.action_read()

    def test_only_senders_answer_requests(self):
        with self.assertRaises(AccessError):
            self.wizard(request_header(), user=self.viewer)
        menu = self.env.ref("faster_export.faster_reply_wizard_menu")
        self.assertIn(self.env.ref("faster_export.group_faster_send"), menu.groups_id)


@tagged("post_install", "-at_install")
class TestFasterReplyTour(HttpCase):
    def test_answer_tour(self):
        """In Chromium: read, review (Answer S02 ticked), queue."""
        env = self.env
        env.company.fl_district_id = env["fl.district"]._lookup("12")
        env["fl.student"].create(
            {
                "first_name": "Quill",
                "last_name": "Tourmaline",
                "birthdate": datetime.date(2010, 5, 6),
                "florida_student_id": "1299001001",
            }
        )
        asked = request_header(
            student_number="1299001001",
            last_name="TOURMALINE",
            first_name="QUILL",
            birth_date=datetime.date(2010, 5, 6),
        )
        nobody = request_header(student_number="1288888888", last_name="NOBODY")
        data = b"".join(record + b"\r\n" for record in (asked, nobody))
        env["ir.default"].set(
            "faster.reply.wizard", "request_file", base64.b64encode(data).decode()
        )
        env["ir.default"].set("faster.reply.wizard", "file_name", "requests.fst")
        self.start_tour("/odoo", "faster_reply_answer", login="admin")
        replies = env["faster.request"].search([("request_type", "=", "reply")])
        self.assertEqual(sorted(replies.mapped("message_type_id.code")), ["S01", "S02"])
        self.assertEqual(replies.student_id.name, "Quill Tourmaline")
