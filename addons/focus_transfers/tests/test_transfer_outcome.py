"""The requester hears of a decision at once ("the requester sees the
outcome"): the deciding district tells it over the peer API, the
requester then reads the state back with its own key, and its registrar gets
an activity. This same Odoo on loopback is the peer (peer_common.py)."""

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from ..models.transfer_request import MAX_REFERENCES
from .peer_common import PeerCase

SEND_CRON = "focus_transfers.ir_cron_send_outcomes"
REFRESH_CRON = "focus_transfers.ir_cron_refresh_outgoing_requests"
OUTCOME_ACTIVITY = "focus_transfers.mail_act_transfer_outcome"


@tagged("post_install", "-at_install")
class TestTransferOutcome(PeerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registrar = new_test_user(
            cls.env, login="outcome_registrar", groups="focus_transfers.group_registrar"
        )

    def _submit(self):
        return self.submit(self.registrar)

    def _triggers(self, xmlid):
        cron = self.env.ref(xmlid)
        return self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])

    def _send_outcomes(self):
        self.env["fl.transfer.request"]._cron_send_outcomes()
        self.env.invalidate_all()

    def test_approval_reaches_the_requester_at_once(self):
        outgoing, incoming = self._submit()
        sends = self._triggers(SEND_CRON)
        incoming.with_user(self.approver).action_approve()
        self.assertTrue(incoming.outcome_to_send)
        self.assertGreater(self._triggers(SEND_CRON), sends, "sent at commit")

        refreshes = self._triggers(REFRESH_CRON)
        self._send_outcomes()
        self.assertFalse(incoming.outcome_to_send)
        # the requester was told, and reads the state back with its own key
        self.assertGreater(self._triggers(REFRESH_CRON), refreshes)
        self.assertEqual(outgoing.state, "pending", "nothing taken from the push")
        self.env["fl.transfer.request"]._cron_refresh_outgoing()
        self.env.invalidate_all()
        self.assertEqual(outgoing.state, "approved")
        # the registrar who asked gets an activity to import the records
        [activity] = outgoing.activity_ids
        self.assertEqual(activity.activity_type_id, self.env.ref(OUTCOME_ACTIVITY))
        self.assertEqual(activity.user_id, self.registrar)
        self.assertIn("Approved by 61", activity.summary)
        self.assertIn("import", activity.note)
        # the request it opens has the button that imports them
        action = outgoing.with_user(self.registrar).action_open_transfer_import()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(wizard.student_id, self.student)
        self.assertEqual(wizard.district_id, self.other_district)
        self.assertIn("Avery", wizard.package_json)
        # importing the records is what the activity asked for: done
        self.env["fl.transfer.request"]._records_imported(
            self.student, self.other_district
        )
        self.assertFalse(outgoing.activity_ids)
        self.assertIn("Records imported", outgoing.message_ids[0].body)

    def test_denial_reaches_the_requester_with_its_reason(self):
        outgoing, incoming = self._submit()
        incoming.write({"deny_reason": "identity_mismatch", "deny_note": "twin"})
        incoming.with_user(self.approver).action_deny()
        self.assertTrue(incoming.outcome_to_send)
        self._send_outcomes()
        self.assertFalse(incoming.outcome_to_send)
        self.env["fl.transfer.request"]._cron_refresh_outgoing()
        self.env.invalidate_all()
        self.assertEqual(outgoing.state, "denied")
        [activity] = outgoing.activity_ids
        self.assertIn("Denied by 61", activity.summary)
        self.assertIn("Identity does not match", activity.note)

    def test_decisions_told_a_batch_a_call_the_runner_woken_while_more_remain(self):
        """More decisions for a district than one call to it carries: the
        call tells a batch, the cron runner is told what is left and woken
        to go on at once (not at its next poll)."""
        Request = self.env["fl.transfer.request"].sudo()
        Request.search([("outcome_to_send", "=", True)]).outcome_to_send = False
        decided = Request.with_context(tracking_disable=True).create(
            [
                {
                    "direction": "incoming",
                    "state": "approved",
                    "first_name": "Batch",
                    "last_name": f"Decided{n}",
                    "birthdate": "2010-01-01",
                    "enrollment_date": "2026-08-12",
                    "district_id": self.other_district.id,
                    "remote_reference": str(900000 + n),
                    "outcome_to_send": True,
                }
                for n in range(MAX_REFERENCES + 1)
            ]
        )
        progress = self.env["ir.cron.progress"].create(
            {"cron_id": self.env.ref(SEND_CRON).id}
        )
        triggers = self._triggers(SEND_CRON)
        Request.with_context(ir_cron_progress_id=progress.id)._cron_send_outcomes()
        self.env.invalidate_all()
        self.assertEqual(len(decided.filtered("outcome_to_send")), 1)
        self.assertEqual((progress.done, progress.remaining), (MAX_REFERENCES, 1))
        self.assertGreater(self._triggers(SEND_CRON), triggers, "woken to go on")
        self._send_outcomes()
        self.assertFalse(decided.filtered("outcome_to_send"))

    def test_requester_down_keeps_the_outcome_for_the_next_run(self):
        __, incoming = self._submit()
        incoming.with_user(self.approver).action_approve()
        base_url = self.peer.base_url
        self.peer.base_url = "http://127.0.0.1:9"  # nobody listens there
        self._send_outcomes()
        self.assertTrue(incoming.outcome_to_send, "kept to send again")
        self.peer.base_url = base_url
        self._send_outcomes()
        self.assertFalse(incoming.outcome_to_send)

    def test_requester_without_the_call_polls_instead(self):
        """A peer on an older version answers 404: it reads the outcome with
        its hourly status check, so the outcome is not sent again."""
        __, incoming = self._submit()
        incoming.with_user(self.approver).action_approve()
        self.peer.base_url = self.base_url() + "/no-such-prefix"
        self._send_outcomes()
        self.assertFalse(incoming.outcome_to_send)

    def test_import_button_only_on_approved_outgoing_requests(self):
        outgoing, incoming = self._submit()
        for request in (outgoing, incoming):
            with self.assertRaisesRegex(UserError, "approved request of ours"):
                request.with_user(self.registrar).action_open_transfer_import()

    def test_cancelled_and_outgoing_requests_send_nothing(self):
        outgoing, incoming = self._submit()
        outgoing.with_user(self.registrar).action_cancel()
        self.env.invalidate_all()
        self.assertFalse(incoming.outcome_to_send)
        self.assertFalse(outgoing.outcome_to_send)

    def test_api_refreshes_only_the_callers_pending_requests(self):
        outgoing, incoming = self._submit()
        strange = ["999999999", "9" * 14, "x", "²"]  # unknown, too big, not ids
        references = [str(outgoing.id), str(incoming.id), *strange]
        status, body = self.call(
            "POST", "/requests/decided", {"references": references}
        )
        # only our outgoing request to district 61 counts: the incoming one
        # is not the caller's to refresh, the others do not exist
        self.assertEqual((status, body), (202, {"refreshing": 1}))
        outgoing.with_user(self.registrar).action_refresh_status()
        self.assertEqual(outgoing.state, "pending")
        status, body = self.call("POST", "/requests/decided", {"references": []})
        self.assertEqual(status, 400)
        self.assertEqual(body["error"]["code"], "bad_request")
        for bad in ({"references": "1"}, {"references": [True]}, {}):
            with self.subTest(bad=bad):
                status, body = self.call("POST", "/requests/decided", bad)
                self.assertEqual(status, 400, body)
        status, body = self.call(
            "POST", "/requests/decided", {"references": ["1"] * 101}
        )
        self.assertEqual(status, 400)
        self.assertIn("100", body["error"]["message"])
        status, body = self.call(
            "POST", "/requests/decided", {"references": ["1"]}, key=False
        )
        self.assertEqual(status, 401)
