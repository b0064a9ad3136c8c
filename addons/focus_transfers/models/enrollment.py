from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

TRANSFER_CODE = "W3A"  # withdrawn to another Florida public school district
# Marks the approval's own withdrawal (``_transfer_out``): an object, not a
# value, so that no client can send it in an RPC call's context.
APPROVAL_WITHDRAWAL = object()
# What a Transfer To authorisation rests on: on a withdrawal that carries
# Transfer To, changing one of them changes the authorisation.
AUTHORISING_FIELDS = (
    "student_id",
    "enrollment_date",
    "drop_date",
    "withdrawal_code_id",
)


class FlEnrollment(models.Model):
    """A student's stay at a school: entry, and — once withdrawn — the drop
    date and code; Transfer To authorises the receiving district."""

    _name = "fl.enrollment"
    _description = "Enrollment"
    _inherit = ["mail.thread"]
    _order = "enrollment_date desc, id desc"
    _rec_name = "school_id"

    student_id = fields.Many2one(
        "fl.student", required=True, ondelete="cascade", index=True, tracking=True
    )
    school_id = fields.Many2one("fl.school", required=True, tracking=True)
    school_year_id = fields.Many2one("fl.school.year", required=True, tracking=True)
    grade_level_id = fields.Many2one("fl.grade.level", required=True, tracking=True)
    enrollment_date = fields.Date(required=True, tracking=True)
    entry_code_id = fields.Many2one("fl.entry.code", tracking=True)
    drop_date = fields.Date(tracking=True)
    withdrawal_code_id = fields.Many2one(
        "fl.withdrawal.code", string="Drop Code", tracking=True
    )
    transfer_to_id = fields.Many2one(
        "fl.district",
        tracking=True,
        # The Focus Student Transfers guide, Student Fields: Transfer To has
        # its own View / Edit rights.
        groups="focus_transfers.group_transfer_to_view",
        help="With a W3A withdrawal, authorises this district to import the "
        "student's records through Focus Student Transfers.",
    )
    prior_district_id = fields.Many2one(
        "fl.district",
        help="The district the student comes from: the one a transfer request "
        "and an import are addressed to.",
    )
    can_edit_transfer_to = fields.Boolean(compute="_compute_can_edit_transfer_to")
    state = fields.Selection(
        [("active", "Active"), ("withdrawn", "Withdrawn")],
        compute="_compute_state",
        store=True,
        index=True,
    )

    @api.depends_context("uid")
    def _compute_can_edit_transfer_to(self):
        allowed = self.env.user.has_group("focus_transfers.group_transfer_to_edit")
        for enrollment in self:
            enrollment.can_edit_transfer_to = allowed

    def _check_transfer_to_write_access(self, vals_list):
        """Transfer To authorises another district to pull a student's
        records: only its editors may set it, or change the withdrawal that
        carries it, whatever the client."""
        if self.env.su or self.env.user.has_group(
            "focus_transfers.group_transfer_to_edit"
        ):
            return
        if any(vals.get("transfer_to_id") for vals in vals_list) or (
            self and any("transfer_to_id" in vals for vals in vals_list)
        ):
            raise AccessError(
                self.env._(
                    "You may not set Transfer To: it needs the Focus Transfers "
                    "right 'Transfer To: View and Edit'."
                )
            )
        authorising = any(f in vals for vals in vals_list for f in AUTHORISING_FIELDS)
        if authorising and self.sudo().filtered("transfer_to_id"):
            raise AccessError(
                self.env._(
                    "This withdrawal carries a Transfer To authorisation: changing "
                    "its student, dates or drop code needs the Focus Transfers right "
                    "'Transfer To: View and Edit'."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_transfer_to_write_access(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_transfer_to_write_access([vals])
        before = (
            {e.id: e.transfer_to_id for e in self} if "transfer_to_id" in vals else {}
        )
        result = super().write(vals)
        approval = self.env.context.get("fl_transfer_approval") is APPROVAL_WITHDRAWAL
        if before and not approval:
            # A registrar's own W3A + Transfer To is an approved outgoing
            # transfer too (the guide: "just the same").
            for enrollment in self:
                if (
                    enrollment.transfer_to_id
                    and enrollment.transfer_to_id != before[enrollment.id]
                ):
                    enrollment._on_outgoing_transfer_approved()
        return result

    @api.depends("drop_date")
    def _compute_state(self):
        for enrollment in self:
            enrollment.state = "withdrawn" if enrollment.drop_date else "active"

    @api.constrains("enrollment_date", "drop_date")
    def _check_dates(self):
        for enrollment in self:
            if (
                enrollment.drop_date
                and enrollment.drop_date < enrollment.enrollment_date
            ):
                raise ValidationError(
                    self.env._(
                        "%(student)s: the drop date %(drop)s is before the "
                        "enrollment date %(enrolled)s.",
                        student=enrollment.student_id.display_name,
                        drop=enrollment.drop_date,
                        enrolled=enrollment.enrollment_date,
                    )
                )

    @api.constrains("student_id", "drop_date")
    def _check_one_active(self):
        for student in self.student_id:
            active = student.enrollment_ids.filtered(lambda e: not e.drop_date)
            if len(active) > 1:
                raise ValidationError(
                    self.env._(
                        "%s already has an active enrollment: withdraw it first.",
                        student.display_name,
                    )
                )

    @api.constrains("withdrawal_code_id", "transfer_to_id", "drop_date")
    def _check_transfer_to(self):
        this_district = self.env.company.fl_district_id
        for enrollment in self:
            is_w3a = enrollment.withdrawal_code_id.code == TRANSFER_CODE
            name = enrollment.student_id.display_name
            if enrollment.transfer_to_id and not (enrollment.drop_date and is_w3a):
                raise ValidationError(
                    self.env._(
                        "%s: Transfer To needs a withdrawal with a drop date and "
                        "the drop code W3A.",
                        name,
                    )
                )
            if is_w3a and not enrollment.transfer_to_id:
                raise ValidationError(
                    self.env._(
                        "%s: a W3A withdrawal (to another Florida district) needs "
                        "the district in Transfer To.",
                        name,
                    )
                )
            if is_w3a and not enrollment.drop_date:
                raise ValidationError(
                    self.env._("%s: a W3A withdrawal needs a drop date.", name)
                )
            if this_district and enrollment.transfer_to_id == this_district:
                raise ValidationError(
                    self.env._(
                        "%(name)s: Transfer To cannot be this district (%(district)s).",
                        name=name,
                        district=this_district.display_name,
                    )
                )

    def _transfer_out(self, vals):
        """The withdrawal an approved request makes (W3A, Transfer To = the
        requester), as the system: the approve method then calls
        ``_on_outgoing_transfer_approved`` with its request, so write does not."""
        self.ensure_one()
        return (
            self.sudo()
            .with_context(fl_transfer_approval=APPROVAL_WITHDRAWAL)
            .write(vals)
        )

    def _on_outgoing_transfer_approved(self, request=None):
        """Called once when an outgoing transfer is approved (by Approve on a
        request, or by a W3A withdrawal with Transfer To). ``faster_export``
        extends it to queue the student's FASTER transcript."""
        return
