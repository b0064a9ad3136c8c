from odoo import fields, models


class FlStudent(models.Model):
    _inherit = "fl.student"

    faster_comment = fields.Text(
        string="FASTER Comments",
        help="Sent as Student Comment records (I07): 12 lines of 80 characters "
        "a record, at most 5 records. SAT, ACT and norm-referenced scores go "
        "here as text.",
    )
    faster_request_ids = fields.One2many(
        "faster.request", "student_id", string="FASTER Requests"
    )
    faster_request_count = fields.Integer(compute="_compute_faster_request_count")

    def _compute_faster_request_count(self):
        counts = dict(
            self.env["faster.request"]._read_group(
                [("student_id", "in", self.ids)], ["student_id"], ["__count"]
            )
        )
        for student in self:
            student.faster_request_count = counts.get(student, 0)

    def action_send_faster_transcript(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send FASTER Transcript"),
            "res_model": "faster.send.transcript.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_student_id": self.id},
        }

    def action_view_faster_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "faster_export.faster_request_action"
        )
        action["domain"] = [("student_id", "=", self.id)]
        action["context"] = {"default_student_id": self.id}
        return action
