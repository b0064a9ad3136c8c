from odoo import fields, models


class FlMessageType(models.Model):
    """FASTER header message types (I00/S00 item 5): R01, S01, Q01 ..."""

    _name = "fl.message.type"
    _inherit = "fl.code.mixin"
    _description = "FASTER Header Message Type"

    message_kind = fields.Selection(
        [
            ("request", "Request"),
            ("response", "Response"),
            ("unsolicited", "Unsolicited Send"),
            ("msix", "MSIX Reply"),
            ("system", "System Generated"),
        ],
        required=True,
        default="request",
    )
