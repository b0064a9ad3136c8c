from odoo import models


class FlTestName(models.Model):
    """Test names (FASTER I08 and I10)."""

    _name = "fl.test.name"
    _inherit = "fl.code.mixin"
    _description = "Florida Test Name"
