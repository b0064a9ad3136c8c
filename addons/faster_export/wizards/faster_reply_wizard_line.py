from odoo import fields, models


class FasterReplyWizardLine(models.TransientModel):
    """One record of a FASTER requests file, as the registrar reviews it."""

    _name = "faster.reply.wizard.line"
    _description = "FASTER Request Received"
    _order = "record_number"

    wizard_id = fields.Many2one(
        "faster.reply.wizard", required=True, ondelete="cascade"
    )
    record_number = fields.Integer(readonly=True)
    request_header = fields.Char(readonly=True)
    message_type = fields.Char(readonly=True)
    student_number = fields.Char(readonly=True)
    last_name = fields.Char(readonly=True)
    first_name = fields.Char(readonly=True)
    birth_date = fields.Date(readonly=True)
    district_id = fields.Many2one(
        "fl.district", string="Requesting District", readonly=True
    )
    student_id = fields.Many2one("fl.student")
    cannot_identify = fields.Boolean(
        string="Answer S02",
        help="No student of this district is the one asked for: reply S02 "
        "(cannot identify the student), the request echoed back.",
    )
    answerable = fields.Boolean(readonly=True)
    note = fields.Char(readonly=True)
