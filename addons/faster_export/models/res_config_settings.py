import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_datetime

from .faster_sftp import PARAM, SECRETS, _private_key
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
    # The account's secrets are write-only: never read back into the form (see
    # get_values), stored only by set_values, readable by Settings
    # administrators alone (the ir.config_parameter table).
    faster_sftp_password = fields.Char(
        string="SFTP Password",
        groups="base.group_system",
        help="The account's password, or the private key's passphrase. Write-only: "
        "a new value replaces the stored one; left empty, the stored one is kept.",
    )
    faster_sftp_password_status = fields.Char(
        string="SFTP Password Status", readonly=True, groups="base.group_system"
    )
    faster_sftp_password_clear = fields.Boolean(
        string="Clear the SFTP Password",
        groups="base.group_system",
        help="Remove the stored password when the settings are saved.",
    )
    faster_sftp_private_key = fields.Binary(
        string="SFTP Private Key",
        attachment=False,
        groups="base.group_system",
        help="Optional: the file of an OpenSSH or PEM private key (RSA, ECDSA, "
        "Ed25519) to log in with instead of the password. Write-only: a new file "
        "replaces the stored key; without one, the stored key is kept.",
    )
    faster_sftp_private_key_status = fields.Char(
        string="SFTP Private Key Status", readonly=True, groups="base.group_system"
    )
    faster_sftp_private_key_clear = fields.Boolean(
        string="Clear the SFTP Private Key",
        groups="base.group_system",
        help="Remove the stored private key when the settings are saved.",
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

    def init(self):
        """Settings rows saved before the secrets were write-only hold a copy
        of them: forget it."""
        res = super().init()
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET faster_sftp_password = NULL, faster_sftp_private_key"
                " = NULL WHERE faster_sftp_password IS NOT NULL"
                " OR faster_sftp_private_key IS NOT NULL",
                SQL.identifier(self._table),
            )
        )
        return res

    @api.model
    def get_values(self):
        res = super().get_values()
        types = record_types(self.env)
        for rtype in OPTIONAL_TYPES:
            res[f"faster_send_{rtype.lower()}"] = rtype in types
        if self.env.is_system():
            res.update(self._faster_sftp_secret_status())
        return res

    def set_values(self):
        res = super().set_values()
        chosen = [r for r in OPTIONAL_TYPES if self[f"faster_send_{r.lower()}"]]
        self.env["ir.config_parameter"].sudo().set_param(
            RECORD_TYPES_PARAM, ",".join(chosen) or "none"
        )
        self._set_faster_sftp_secrets()
        self.env["faster.request"]._set_parallel_workers(self.faster_parallel_workers)
        return res

    def action_faster_sftp_test(self):
        """Test Connection: connect with the values on screen, unsaved (a
        secret left empty is the stored one, used on the server only)."""
        self.ensure_one()
        good, message = self.env["faster.sftp"]._test(self._faster_sftp_config())
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

    def _faster_sftp_secret_inputs(self):
        """What the form says of each secret: its new value, False to clear
        the stored one, or None to keep it (an empty input)."""
        self.ensure_one()
        inputs = {}
        settings = self.with_context(bin_size=False)  # the file, not its size
        for key in SECRETS:
            value = settings[f"faster_sftp_{key}"]
            if value:
                inputs[key] = (
                    self._faster_sftp_key_text(value) if key == "private_key" else value
                )
            else:
                inputs[key] = False if self[f"faster_sftp_{key}_clear"] else None
        return inputs

    def _faster_sftp_key_text(self, data):
        """The uploaded private key file as text; a clear error when it is
        not an OpenSSH or PEM private key."""
        try:
            text = base64.b64decode(data, validate=True).decode("ascii").strip()
        except (binascii.Error, UnicodeDecodeError):
            text = ""
        if not (text.startswith("-----BEGIN ") and "PRIVATE KEY-----" in text):
            raise ValidationError(
                self.env._(
                    "FASTER SFTP Private Key: the file is not an OpenSSH or PEM "
                    "private key (it starts with '-----BEGIN ... PRIVATE KEY-----')."
                )
            )
        return text + "\n"

    def _faster_sftp_config(self):
        """The SFTP settings on screen, a secret left empty being the stored one."""
        config = {
            key: self[f"faster_sftp_{key}"] or ""
            for key in SFTP_SETTINGS
            if key not in SECRETS
        }
        stored = self.env["faster.sftp"]._config()
        for key, value in self._faster_sftp_secret_inputs().items():
            config[key] = stored[key] if value is None else value or ""
        return config

    def _set_faster_sftp_secrets(self):
        """Store the secrets typed (or clear them), then forget them: the
        settings row keeps no copy that could be read back, only the status."""
        inputs = self._faster_sftp_secret_inputs()
        config = self._faster_sftp_config()
        changed = any(value is not None for value in inputs.values())
        if (
            changed
            and config["private_key"]
            and not _private_key(config["private_key"], config["password"] or None)
        ):
            raise ValidationError(
                self.env._(
                    "FASTER SFTP Private Key: not an OpenSSH or PEM private key "
                    "(RSA, ECDSA or Ed25519) that the SFTP Password opens."
                )
            )
        params = self.env["ir.config_parameter"].sudo()
        for key, value in inputs.items():
            if value is not None:
                params.set_param(f"{PARAM}sftp_{key}", value)
        forgotten = {
            name: False
            for key in SECRETS
            for name in (f"faster_sftp_{key}", f"faster_sftp_{key}_clear")
        }
        self.write({**forgotten, **self._faster_sftp_secret_status()})

    @api.model
    def _faster_sftp_secret_status(self):
        """Whether each secret is stored, and when and by whom it was last
        changed: what the form shows instead of the secret itself."""
        params = (
            self.env["ir.config_parameter"]
            .sudo()
            .search([("key", "in", [f"{PARAM}sftp_{key}" for key in SECRETS])])
        )
        stored = {param.key: param for param in params if param.value}
        statuses = {}
        for key in SECRETS:
            param = stored.get(f"{PARAM}sftp_{key}")
            if param:
                status = self.env._(
                    "Set, last changed %(when)s by %(who)s",
                    when=format_datetime(self.env, param.write_date, dt_format="short"),
                    who=param.write_uid.name,
                )
            else:
                status = self.env._("Not set")
            statuses[f"faster_sftp_{key}_status"] = status
        return statuses
