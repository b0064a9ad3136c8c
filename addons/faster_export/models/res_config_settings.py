from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .faster_sftp import SETTINGS as SFTP_SETTINGS
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
    faster_delivery = fields.Selection(
        [
            ("directory", "Outbound directory only"),
            ("sftp", "Upload to the FDOE SFTP server"),
        ],
        string="FASTER Delivery",
        config_parameter="faster_export.delivery",
        default="directory",
        help="Outbound directory only: another process (the district's file "
        "transfer job) sends the files. SFTP: each file is also uploaded, and a "
        "request is Sent only once its file is on the server.",
    )
    faster_sftp_host = fields.Char(
        string="SFTP Host", config_parameter="faster_export.sftp_host"
    )
    faster_sftp_port = fields.Integer(
        string="SFTP Port", config_parameter="faster_export.sftp_port", default=22
    )
    faster_sftp_username = fields.Char(
        string="SFTP User", config_parameter="faster_export.sftp_username"
    )
    faster_sftp_password = fields.Char(
        string="SFTP Password",
        config_parameter="faster_export.sftp_password",
        help="The account's password, or the private key's passphrase.",
    )
    faster_sftp_private_key = fields.Char(
        string="SFTP Private Key",
        config_parameter="faster_export.sftp_private_key",
        help="Optional: an OpenSSH or PEM private key (RSA, ECDSA, Ed25519) to "
        "log in with instead of the password.",
    )
    faster_sftp_host_key = fields.Char(
        string="SFTP Host Key",
        config_parameter="faster_export.sftp_host_key",
        help="The server's public host key (e.g. 'ssh-ed25519 AAAA...'). "
        "Required: nothing is sent to a server presenting another key. Test "
        "Connection shows the key the server presents.",
    )
    faster_sftp_directory = fields.Char(
        string="SFTP Folder",
        config_parameter="faster_export.sftp_directory",
        help="The folder files are uploaded to (empty: the account's home).",
    )
    faster_parallel_workers = fields.Integer(
        string="FASTER Parallel Workers",
        config_parameter="faster_export.parallel_workers",
        default=1,
        help="How many cron workers (of this server and others on the "
        "database) may send FASTER transcripts at once: one copy of the "
        "Outgoing MSIX FASTER Responses scheduled action each.",
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
        self.env["faster.request"]._set_parallel_workers(self.faster_parallel_workers)
        return res

    def action_faster_sftp_test(self):
        """Test Connection: connect with the values on screen, unsaved."""
        self.ensure_one()
        config = {key: self[f"faster_sftp_{key}"] or "" for key in SFTP_SETTINGS}
        good, message = self.env["faster.sftp"]._test(config)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("FASTER SFTP"),
                "message": message,
                "type": "success" if good else "danger",
                "sticky": not good,
            },
        }

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
