from odoo import models


class FlGradePromotionStatus(models.Model):
    """Grade promotion status (FASTER I/S03 item 10)."""

    _name = "fl.grade.promotion.status"
    _inherit = "fl.code.mixin"
    _description = "Florida Grade Promotion Status"
