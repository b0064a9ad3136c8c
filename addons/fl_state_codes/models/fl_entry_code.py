from odoo import models


class FlEntryCode(models.Model):
    """Entry codes (Student DB Entry/Re-entry Code, PK-12 and adult)."""

    _name = "fl.entry.code"
    _inherit = "fl.code.mixin"
    _description = "Florida Entry"
