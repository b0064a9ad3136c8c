"""The faster_requests queue as its users could attack it over RPC: the
Send and Retry and the View users, with their own passwords, over the web
client's /web/dataset/call_kw and over /jsonrpc. A request's status and what
follows from processing change through the queue's actions and the job only:
never Sent by hand, never back to Pending to go out twice, never created
already Sent, never deleted, its file never replaced."""

import base64
import json

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import FasterCase


@tagged("post_install", "-at_install")
class TestFasterRequestRpc(FasterCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sender, cls.viewer = cls.faster_users("fx_rpc")
        # a Settings administrator: every access right, still not the system
        cls.admin = new_test_user(
            cls.env, login="fx_rpc_admin", groups="base.group_system"
        )
        cls.attackers = (cls.sender, cls.viewer, cls.admin)
        cls.s01 = cls.env["fl.message.type"]._lookup("S01")

    def setUp(self):
        super().setUp()
        self.session_user = None
        self.sent = self.queue(self.make_student("Marlo", "Quist", "1276543210", False))
        self.run_cron()
        self.assertEqual(self.sent.status, "sent", self.sent.error_message)
        self.pending = self.queue()

    # -- the two routes ------------------------------------------------------------

    def call_kw(self, user, model, method, *args, **kwargs):
        """The web client's route, in ``user``'s own session: the error
        (its name and message), or None when the call went through."""
        if self.session_user != user:
            self.authenticate(user.login, user.login)
            self.session_user = user
        return self._error(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def execute_kw(self, user, model, method, *args, **kwargs):
        """/jsonrpc with ``user``'s login and password, as an integration."""
        db = self.env.cr.dbname
        params = {
            "service": "object",
            "method": "execute_kw",
            "args": [db, user.id, user.login, model, method, list(args), kwargs],
        }
        return self._error("/jsonrpc", params)

    def _error(self, url, params):
        response = self.url_open(
            url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        error = response.json().get("error")
        return error and error["data"]

    def refused(self, user, model, method, *args, **kwargs):
        """Call on both routes (web client, /jsonrpc): an access error each."""
        for route in (self.call_kw, self.execute_kw):
            with mute_logger("odoo.http"):  # the refusal, logged as a warning
                error = route(user, model, method, *args, **kwargs)
            self.assertTrue(error, f"{route.__name__}: {method} went through")
            self.assertEqual(
                error["name"], "odoo.exceptions.AccessError", error["message"]
            )

    def assertUnchanged(self, row, **values):
        row.invalidate_recordset()
        self.assertEqual({key: row[key] for key in values}, values)

    # -- attacks -------------------------------------------------------------------

    def test_nobody_marks_a_request_sent(self):
        for user in self.attackers:
            for vals in (
                {"status": "sent"},
                {"sent_datetime": "2026-02-10 08:00:00"},
                {"attempts": 1, "record_count": 3, "error_message": False},
                {"file_name": "forged.txt", "file_path": "/tmp/forged.txt"},
                {"attachment_id": self.sent.attachment_id.id},
                {"status": "error", "error_message": "hidden"},
            ):
                with self.subTest(user=user.login, vals=vals):
                    self.refused(
                        user, "faster.request", "write", self.pending.ids, vals
                    )
        self.assertUnchanged(
            self.pending, status="pending", attempts=0, file_name=False
        )

    def test_nobody_resets_a_sent_request_to_send_it_twice(self):
        sent_on = self.sent.sent_datetime
        for user in self.attackers:
            for vals in (
                {"status": "pending"},
                {"status": "pending", "attempts": 0, "sent_datetime": False},
                {"retry_after": "2020-01-01 00:00:00"},
                {"upload_attempts": 0},
            ):
                with self.subTest(user=user.login, vals=vals):
                    self.refused(user, "faster.request", "write", self.sent.ids, vals)
        self.assertUnchanged(
            self.sent, status="sent", attempts=1, sent_datetime=sent_on
        )

    def test_nobody_creates_a_request_already_sent(self):
        student = self.make_student("Tovah", "Renn", "1265432109", False)
        for user in self.attackers:
            for vals in (
                {"status": "sent", "sent_datetime": "2026-02-10 08:00:00"},
                {},  # a Pending row: queued by the wizard's checks, not by hand
            ):
                with self.subTest(user=user.login, vals=vals):
                    self.refused(
                        user,
                        "faster.request",
                        "create",
                        {
                            "student_id": student.id,
                            "requested_district_id": self.other_district.id,
                            **vals,
                        },
                    )
        self.assertFalse(self.Request.search([("student_id", "=", student.id)]))

    def test_nobody_deletes_a_request(self):
        for user in self.attackers:
            with self.subTest(user=user.login):
                self.refused(
                    user, "faster.request", "unlink", (self.pending | self.sent).ids
                )
        self.assertEqual(len((self.pending | self.sent).exists()), 2)

    def test_nobody_replaces_the_file_sent(self):
        attachment = self.sent.attachment_id
        raw = attachment.raw
        forged = base64.b64encode(b"forged").decode()
        for user in self.attackers:
            with self.subTest(user=user.login):
                self.refused(
                    user,
                    "ir.attachment",
                    "write",
                    attachment.ids,
                    {"datas": forged},
                )
                self.refused(user, "ir.attachment", "unlink", attachment.ids)
                self.refused(
                    user,
                    "ir.attachment",
                    "create",
                    {
                        "name": "forged.txt",
                        "datas": forged,
                        "res_model": "faster.request",
                        "res_id": self.pending.id,
                    },
                )
        attachment.invalidate_recordset()
        self.assertEqual(attachment.raw, raw)

    def test_the_queue_actions_still_work(self):
        """What the form and the list do: change the message type of a
        pending request, Send Again a sent one (the Send and Retry right)."""
        error = self.call_kw(
            self.sender,
            "faster.request",
            "write",
            self.pending.ids,
            {"message_type_id": self.s01.id},
        )
        self.assertIsNone(error)
        self.assertEqual(self.pending.message_type_id, self.s01)
        # once sent, the message type is what was sent
        self.refused(
            self.sender,
            "faster.request",
            "write",
            self.sent.ids,
            {"message_type_id": self.s01.id},
        )
        self.refused(self.viewer, "faster.request", "action_retry", self.sent.ids)
        self.assertUnchanged(self.sent, status="sent")
        error = self.execute_kw(
            self.sender, "faster.request", "action_retry", self.sent.ids
        )
        self.assertIsNone(error)
        self.assertUnchanged(self.sent, status="pending")
