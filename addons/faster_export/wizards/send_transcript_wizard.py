from odoo import api, fields, models
from odoo.exceptions import UserError


class FasterSendTranscriptWizard(models.TransientModel):
    """Send FASTER transcript: for a district that is not on the Focus
    Transfers peer network (beyond Focus: the fallback users ask for)."""

    _name = "faster.send.transcript.wizard"
    _description = "Send FASTER Transcript"

    student_id = fields.Many2one("fl.student", required=True, readonly=True)
    district_id = fields.Many2one(
        "fl.district",
        string="District Number",
        required=True,
        help="The district the transcript is addressed to.",
    )
    reason = fields.Text(required=True)

    @api.constrains("district_id")
    def _check_district(self):
        this = self.env.company.fl_district_id
        for wizard in self:
            if this and wizard.district_id == this:
                raise UserError(
                    self.env._(
                        "A FASTER transcript goes to another district, not to "
                        "%s (this district).",
                        this.display_name,
                    )
                )

    def action_send(self):
        self.ensure_one()
        row = self.env["faster.request"]._queue(
            self.student_id, self.district_id, "manual", reason=self.reason
        )
        if row and row.reason != self.reason:
            row.sudo().reason = "\n".join(filter(None, [row.reason, self.reason]))
        self.env["faster.request"]._trigger_send()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._(
                    "FASTER transcript of %(student)s queued for district "
                    "%(district)s: the Outgoing MSIX FASTER Responses job sends it.",
                    student=self.student_id.display_name,
                    district=self.district_id.display_name,
                ),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
