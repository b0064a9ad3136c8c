"""Entry points of the import wizard on the student and the enrollment."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class FlStudent(models.Model):
    _inherit = "fl.student"  # pylint: disable=consider-merging-classes-inherited

    transfer_import_district_id = fields.Many2one(
        "fl.district",
        compute="_compute_transfer_import_district_id",
        string="Import Data From",
        help="Set for the rest of the school year once a transfer exists.",
    )

    @api.depends(
        "enrollment_ids.prior_district_id",
        "enrollment_ids.school_year_id",
        "enrollment_ids.enrollment_date",
    )
    def _compute_transfer_import_district_id(self):
        today = fields.Date.context_today(self)
        for student in self:
            enrollments = student.enrollment_ids.filtered(
                lambda e: (
                    e.prior_district_id
                    and (
                        not e.school_year_id.date_end
                        or e.school_year_id.date_end >= today
                    )
                )
            ).sorted("enrollment_date", reverse=True)
            student.transfer_import_district_id = enrollments[:1].prior_district_id

    transfer_import_log_ids = fields.One2many(
        "fl.transfer.import.log", "student_id", string="Transfer Imports"
    )

    def _transfer_send_receipt(self, log):
        """Hook for the transfers client: True when the peer acknowledged."""
        return False

    def _transfer_fetch_package(self, district, sections=None):
        """Hook for the transfers client: the peer's package for this student."""
        raise UserError(
            self.env._(
                "No transfer connection to district %(district)s is configured.",
                district=district.display_name,
            )
        )

    def action_open_transfer_import(self):
        """The *Import data* icon on Primary Info."""
        self.ensure_one()
        if not self.transfer_import_district_id:
            raise UserError(
                self.env._(
                    "%(student)s has no transfer from another district this "
                    "school year.",
                    student=self.display_name,
                )
            )
        return self.env["fl.transfer.import.wizard"]._open_for(
            self, self.transfer_import_district_id
        )


class FlEnrollment(models.Model):
    _inherit = "fl.enrollment"  # pylint: disable=consider-merging-classes-inherited

    def action_open_transfer_import(self):
        """The pop-up after enrollment: *Import from [## - District Name]*."""
        self.ensure_one()
        if not self.prior_district_id:
            raise UserError(self.env._("The enrollment has no Prior District."))
        return self.env["fl.transfer.import.wizard"]._open_for(
            self.student_id, self.prior_district_id
        )
