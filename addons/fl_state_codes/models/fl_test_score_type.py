from odoo import models


class FlTestScoreType(models.Model):
    """Test score types (FASTER I08)."""

    _name = "fl.test.score.type"
    _inherit = "fl.code.mixin"
    _description = "Florida Test Score Type"
