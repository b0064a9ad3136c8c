import datetime
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SisCase

HOOK = (
    "odoo.addons.focus_transfers.models.enrollment.FlEnrollment"
    "._on_outgoing_transfer_approved"
)


@tagged("post_install", "-at_install")
class TestTransferRequest(SisCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.approver = new_test_user(
            cls.env,
            login="approver",
            groups="focus_transfers.group_district_transfer_admin",
        )
        cls.viewer = new_test_user(
            cls.env, login="viewer", groups="focus_transfers.group_focus_transfers_view"
        )
        cls.enrollment = cls.enroll()

    def _request(self, **extra):
        values = {
            "direction": "incoming",
            "student_id": self.student.id,
            "first_name": "Avery",
            "last_name": "Thornbury",
            "birthdate": datetime.date(2015, 4, 2),
            "district_id": self.other_district.id,
            "requester": "R. Registrar",
            "enrollment_date": datetime.date(2030, 10, 6),
        }
        values.update(extra)
        return self.env["fl.transfer.request"].create(values)

    def test_approve_withdraws_the_day_before_with_w3a_and_transfer_to(self):
        request = self._request()
        hook = HOOK
        with patch(hook, autospec=True) as called:
            request.with_user(self.approver).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(self.enrollment.drop_date, datetime.date(2030, 10, 5))
        self.assertEqual(self.enrollment.withdrawal_code_id, self.w3a)
        self.assertEqual(self.enrollment.transfer_to_id, self.other_district)
        self.assertEqual(called.call_count, 1)

    def test_approver_alert_created_and_cleared(self):
        request = self._request()
        activities = request.activity_ids.filtered(lambda a: a.user_id == self.approver)
        self.assertEqual(len(activities), 1)
        self.assertGreaterEqual(self.env["fl.transfer.request"]._pending_count(), 1)
        request.with_user(self.approver).action_approve()
        self.assertFalse(request.activity_ids)

    def test_view_right_cannot_approve_or_deny(self):
        request = self._request(deny_reason="other")
        with self.assertRaises(AccessError):
            request.with_user(self.viewer).action_approve()
        with self.assertRaises(AccessError):
            request.with_user(self.viewer).action_deny()
        self.assertEqual(request.state, "pending")

    def test_deny_needs_a_reason(self):
        request = self._request()
        with self.assertRaisesRegex(UserError, "Give a reason"):
            request.with_user(self.approver).action_deny()
        request.deny_reason = "identity_mismatch"
        request.with_user(self.approver).action_deny()
        self.assertEqual(request.state, "denied")
        self.assertFalse(self.enrollment.drop_date)

    def test_second_approval_refused(self):
        request = self._request()
        request.with_user(self.approver).action_approve()
        with self.assertRaisesRegex(UserError, "already approved"):
            request.with_user(self.approver).action_approve()

    def test_cancel_outgoing_only(self):
        outgoing = self._request(direction="outgoing", student_id=False)
        outgoing.action_cancel()
        self.assertEqual(outgoing.state, "cancelled")
        with self.assertRaisesRegex(UserError, "Only our own"):
            self._request().action_cancel()

    def test_sixty_day_rule(self):
        self.enrollment.write(
            {
                "drop_date": datetime.date(2030, 8, 20),
                "withdrawal_code_id": self.env["fl.withdrawal.code"]._lookup("W3B").id,
            }
        )
        with (
            patch(
                "odoo.fields.Date.context_today",
                return_value=datetime.date(2030, 12, 1),
            ),
            self.assertRaisesRegex(UserError, "more than 60 days"),
        ):
            self._request()

    def test_server_action_each_on_its_own(self):
        good = self._request()
        other = self.env["fl.student"].create(
            {"first_name": "Noah", "last_name": "Okafor", "birthdate": "2014-02-02"}
        )
        bad = self._request(student_id=other.id, first_name="Noah", last_name="Okafor")
        result = (
            self.env["fl.transfer.request"]
            .with_user(self.approver)
            ._run_on_each(good | bad, "action_approve")
        )
        self.assertEqual(good.state, "approved")
        self.assertEqual(bad.state, "pending")
        self.assertIn("Okafor", result["params"]["message"])
        self.assertIn("no enrollment", result["params"]["message"])

    def test_manual_transfer_out_calls_the_hook_once(self):
        hook = HOOK
        with patch(hook, autospec=True) as called:
            self.enrollment.write(
                {
                    "drop_date": datetime.date(2030, 9, 1),
                    "withdrawal_code_id": self.w3a.id,
                    "transfer_to_id": self.other_district.id,
                }
            )
        self.assertEqual(called.call_count, 1)
