from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    fl_district_id = fields.Many2one(
        "fl.district",
        string="This District",
        help="The Florida district this database serves: set once, in Settings.",
    )
