from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    fl_district_id = fields.Many2one(
        "fl.district",
        string="This District",
        help="The Florida district this database serves: set once, in Settings.",
    )
    fl_transfers_enabled = fields.Boolean(
        string="Focus Transfers enabled",
        default=True,
        help="Other districts may send transfer requests and pull the records "
        "this district releases. When off, the peer API answers "
        "'feature_disabled' and no record leaves the district.",
    )
