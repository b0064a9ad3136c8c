from odoo import models


class FlVaccine(models.Model):
    """Vaccine codes (FASTER I02, first byte of each vaccine slot)."""

    _name = "fl.vaccine"
    _inherit = "fl.code.mixin"
    _description = "Florida Vaccine"
