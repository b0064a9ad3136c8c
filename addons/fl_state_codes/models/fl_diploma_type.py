from odoo import models


class FlDiplomaType(models.Model):
    """Diploma types (FASTER I/S01 item 46)."""

    _name = "fl.diploma.type"
    _inherit = "fl.code.mixin"
    _description = "Florida Diploma Type"
