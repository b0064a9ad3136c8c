"""Every transfer import is recorded: who, when, what, from which district."""

from odoo import api, fields, models
from odoo.modules.registry import Registry


class FlTransferImportLog(models.Model):
    _name = "fl.transfer.import.log"
    _description = "Transfer Import Log"
    _inherit = ["fl.system.record.mixin"]
    _order = "import_date desc, id desc"

    student_id = fields.Many2one(
        "fl.student", required=True, ondelete="cascade", index=True
    )
    district_id = fields.Many2one("fl.district", string="From District", required=True)
    user_id = fields.Many2one(
        "res.users", string="Imported By", required=True, default=lambda s: s.env.user
    )
    import_date = fields.Datetime(required=True, default=fields.Datetime.now)
    sections = fields.Char(help="Sections imported, comma-separated.")
    imported_fields = fields.Text(help="Demographic fields overwritten.")
    counts = fields.Char(string="Records Imported")
    package_sent_at = fields.Char(help="When the sending district built the package.")
    receipt_state = fields.Selection(
        [("pending", "Pending"), ("sent", "Acknowledged"), ("failed", "Failed")],
        default="pending",
        required=True,
        help="Receipt acknowledgment to the sending district.",
    )
    receipt_message = fields.Char()

    def _system_record_refusal(self):
        return self.env._(
            "The transfer import log is kept by the system: a row cannot "
            "be created, changed or deleted by hand."
        )

    def _compute_display_name(self):
        for log in self:
            log.display_name = (
                f"{log.student_id.display_name} ← {log.district_id.display_name} "
                f"({log.import_date})"
            )

    def _send_receipt_after_commit(self):
        """Send the receipt once the import is committed, never for one that
        rolled back: a post-commit hook, with a cursor of its own for the HTTP
        call and the receipt state. A log that did not survive is skipped."""
        dbname, uid, ids = self.env.cr.dbname, self.env.uid, self.ids
        context = dict(self.env.context)

        def send():
            with Registry(dbname).cursor() as cr:
                env = api.Environment(cr, uid, context)
                env[self._name].browse(ids).exists()._send_receipt()

        self.env.cr.postcommit.add(send)

    def _send_receipt(self):
        """Acknowledge receipt to the sending district (beyond Focus).

        The transfers client overrides ``fl.student._transfer_send_receipt``;
        without it the receipt stays pending, visible on the log.
        """
        for log in self:
            try:
                sent = log.student_id._transfer_send_receipt(log)
            except Exception as error:  # noqa: BLE001 - the import stands; report why
                state, message = "failed", str(error)
            else:
                state, message = ("sent", False) if sent else ("pending", False)
            # Only the receipt outcome, which the system records, is written
            # after creation.
            log.sudo().write({"receipt_state": state, "receipt_message": message})
