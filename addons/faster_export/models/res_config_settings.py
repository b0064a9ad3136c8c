from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .transcript import (
    DEFAULT_FILE_NAME,
    OPTIONAL_TYPES,
    RECORD_TYPES_PARAM,
    check_file_name_pattern,
    record_types,
)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    faster_sending_district_id = fields.Many2one(
        "fl.district",
        string="FASTER Sending District",
        config_parameter="faster_export.sending_district_id",
        help="Header item 4 and every record's district. Empty: This District.",
    )
    faster_sending_school_number = fields.Char(
        string="FASTER Sending School",
        config_parameter="faster_export.sending_school_number",
        help="4-digit school number used when the student's last school is not "
        "in the sending district (e.g. the district office's number).",
    )
    faster_test_indicator = fields.Selection(
        [("P", "Production"), ("T", "Test")],
        string="FASTER Test/Production Indicator",
        config_parameter="faster_export.test_indicator",
        default="P",
    )
    faster_outbound_dir = fields.Char(
        string="FASTER Outbound Directory",
        config_parameter="faster_export.outbound_dir",
        help="Where transcript files are written (atomically). Empty: "
        "'faster_outbound' inside this database's filestore.",
    )
    faster_file_name_pattern = fields.Char(
        string="FASTER File Name",
        config_parameter="faster_export.file_name_pattern",
        default=DEFAULT_FILE_NAME,
        help="Placeholders: {sending_district} {sending_school} "
        "{addressed_district} {student_number} {request_id} {timestamp} "
        "{message_type}.",
    )
    faster_unsolicited_message_type = fields.Char(
        string="FASTER Message Type (unsolicited)",
        config_parameter="faster_export.unsolicited_message_type",
        default="Q01",
        help="Header message type of transcripts nobody requested through FASTER "
        "(approved transfers, manual sends). Replies to a request use S01.",
    )
    # Which optional record types to send: one parameter, a comma list (a
    # boolean config_parameter cannot default to True: unticking deletes it).
    faster_send_i02 = fields.Boolean(
        string="Immunizations (I02)",
        help="FASTER requires I02 on every interdistrict transfer except adults.",
    )
    faster_send_i05 = fields.Boolean(string="CTE / ELL (I05)")
    faster_send_i06 = fields.Boolean(string="Exceptional Student (I06)")
    faster_send_i07 = fields.Boolean(string="Comments (I07)")
    faster_send_i08 = fields.Boolean(string="Tests (I08)")

    @api.model
    def get_values(self):
        res = super().get_values()
        types = record_types(self.env)
        for rtype in OPTIONAL_TYPES:
            res[f"faster_send_{rtype.lower()}"] = rtype in types
        return res

    def set_values(self):
        res = super().set_values()
        chosen = [r for r in OPTIONAL_TYPES if self[f"faster_send_{r.lower()}"]]
        self.env["ir.config_parameter"].sudo().set_param(
            RECORD_TYPES_PARAM, ",".join(chosen) or "none"
        )
        return res

    @api.constrains("faster_file_name_pattern", "faster_sending_school_number")
    def _check_faster_settings(self):
        for settings in self:
            if settings.faster_file_name_pattern:
                check_file_name_pattern(self.env, settings.faster_file_name_pattern)
            number = settings.faster_sending_school_number
            if number and not (len(number) == 4 and number.isalnum()):
                raise ValidationError(
                    self.env._(
                        "FASTER sending school %s: a school number is 4 characters.",
                        number,
                    )
                )
            message_type = settings.faster_unsolicited_message_type
            if message_type:
                self.env["fl.message.type"]._lookup(message_type)
