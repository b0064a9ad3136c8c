from odoo import models


class FlWithdrawalCode(models.Model):
    """Withdrawal codes (FASTER I/S01 item 37)."""

    _name = "fl.withdrawal.code"
    _inherit = "fl.code.mixin"
    _description = "Florida Withdrawal"
