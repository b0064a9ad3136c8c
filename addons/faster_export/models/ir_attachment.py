from odoo import api, models
from odoo.exceptions import AccessError

QUEUE = "faster.request"


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def check(self, mode, values=None):
        """A FASTER request's file is the copy of what was sent: written by
        the job alone. Anyone allowed to edit a record may otherwise add,
        replace or delete its attachments."""
        result = super().check(mode, values)
        if mode == "read" or self.env.su:
            return result
        attached = set(self.sudo().mapped("res_model"))
        attached.add((values or {}).get("res_model"))
        if QUEUE in attached:
            raise AccessError(
                self.env._(
                    "The file of a FASTER request is written by the Outgoing MSIX "
                    "FASTER Responses job only."
                )
            )
        return result
