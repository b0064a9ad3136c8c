"""Record of disclosures (FERPA 34 CFR 99.32): every release of a student's
records to a peer district — who, which sections, when, on what authority."""

from odoo import api, fields, models


class FlTransferDisclosure(models.Model):
    _name = "fl.transfer.disclosure"
    _description = "Student Record Disclosure"
    _inherit = ["fl.system.record.mixin"]
    _order = "disclosure_date desc, id desc"

    student_id = fields.Many2one(
        "fl.student", required=True, ondelete="restrict", index=True, readonly=True
    )
    district_id = fields.Many2one(
        "fl.district", string="Disclosed To", required=True, readonly=True
    )
    peer_id = fields.Many2one("fl.transfer.peer", readonly=True, ondelete="set null")
    user_id = fields.Many2one(
        "res.users",
        string="Technical User",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        help="The user the peer district called us as.",
    )
    disclosure_date = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now
    )
    sections = fields.Char(readonly=True, help="Sections released, comma-separated.")
    basis = fields.Selection(
        [
            ("transfer_to", "Transfer To on the withdrawal"),
            ("request", "Approved transfer request"),
        ],
        string="Authorised By",
        required=True,
        readonly=True,
        help="34 CFR 99.31(a)(2): records sent to a school where the student "
        "enrolls; the authority is Transfer To or the approved request.",
    )
    request_id = fields.Many2one(
        "fl.transfer.request", readonly=True, ondelete="set null"
    )
    enrollment_id = fields.Many2one(
        "fl.enrollment",
        string="Withdrawal",
        readonly=True,
        ondelete="set null",
        help="The enrollment whose Transfer To authorised the release.",
    )
    receipt_date = fields.Datetime(
        readonly=True, help="When the district acknowledged the import."
    )
    receipt_by = fields.Char(readonly=True, help="Who imported, at that district.")
    receipt_sections = fields.Char(readonly=True)

    @api.depends("student_id", "district_id", "disclosure_date")
    def _compute_display_name(self):
        for row in self:
            row.display_name = (
                f"{row.district_id.display_name or ''} ({row.disclosure_date or ''})"
            )

    def _system_record_refusal(self):
        return self.env._(
            "The record of disclosures is kept by the system: a disclosure "
            "cannot be created, changed or deleted by hand."
        )


class FlStudent(models.Model):
    _inherit = "fl.student"  # pylint: disable=consider-merging-classes-inherited

    disclosure_ids = fields.One2many(
        "fl.transfer.disclosure",
        "student_id",
        string="Disclosures",
        groups="focus_transfers.group_focus_transfers_view",
    )
    disclosure_count = fields.Integer(
        compute="_compute_disclosure_count",
        groups="focus_transfers.group_focus_transfers_view",
    )

    @api.depends("disclosure_ids")
    def _compute_disclosure_count(self):
        counts = dict(
            self.env["fl.transfer.disclosure"]._read_group(
                [("student_id", "in", self.ids)], ["student_id"], ["__count"]
            )
        )
        for student in self:
            student.disclosure_count = counts.get(student, 0)

    def action_open_disclosures(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record of Disclosures"),
            "res_model": "fl.transfer.disclosure",
            "view_mode": "list,form",
            "domain": [("student_id", "=", self.id)],
            "context": {"create": False},
        }
