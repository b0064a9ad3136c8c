from odoo import fields, models


class FlGradeLevel(models.Model):
    """Grade levels (FASTER I/S01 item 16, I/S04 item 11, I/S08)."""

    _name = "fl.grade.level"
    _inherit = "fl.code.mixin"
    _description = "Florida Grade Level"
    _order = "sequence, code"

    sequence = fields.Integer(
        default=100, help="Natural order of grades: PK, KG, 01 ... 12, 23, 30, 31."
    )
