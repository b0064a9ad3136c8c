from odoo import models


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
