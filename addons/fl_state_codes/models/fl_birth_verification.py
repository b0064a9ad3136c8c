from odoo import models


class FlBirthVerification(models.Model):
    """Birth date verification (FASTER I/S01 item 23)."""

    _name = "fl.birth.verification"
    _inherit = "fl.code.mixin"
    _description = "Florida Birth Date Verification"
