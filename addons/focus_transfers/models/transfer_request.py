import datetime

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

TRANSFER_WINDOW_DAYS = (
    60  # seed 000 FAQ: no transfer for a student who left > 60 days ago
)
DENY_REASONS = [
    ("not_our_student", "Not our student"),
    ("identity_mismatch", "Identity does not match"),
    ("still_enrolled", "Student still enrolled here"),
    ("legal_hold", "Legal or custody hold"),
    ("other", "Other"),
]


class FlTransferRequest(models.Model):
    """A Focus Transfer request: incoming (another district asks for one of
    our students) or outgoing (we ask a prior district for a student)."""

    _name = "fl.transfer.request"
    _description = "Focus Transfer Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "request_date desc, id desc"
    _rec_name = "student_name"

    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing")], required=True, index=True
    )
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("approved", "Approved"),
            ("denied", "Denied"),
            ("cancelled", "Cancelled"),
        ],
        default="pending",
        required=True,
        tracking=True,
        index=True,
        readonly=True,
        copy=False,
    )
    student_id = fields.Many2one("fl.student", index=True, ondelete="restrict")
    florida_student_id = fields.Char(string="Student ID")
    first_name = fields.Char(required=True)
    last_name = fields.Char(required=True)
    birthdate = fields.Date(required=True)
    student_name = fields.Char(compute="_compute_student_name", store=True)
    district_id = fields.Many2one(
        "fl.district",
        required=True,
        help="Incoming: the requesting district. Outgoing: the prior district.",
    )
    school_id = fields.Many2one("fl.school", compute="_compute_school_id", store=True)
    requester = fields.Char(help="Who asked, at the requesting district.")
    enrollment_date = fields.Date(
        required=True, help="The student's enrollment date at the receiving district."
    )
    request_date = fields.Datetime(default=fields.Datetime.now, required=True)
    withdrawn_enrollment_id = fields.Many2one("fl.enrollment", readonly=True)
    deny_reason = fields.Selection(DENY_REASONS)
    deny_note = fields.Text()
    remote_reference = fields.Char(
        help="The request's reference at the other district."
    )

    @api.depends("first_name", "last_name")
    def _compute_student_name(self):
        for request in self:
            request.student_name = (
                f"{request.last_name or ''}, {request.first_name or ''}"
            )

    @api.depends("student_id.current_enrollment_id.school_id")
    def _compute_school_id(self):
        for request in self:
            request.school_id = request.student_id.current_enrollment_id.school_id

    # -- creation and alerts --------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        for request in requests.filtered(lambda r: r.direction == "incoming"):
            request._check_transfer_window()
            request._notify_approvers()
        return requests

    def _approvers(self):
        group = self.env.ref("focus_transfers.group_focus_transfers_edit")
        return group.users.filtered(lambda u: not u.share)

    def _notify_approvers(self):
        """An activity per approver: Odoo's activity counter shows "N student
        transfer request(s)" when they log in, until the request is handled."""
        for user in self._approvers():
            self.activity_schedule(
                "focus_transfers.mail_act_transfer_request",
                user_id=user.id,
                summary=self.env._("Student transfer request: %s", self.student_name),
            )

    def _close_alerts(self):
        self.activity_unlink(["focus_transfers.mail_act_transfer_request"])

    @api.model
    def _pending_count(self):
        """How many incoming requests wait for an approver (the login alert)."""
        return self.search_count(
            [("direction", "=", "incoming"), ("state", "=", "pending")]
        )

    # -- rules ----------------------------------------------------------------

    def _check_transfer_window(self, today=None):
        """No request and no pull for a student who left > 60 days ago."""
        today = today or fields.Date.context_today(self)
        for request in self:
            last = request.student_id.enrollment_ids.filtered("drop_date").sorted(
                "drop_date"
            )[-1:]
            if (
                last
                and not request.student_id.enrollment_ids.filtered(
                    lambda e: e.state == "active"
                )
                and (today - last.drop_date).days > TRANSFER_WINDOW_DAYS
            ):
                raise UserError(
                    self.env._(
                        "%(student)s left on %(date)s, more than %(days)s days ago: "
                        "Focus Transfers cannot send this student's records. Use a "
                        "FASTER transcript request instead.",
                        student=request.student_name,
                        date=last.drop_date,
                        days=TRANSFER_WINDOW_DAYS,
                    )
                )

    def _check_can_decide(self):
        if not self.env.user.has_group("focus_transfers.group_focus_transfers_edit"):
            raise AccessError(
                self.env._(
                    "Approving or denying a transfer request needs the Focus Transfers "
                    "right 'View and Edit'."
                )
            )

    def _lock_pending(self):
        """Lock the row and re-read its state, so that two approvals at once
        (two clicks, two registrars) withdraw the student once."""
        self.env.cr.execute(
            "SELECT state FROM fl_transfer_request WHERE id = %s FOR UPDATE", [self.id]
        )
        (state,) = self.env.cr.fetchone()
        self.invalidate_recordset(["state"])
        if state != "pending":
            raise UserError(
                self.env._(
                    "The request for %(student)s is already %(state)s.",
                    student=self.student_name,
                    state=dict(self._fields["state"].selection)[state].lower(),
                )
            )

    # -- actions --------------------------------------------------------------

    def action_approve(self):
        """Withdraw the student the day before the requester's enrollment
        date with W3A, Transfer To = the requester; drop the schedule when the
        school says so; then the overridable approval hook."""
        self._check_can_decide()
        for request in self:
            if request.direction != "incoming":
                raise UserError(self.env._("Only incoming requests are approved here."))
            request._lock_pending()
            if not request.student_id:
                raise UserError(
                    self.env._(
                        "Choose which of our students %s is before approving.",
                        request.student_name,
                    )
                )
            request._check_transfer_window()
            enrollment = request._withdraw_for_transfer()
            request.sudo().write(
                {"state": "approved", "withdrawn_enrollment_id": enrollment.id}
            )
            request._close_alerts()
            request.message_post(
                body=Markup("%s")
                % self.env._(
                    "Approved: %(student)s withdrawn on %(date)s with W3A, Transfer "
                    "To %(district)s.",
                    student=request.student_name,
                    date=enrollment.drop_date,
                    district=request.district_id.display_name,
                )
            )
            enrollment._on_outgoing_transfer_approved(request)
        return True

    def _withdraw_for_transfer(self):
        self.ensure_one()
        drop_date = self.enrollment_date - datetime.timedelta(days=1)
        enrollment = self.student_id.enrollment_ids.filtered(
            lambda e: e.state == "active"
        )[:1]
        w3a = self.env["fl.withdrawal.code"]._lookup("W3A")
        if enrollment:
            drop_date = max(drop_date, enrollment.enrollment_date)
            enrollment.sudo().with_context(fl_transfer_approval=True).write(
                {
                    "drop_date": drop_date,
                    "withdrawal_code_id": w3a.id,
                    "transfer_to_id": self.district_id.id,
                }
            )
        else:
            # Already withdrawn (e.g. W3A without Transfer To is impossible, so a
            # W3B or no-show): authorise the requester on the last enrollment.
            enrollment = self.student_id.enrollment_ids.sorted("enrollment_date")[-1:]
            if not enrollment:
                raise UserError(
                    self.env._("%s has no enrollment to withdraw.", self.student_name)
                )
            enrollment.sudo().with_context(fl_transfer_approval=True).write(
                {"withdrawal_code_id": w3a.id, "transfer_to_id": self.district_id.id}
            )
        if enrollment.school_id.drop_schedule_on_transfer:
            self._drop_schedule(enrollment.drop_date)
        return enrollment

    def _drop_schedule(self, drop_date):
        if "fl.schedule" not in self.env:
            return
        rows = (
            self.env["fl.schedule"]
            .sudo()
            .search([("student_id", "=", self.student_id.id)])
        )
        fields_ = self.env["fl.schedule"]._fields
        if "drop_date" in fields_:
            rows.filtered(lambda r: not r.drop_date).write({"drop_date": drop_date})

    def action_deny(self):
        self._check_can_decide()
        for request in self:
            request._lock_pending()
            if not request.deny_reason:
                raise UserError(
                    self.env._(
                        "Give a reason to deny the request for %s.",
                        request.student_name,
                    )
                )
            request.sudo().write({"state": "denied"})
            request._close_alerts()
        return True

    def action_cancel(self):
        for request in self:
            if request.direction != "outgoing":
                raise UserError(
                    self.env._("Only our own (outgoing) requests can be cancelled.")
                )
            request._lock_pending()
            request.sudo().write({"state": "cancelled"})
        return True

    @api.model
    def _run_on_each(self, records, method):
        """A server action over several requests: each on its own, one failure
        does not undo the others, and the user is told which and why."""
        done, failed = 0, []
        for record in records:
            try:
                with self.env.cr.savepoint():
                    getattr(record, method)()
                done += 1
            except (UserError, AccessError) as error:
                failed.append(f"{record.student_name}: {error.args[0]}")
        message = self.env._("%s request(s) done.", done)
        if failed:
            message += " " + self.env._("Not done: %s", "; ".join(failed))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "warning" if failed else "success",
                "sticky": bool(failed),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
