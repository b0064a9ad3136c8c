import datetime
import logging

from markupsafe import Markup
from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .transfer_client import PeerError

_logger = logging.getLogger(__name__)

TRANSFER_WINDOW_DAYS = (
    60  # the guide's FAQ: no transfer for a student who left > 60 days ago
)
MAX_REFERENCES = 100  # requests told of in one call (POST /requests/decided)
REFRESH_CRON = "focus_transfers.ir_cron_refresh_outgoing_requests"
SEND_CRON = "focus_transfers.ir_cron_send_outcomes"
OUTCOME_ACTIVITY = "focus_transfers.mail_act_transfer_outcome"
DENY_REASONS = [
    ("not_our_student", "Not our student"),
    ("identity_mismatch", "Identity does not match"),
    ("still_enrolled", "Student still enrolled here"),
    ("legal_hold", "Legal or custody hold"),
    ("other", "Other"),
]
# What an approver may set on a pending incoming request before deciding:
# which of our students it is, and the reason to deny. Every other field of a
# request changes only through the request's own methods, as the system.
APPROVER_FIELDS = frozenset({"student_id", "deny_reason", "deny_note"})


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
    student_id = fields.Many2one(
        "fl.student", index=True, ondelete="restrict", tracking=True
    )
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
    deny_reason = fields.Selection(DENY_REASONS, tracking=True)
    deny_note = fields.Text()
    remote_reference = fields.Char(
        help="The request's reference at the other district."
    )
    outcome_to_send = fields.Boolean(
        copy=False,
        readonly=True,
        help="Incoming: our decision is yet to be told to the requesting district.",
    )
    can_decide = fields.Boolean(compute="_compute_can_decide")

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

    @api.depends_context("uid")
    def _compute_can_decide(self):
        allowed = self._is_approver()
        for request in self:
            request.can_decide = allowed

    # -- creation and alerts --------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        """Requests are recorded by Submit Focus Transfer Request (outgoing)
        and by the requesting district's call (incoming), both as the system:
        nobody creates one directly, e.g. already approved, over RPC."""
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Transfer requests are recorded by Submit Focus Transfer Request "
                    "or by the requesting district, not created directly."
                )
            )
        requests = super().create(vals_list)
        for request in requests.filtered(lambda r: r.direction == "incoming"):
            request._check_transfer_window()
            request._notify_approvers()
        return requests

    def write(self, vals):
        self._check_workflow_write(vals)
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise AccessError(
                self.env._("Transfer requests are kept: they cannot be deleted.")
            )
        return super().unlink()

    def _approvers(self):
        group = self.env.ref("focus_transfers.group_focus_transfers_edit").sudo()
        return group.users.filtered(lambda u: not u.share)

    def _notify_approvers(self):
        """An activity per approver: Odoo's activity counter shows "N student
        transfer request(s)" when they log in, until the request is handled."""
        # The alert is the system's, not the creator's: a peer district's
        # technical user creates incoming requests without any mail right.
        for user in self._approvers():
            self.sudo().activity_schedule(
                "focus_transfers.mail_act_transfer_request",
                user_id=user.id,
                summary=self.env._("Student transfer request: %s", self.student_name),
            )

    def _close_alerts(self):
        self.sudo().activity_unlink(["focus_transfers.mail_act_transfer_request"])

    @api.model
    def _pending_count(self):
        """How many incoming requests wait for an approver (the login alert)."""
        return self.search_count(
            [("direction", "=", "incoming"), ("state", "=", "pending")]
        )

    # -- rules ----------------------------------------------------------------

    def _check_transfer_window(self, today=None):
        """No request and no pull for a student who left > 60 days ago."""
        for request in self.filtered("student_id"):
            left = request.student_id._transfer_window_expired(today)
            if left:
                raise UserError(
                    self.env._(
                        "%(student)s left on %(date)s, more than %(days)s days ago: "
                        "Focus Transfers cannot send this student's records. Use a "
                        "FASTER transcript request instead.",
                        student=request.student_name,
                        date=left,
                        days=TRANSFER_WINDOW_DAYS,
                    )
                )

    def _workflow_fields(self):
        """The request's own fields: all but those of the chatter mixins."""
        mixins = set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )
        return set(self._fields) - mixins

    def _check_workflow_write(self, vals):
        """A request's state, decision, student and what the other district
        told change only through its methods (as the system). An approver
        may choose the student and the reason to deny on a pending incoming
        request; the decision itself is Approve or Deny."""
        written = set(vals) & self._workflow_fields()
        if self.env.su or not written:
            return
        if (
            written <= APPROVER_FIELDS
            and self._is_approver()
            and all(r.direction == "incoming" and r.state == "pending" for r in self)
        ):
            return
        raise AccessError(
            self.env._(
                "Transfer requests change through their buttons only (Approve, "
                "Deny, Cancel Request): %(fields)s cannot be written. An approver "
                "('Focus Transfers: View and Edit') may choose the student and the "
                "reason to deny on a pending incoming request.",
                fields=", ".join(sorted(written)),
            )
        )

    def _is_approver(self):
        return self.env.user.has_group("focus_transfers.group_focus_transfers_edit")

    def _check_can_decide(self):
        if not self._is_approver():
            raise AccessError(
                self.env._(
                    "Approving or denying a transfer request needs the Focus Transfers "
                    "right 'View and Edit'."
                )
            )

    def _lock_pending(self):
        """Lock the row and re-read its state, so that two approvals at once
        (two clicks, two registrars) withdraw the student once."""
        # A concurrent approval makes this a serialization failure: expected,
        # so not logged as a bad query; Odoo rolls back and retries the call.
        self.env.cr.execute(
            "SELECT state FROM fl_transfer_request WHERE id = %s FOR UPDATE",
            [self.id],
            log_exceptions=False,
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
            request._queue_outcome()
            # A log note, not a message: approvers need no email address.
            request._message_log(
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
            enrollment._transfer_out(
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
            enrollment._transfer_out(
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
            if request.direction != "incoming":
                raise UserError(self.env._("Only incoming requests are denied here."))
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
            request._queue_outcome()
        return True

    def action_cancel(self):
        """Cancel our own (outgoing) request; the prior district is told
        first, so that nobody there approves a request we gave up."""
        self.check_access("write")
        for request in self:
            if request.direction != "outgoing":
                raise UserError(
                    self.env._("Only our own (outgoing) requests can be cancelled.")
                )
            request._lock_pending()
            request._peer_cancel_remote()
            request.sudo().write({"state": "cancelled"})
        return True

    # -- the peer district --------------------------------------------------

    def _peer(self):
        return self.env["fl.transfer.peer"]._for_district(self.district_id)

    def _peer_cancel_remote(self):
        """Outgoing: POST /requests/<ref>/cancel at the prior district."""
        self.ensure_one()
        if not self.remote_reference:
            return
        client = self.env["fl.transfer.client"]
        peer = self._peer()
        if not peer:
            raise UserError(client._unavailable_message(self.district_id))
        try:
            client._call(peer, "POST", f"/requests/{self.remote_reference}/cancel")
        except PeerError as error:
            if error.code == "not_found":
                return  # gone there: nothing left to cancel
            if error.code == "conflict":
                raise UserError(
                    self.env._(
                        "District %(district)s has already decided on this request: "
                        "use Check status.",
                        district=self.district_id.display_name,
                    )
                ) from error
            raise

    def action_refresh_status(self):
        """Outgoing: read the request's state at the prior district."""
        client = self.env["fl.transfer.client"]
        for request in self.filtered(
            lambda r: r.direction == "outgoing" and r.remote_reference
        ):
            peer = request._peer()
            if not peer:
                raise UserError(client._unavailable_message(request.district_id))
            reply = client._call(
                peer, "GET", f"/requests/{request.remote_reference}", answer="status"
            )
            request._apply_remote_status(reply)
        return True

    def _apply_remote_status(self, reply):
        """The prior district's decision on our pending request. A decision
        is final: an answer that would change one (a denial turned into an
        approval) is ignored."""
        self.ensure_one()
        state = reply.get("state")
        if self.state != "pending" or state not in ("approved", "denied", "cancelled"):
            return False
        reason = reply.get("deny_reason")
        vals = {"state": state}
        if state == "denied":
            vals["deny_reason"] = reason if reason in dict(DENY_REASONS) else "other"
            vals["deny_note"] = reply.get("deny_note") or False
        self.sudo().write(vals)
        message = {
            "approved": self.env._(
                "Approved by %(district)s (withdrawn there on %(date)s): the "
                "student's records can be imported.",
                district=self.district_id.display_name,
                date=reply.get("withdrawal_date") or "?",
            ),
            "denied": self.env._(
                "Denied by %(district)s: %(reason)s %(note)s",
                district=self.district_id.display_name,
                reason=dict(DENY_REASONS).get(vals.get("deny_reason"), ""),
                note=vals.get("deny_note") or "",
            ),
        }.get(state, self.env._("Now %s at the prior district.", state))
        self.sudo().message_post(body=Markup("%s") % message)
        self._notify_requester(state, message)
        return True

    def _notify_requester(self, state, message):
        """Outgoing, decided there: an activity for the registrar who asked,
        to import the records (approved) or to know why not."""
        user = self.create_uid
        if state not in ("approved", "denied") or not user.active or user.share:
            return
        summary = {
            "approved": self.env._(
                "Approved by %(district)s: %(student)s",
                district=self.district_id.display_name,
                student=self.student_name,
            ),
            "denied": self.env._(
                "Denied by %(district)s: %(student)s",
                district=self.district_id.display_name,
                student=self.student_name,
            ),
        }[state]
        self.sudo().activity_schedule(
            OUTCOME_ACTIVITY, user_id=user.id, summary=summary, note=message
        )

    def action_open_transfer_import(self):
        """Outgoing, approved: *Import data*, the student's records from the
        district that approved (where the registrar's activity leads)."""
        self.ensure_one()
        if (
            self.direction != "outgoing"
            or self.state != "approved"
            or not self.student_id
        ):
            raise UserError(
                self.env._(
                    "Records are imported from an approved request of ours "
                    "(Outgoing Requests)."
                )
            )
        return self.env["fl.transfer.import.wizard"]._open_for(
            self.student_id, self.district_id
        )

    @api.model
    def _records_imported(self, student, district):
        """The student's records from ``district`` were imported: the
        registrars' activities to import them are done."""
        approved = self.sudo().search(
            [
                ("direction", "=", "outgoing"),
                ("state", "=", "approved"),
                ("student_id", "=", student.id),
                ("district_id", "=", district.id),
            ]
        )
        approved.activity_feedback(
            [OUTCOME_ACTIVITY], feedback=self.env._("Records imported.")
        )

    # -- telling the requesting district of our decision ---------------------

    def _queue_outcome(self):
        """Incoming, just decided: tell the requesting district at once (the
        cron runs when this transaction commits), not at its hourly check."""
        self.ensure_one()
        if self.direction != "incoming" or not self.remote_reference:
            return
        self.sudo().outcome_to_send = True
        self.env.ref(SEND_CRON).sudo()._trigger()

    @api.model
    def _cron_send_outcomes(self):
        """Focus Transfers: tell requesting districts of our decisions.

        Only the requests' references go out: the requester reads each state
        back with its own key (GET /requests/<id>), so a call made in our name
        cannot set an outcome there. What a peer down did not get stays queued
        for the next run; a peer without the call (404, an older version)
        reads outcomes with its hourly status check, so nothing is kept.

        A call tells each district of up to MAX_REFERENCES decisions (one
        call to its peer), the requests taken with ``FOR UPDATE SKIP LOCKED``
        (one being decided is left for the next call); the cron runner
        commits and calls again while decisions remain, at once."""
        client = self.env["fl.transfer.client"]
        self.flush_model(["outcome_to_send", "district_id"])
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    """
                    SELECT id FROM fl_transfer_request
                     WHERE id IN (
                            SELECT id FROM (
                                SELECT id, row_number() OVER (
                                           PARTITION BY district_id ORDER BY id) AS n
                                  FROM fl_transfer_request
                                 WHERE outcome_to_send) AS decided
                             WHERE n <= %s)
                       AND outcome_to_send
                     ORDER BY id
                       FOR UPDATE SKIP LOCKED
                    """,
                    [MAX_REFERENCES],
                    log_exceptions=False,
                )
                ids = [row[0] for row in self.env.cr.fetchall()]
        except errors.SerializationFailure:
            ids = []  # changed since this call began: the next call's
        decided = self.sudo().browse(ids)
        done = 0
        for district, requests in decided.grouped("district_id").items():
            peer = self.env["fl.transfer.peer"]._for_district(district)
            if peer:
                try:
                    client._call(
                        peer,
                        "POST",
                        "/requests/decided",
                        {"references": requests.mapped("remote_reference")},
                    )
                except PeerError as error:
                    if error.status != 404:
                        _logger.info(
                            "peer %s not told of %s decision(s) (%s): next run",
                            district.code,
                            len(requests),
                            error.code,
                        )
                        continue
            requests.outcome_to_send = False
            done += len(requests)
        remaining = self.sudo().search_count([("outcome_to_send", "=", True)])
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        if done and remaining:
            self.env.ref(SEND_CRON).sudo()._trigger()
        return True

    @api.model
    def _peer_decided(self, peer, references):
        """``peer`` says it decided on these outgoing requests of ours: have
        the refresh cron read their state from it now (nothing else is taken
        from the call). How many of them are ours to refresh."""
        ids = [
            int(r)
            for r in map(str, references)
            if r.isascii() and r.isdigit() and len(r) < 10  # an id, not "²"
        ]
        pending = self.sudo().search_count(
            [
                ("id", "in", ids),
                ("direction", "=", "outgoing"),
                ("district_id", "=", peer.district_id.id),
                ("state", "=", "pending"),
                ("remote_reference", "!=", False),
            ]
        )
        if pending:
            self.env.ref(REFRESH_CRON).sudo()._trigger()
        return pending

    @api.model
    def _cron_refresh_outgoing(self):
        """Focus Transfers: refresh outgoing requests (each on its own)."""
        pending = self.search(
            [
                ("direction", "=", "outgoing"),
                ("state", "=", "pending"),
                ("remote_reference", "!=", False),
            ]
        )
        for request in pending:
            try:
                with self.env.cr.savepoint():
                    request.action_refresh_status()
            except UserError as error:
                _logger.info(
                    "outgoing transfer request %s not refreshed: %s",
                    request.id,
                    getattr(error, "code", "error"),
                )
        return True

    # -- the requesting district's side (peer API, as the system) -------------

    @api.model
    def _peer_own(self, peer, request_id):
        """The incoming request ``request_id`` from ``peer``'s district."""
        if not 0 < request_id < 2**31:  # a PostgreSQL integer
            return self.browse()
        return self.sudo().search(
            [
                ("id", "=", request_id),
                ("direction", "=", "incoming"),
                ("district_id", "=", peer.district_id.id),
            ]
        )

    @api.model
    def _peer_pending(self, peer, reference):
        """``peer``'s pending request of reference ``reference`` (a retry)."""
        return self.sudo().search(
            [
                ("direction", "=", "incoming"),
                ("district_id", "=", peer.district_id.id),
                ("remote_reference", "=", reference),
                ("state", "=", "pending"),
            ],
            limit=1,
        )

    @api.model
    def _peer_receive(self, peer, student, values):
        """Record ``peer``'s request for ``student`` (found by us): a pending
        incoming request from its district. Of ``values`` only what the peer
        may say is taken (names, dates, its reference, who asked)."""
        allowed = ("first_name", "last_name", "birthdate", "florida_student_id")
        allowed += ("enrollment_date", "requester", "remote_reference")
        return (
            self.sudo()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(
                {
                    **{name: values[name] for name in allowed if name in values},
                    "direction": "incoming",
                    "student_id": student.id,
                    "district_id": peer.district_id.id,
                }
            )
        )

    def _peer_status(self):
        """Incoming, for the requesting district: what it may know. The
        withdrawal date only when it is the day before the enrollment date it
        sent (the approval's rule): another date would be ours to keep."""
        self.ensure_one()
        withdrawn = self.sudo().withdrawn_enrollment_id.drop_date
        expected = self.enrollment_date - datetime.timedelta(days=1)
        denied = self.state == "denied"  # a reason noted before is ours alone
        return {
            "id": self.id,
            "state": self.state,
            "deny_reason": (denied and self.deny_reason) or None,
            "deny_note": (denied and self.deny_note) or None,
            "withdrawal_date": fields.Date.to_string(withdrawn)
            if withdrawn == expected
            else None,
        }

    def _peer_cancel(self):
        """Incoming: the requesting district withdrew its request."""
        self.ensure_one()
        self._lock_pending()
        self.sudo().write({"state": "cancelled"})
        self._close_alerts()
        self.sudo().message_post(
            body=Markup("%s")
            % self.env._(
                "Cancelled by the requesting district %s.",
                self.district_id.sudo().display_name,
            )
        )
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
