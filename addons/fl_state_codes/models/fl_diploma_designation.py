from odoo import models


class FlDiplomaDesignation(models.Model):
    """Diploma designation (FASTER I/S01 item 18a)."""

    _name = "fl.diploma.designation"
    _inherit = "fl.code.mixin"
    _description = "Florida Diploma Designation"
