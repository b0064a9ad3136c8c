from odoo import models


class FlEsePlacementStatus(models.Model):
    """ESE placement status (FASTER I06 item 19)."""

    _name = "fl.ese.placement.status"
    _inherit = "fl.code.mixin"
    _description = "Florida ESE Placement Status"
