from odoo import models


class FlGraduationOption(models.Model):
    """Graduation option (FASTER I/S01 item 18b)."""

    _name = "fl.graduation.option"
    _inherit = "fl.code.mixin"
    _description = "Florida Graduation Option"
