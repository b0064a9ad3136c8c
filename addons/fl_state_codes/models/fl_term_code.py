from odoo import models


class FlTermCode(models.Model):
    """Term codes (FASTER I/S04 item 12)."""

    _name = "fl.term.code"
    _inherit = "fl.code.mixin"
    _description = "Florida Term"
