from odoo import models
from odoo.exceptions import UserError


class FlEnrollment(models.Model):
    _inherit = "fl.enrollment"

    def _on_outgoing_transfer_approved(self, request=None):
        """Queue the student's FASTER transcript for the receiving district
        (seed 000: a faster_requests row, status Pending)."""
        result = super()._on_outgoing_transfer_approved(request=request)
        Request = self.env["faster.request"]
        for enrollment in self.sudo():
            district = (request and request.district_id) or enrollment.transfer_to_id
            if not district:
                continue
            Request._queue(
                enrollment.student_id,
                district,
                "outgoing_transfer",
                enrollment_id=enrollment.id,
                transfer_request_id=request.id if request else False,
            )
        return result

    def action_request_faster_transcript(self):
        """*Request FASTER Transcript*: ask the Prior District for the
        student's transcript through FASTER (an R01 request header), for a
        district not on the Focus Transfers network or a student who left it
        more than 60 days ago."""
        self.ensure_one()
        self.env["faster.request"].check_access("create")
        if not self.prior_district_id:
            raise UserError(
                self.env._("Set the enrollment's Prior District to request from.")
            )
        row = self.env["faster.request"]._queue(
            self.student_id,
            self.prior_district_id,
            "transcript_request",
            enrollment_id=self.id,
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("FASTER Transcript Request"),
            "res_model": "faster.request",
            "res_id": row.id,
            "view_mode": "form",
            "target": "current",
        }
