from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    fl_district_id = fields.Many2one(
        related="company_id.fl_district_id", readonly=False, string="This District"
    )
    fl_transfers_enabled = fields.Boolean(
        related="company_id.fl_transfers_enabled", readonly=False
    )
    fl_default_drop_schedule_on_transfer = fields.Boolean(
        string="Drop schedule records when approving transfer requests",
        config_parameter="focus_transfers.default_drop_schedule_on_transfer",
        help="The district default that new schools start with.",
    )
