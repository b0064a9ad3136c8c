"""The receiving side against a real HTTP peer: this same Odoo on loopback
(the peer of district 61 points at ``base_url()``). Submit, status refresh,
cancel, package pull and receipt go through the HTTP server of the run."""

import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .peer_common import PeerCase

UNAVAILABLE = "does not have Focus Student Transfers enabled"


@tagged("post_install", "-at_install")
class TestPeerClient(PeerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registrar = new_test_user(
            cls.env, login="peer_registrar", groups="focus_transfers.group_registrar"
        )

    def _submit(self, user=None):
        return self.submit(user or self.registrar)

    def _requests(self):
        return self.env["fl.transfer.request"].search(
            [("student_id", "=", self.student.id)]
        )

    def test_submit_creates_outgoing_and_the_peer_records_it(self):
        outgoing, incoming = self._submit()
        self.assertEqual(outgoing.direction, "outgoing")
        self.assertEqual(outgoing.state, "pending")
        self.assertEqual(outgoing.district_id, self.other_district)
        self.assertEqual(outgoing.requester, self.registrar.name)
        # what the peer recorded: an incoming request from district 61
        self.assertEqual(incoming.direction, "incoming")
        self.assertEqual(incoming.remote_reference, str(outgoing.id))
        self.assertEqual(incoming.district_id, self.other_district)
        self.assertEqual(incoming.student_id, self.student)
        self.assertEqual(incoming.enrollment_date, self.enrollment.enrollment_date)
        with self.assertRaisesRegex(UserError, "already pending"):
            self.enrollment.with_user(self.registrar).action_submit_transfer_request()

    def test_submit_from_student_info(self):
        action = self.student.with_user(self.registrar).action_submit_transfer_request()
        outgoing = self.env["fl.transfer.request"].browse(action["res_id"])
        self.assertEqual(outgoing.district_id, self.other_district)
        self.assertTrue(outgoing.remote_reference)

    def test_submit_from_the_enrollment_completed_pop_up(self):
        wizard = self.env["fl.enrollment.completed.wizard"].create(
            {"enrollment_id": self.enrollment.id}
        )
        action = wizard.with_user(self.registrar).action_submit_transfer_request()
        outgoing = self.env["fl.transfer.request"].browse(action["res_id"])
        self.assertEqual(outgoing.direction, "outgoing")
        self.assertTrue(outgoing.remote_reference)

    def test_technical_user_is_not_an_internal_user(self):
        self.assertTrue(self.tech.share)
        self.assertTrue(self.tech.has_group("focus_transfers.group_peer_api"))
        self.assertFalse(self.tech.has_group("base.group_user"))
        with self.assertRaises(AccessError):
            self.peer.with_user(self.registrar)._new_technical_user_key()
        with self.assertRaisesRegex(ValidationError, "must not be an internal user"):
            self.peer.user_id = self.registrar

    def test_submit_needs_names_birthdate_and_prior_district(self):
        self.student.birthdate = False
        with self.assertRaisesRegex(UserError, "complete birthdate"):
            self.enrollment.with_user(self.registrar).action_submit_transfer_request()
        self.student.birthdate = datetime.date(2015, 4, 2)
        self.enrollment.prior_district_id = False
        with self.assertRaisesRegex(UserError, "Prior District"):
            self.enrollment.with_user(self.registrar).action_submit_transfer_request()
        self.assertFalse(self._requests())

    def test_submit_to_a_peer_not_enabled_or_unreachable(self):
        """Seed 000's error, and nothing half-created on either side."""
        cases = {
            "peer disabled here": {"enabled": False},
            "peer unreachable": {"base_url": "http://127.0.0.1:9"},
            "wrong key": {"api_key": "0" * 40},
        }
        for label, vals in cases.items():
            with self.subTest(label):
                saved = {k: self.peer[k] for k in vals}
                self.peer.write(vals)
                with self.assertRaisesRegex(UserError, UNAVAILABLE):
                    self.enrollment.with_user(
                        self.registrar
                    ).action_submit_transfer_request()
                self.peer.write(saved)
                self.env.invalidate_all()
                self.assertFalse(self._requests())
        # the peer's own switch: Focus Transfers disabled over there
        self.env.company.fl_transfers_enabled = False
        with self.assertRaisesRegex(UserError, UNAVAILABLE):
            self.enrollment.with_user(self.registrar).action_submit_transfer_request()
        self.env.invalidate_all()
        self.assertFalse(self._requests())

    def test_outcome_visible_to_the_requester(self):
        outgoing, incoming = self._submit()
        incoming.with_user(self.approver).action_approve()
        outgoing.with_user(self.registrar).action_refresh_status()
        self.assertEqual(outgoing.state, "approved")
        self.assertIn("Approved by", outgoing.message_ids[0].body)

    def test_denial_and_cron(self):
        outgoing, incoming = self._submit()
        incoming.write({"deny_reason": "identity_mismatch", "deny_note": "twin"})
        incoming.with_user(self.approver).action_deny()
        self.env["fl.transfer.request"]._cron_refresh_outgoing()
        self.env.invalidate_all()
        self.assertEqual(outgoing.state, "denied")
        self.assertEqual(outgoing.deny_reason, "identity_mismatch")
        self.assertEqual(outgoing.deny_note, "twin")
        cron = self.env.ref("focus_transfers.ir_cron_refresh_outgoing_requests")
        self.assertEqual(cron.code.strip(), "model._cron_refresh_outgoing()")

    def test_cancel_is_propagated(self):
        outgoing, incoming = self._submit()
        outgoing.with_user(self.registrar).action_cancel()
        self.env.invalidate_all()
        self.assertEqual(outgoing.state, "cancelled")
        self.assertEqual(incoming.state, "cancelled")

    def test_cancel_after_the_peer_decided(self):
        outgoing, incoming = self._submit()
        incoming.with_user(self.approver).action_approve()
        with self.assertRaisesRegex(UserError, "already decided"):
            outgoing.with_user(self.registrar).action_cancel()
        self.env.invalidate_all()
        self.assertEqual(outgoing.state, "pending")

    def test_viewer_may_not_submit_or_cancel(self):
        viewer = new_test_user(
            self.env,
            login="peer_viewer",
            groups="focus_transfers.group_focus_transfers_view",
        )
        with self.assertRaises(AccessError):
            self.enrollment.with_user(viewer).action_submit_transfer_request()
        outgoing, __ = self._submit()
        with self.assertRaises(AccessError):
            outgoing.with_user(viewer).action_cancel()
        self.assertEqual(outgoing.state, "pending")

    def test_fetch_package_and_receipt(self):
        __, incoming = self._submit()
        incoming.with_user(self.approver).action_approve()
        self.env.invalidate_all()
        package = self.student._transfer_fetch_package(
            self.other_district, ["demographics", "grades"]
        )
        self.assertEqual(package["student"]["first_name"], "Avery")
        self.env.invalidate_all()
        [disclosure] = self.student.sudo().disclosure_ids
        self.assertEqual(disclosure.basis, "transfer_to")
        log = self.env["fl.transfer.import.log"].create(
            {
                "student_id": self.student.id,
                "district_id": self.other_district.id,
                "sections": "demographics",
            }
        )
        log._send_receipt()
        self.assertEqual(log.receipt_state, "sent")
        self.env.invalidate_all()
        self.assertTrue(disclosure.receipt_date)
        self.assertEqual(disclosure.receipt_by, self.env.user.name)

    def test_fetch_package_not_authorised_says_so(self):
        with self.assertRaisesRegex(UserError, "Use Submit Focus Transfer Request"):
            self.student._transfer_fetch_package(self.other_district)

    def test_test_connection(self):
        action = self.peer.action_test_connection()
        self.assertEqual(action["params"]["type"], "success", action)
        self.assertIn("district 12", self.peer.last_check_result)
        self.peer.api_key = "0" * 40
        action = self.peer.action_test_connection()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn(UNAVAILABLE, self.peer.last_check_result)
