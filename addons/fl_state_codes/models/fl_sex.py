from odoo import models


class FlSex(models.Model):
    """Sex (FASTER I/S01 item 11)."""

    _name = "fl.sex"
    _inherit = "fl.code.mixin"
    _description = "Florida Sex"
