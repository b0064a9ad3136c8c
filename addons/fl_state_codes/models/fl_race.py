from odoo import fields, models


class FlRace(models.Model):
    """The five race flags of FASTER I/S01 items 10a-10e (one Y/N byte each).

    ``sequence`` is the flag's position in the five-byte group (1-5), which is
    how the FASTER codec maps a student's races to bytes 90-94.
    """

    _name = "fl.race"
    _inherit = "fl.code.mixin"
    _description = "Florida Race Flag"
    _order = "sequence, code"

    sequence = fields.Integer(
        string="Flag Position",
        help="Position of this race's Y/N byte among items 10a-10e (1 = 10a).",
    )
