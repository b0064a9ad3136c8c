from odoo import models


class FlImmunizationStatus(models.Model):
    """Immunization status (FASTER I02 item 7)."""

    _name = "fl.immunization.status"
    _inherit = "fl.code.mixin"
    _description = "Florida Immunization Status"
