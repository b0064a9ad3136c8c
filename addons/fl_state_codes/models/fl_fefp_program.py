from odoo import models


class FlFefpProgram(models.Model):
    """FEFP program numbers (FASTER I06 item 9)."""

    _name = "fl.fefp.program"
    _inherit = "fl.code.mixin"
    _description = "Florida FEFP Program Number"
