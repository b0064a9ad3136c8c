from odoo import fields, models


class FlExceptionality(models.Model):
    """Exceptionalities (FASTER I06 items 8 and 22)."""

    _name = "fl.exceptionality"
    _inherit = "fl.code.mixin"
    _description = "Florida Exceptionality"

    primary_allowed = fields.Boolean(
        string="Valid as Primary",
        default=True,
        help="Whether the code is valid as Exceptionality, Primary (I06 item 8). "
        "Occupational (D) and physical therapy (E) are only valid per program.",
    )
