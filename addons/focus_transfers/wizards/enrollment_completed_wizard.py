from odoo import api, fields, models


class FlEnrollmentCompletedWizard(models.TransientModel):
    """Seed 000's pop-up after an enrollment with a Prior District: the
    registrar goes on to *Import from [## - District Name]* or to the student."""

    _name = "fl.enrollment.completed.wizard"
    _description = "Enrollment Completed"

    enrollment_id = fields.Many2one("fl.enrollment", required=True, ondelete="cascade")
    student_id = fields.Many2one(related="enrollment_id.student_id")
    school_id = fields.Many2one(related="enrollment_id.school_id")
    prior_district_id = fields.Many2one(related="enrollment_id.prior_district_id")
    import_label = fields.Char(compute="_compute_import_label")

    @api.depends("prior_district_id")
    def _compute_import_label(self):
        for wizard in self:
            wizard.import_label = self.env._(
                "Import from %(district)s",
                district=wizard.prior_district_id.display_name,
            )

    @api.model
    def _open_for(self, enrollment):
        wizard = self.create({"enrollment_id": enrollment.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Enrollment Completed"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_import(self):
        self.ensure_one()
        return self.enrollment_id.action_open_transfer_import()

    def action_submit_transfer_request(self):
        """Seed 000: request the records when the prior district has not
        named this district in Transfer To."""
        self.ensure_one()
        return self.enrollment_id.action_submit_transfer_request()

    def action_go_to_student(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "fl.student",
            "res_id": self.student_id.id,
            "view_mode": "form",
            "target": "main",
        }
