from odoo import models


class FlEthnicity(models.Model):
    """Ethnicity, Hispanic/Latino Y/N (FASTER I/S01 item 10)."""

    _name = "fl.ethnicity"
    _inherit = "fl.code.mixin"
    _description = "Florida Ethnicity (Hispanic/Latino)"
