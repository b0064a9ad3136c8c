from odoo import models


class FlRacialEthnicCategory(models.Model):
    """Racial/ethnic category (FASTER I/S01 item 12; pre-2009-10 records)."""

    _name = "fl.racial.ethnic.category"
    _inherit = "fl.code.mixin"
    _description = "Florida Racial/Ethnic Category"
