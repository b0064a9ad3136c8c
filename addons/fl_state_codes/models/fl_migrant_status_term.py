from odoo import models


class FlMigrantStatusTerm(models.Model):
    """Migrant status term (FASTER I/S01 item 14)."""

    _name = "fl.migrant.status.term"
    _inherit = "fl.code.mixin"
    _description = "Florida Migrant Status Term"
