from odoo import models


class FlLanguage(models.Model):
    """Language codes (FL DOE Student DB Appendix N)."""

    _name = "fl.language"
    _inherit = "fl.code.mixin"
    _description = "Florida Language"
