from odoo import models


class FlGuardianRelationship(models.Model):
    """Parent/guardian code (FASTER I/S01 items 25, 27 and 29)."""

    _name = "fl.guardian.relationship"
    _inherit = "fl.code.mixin"
    _description = "Florida Parent/Guardian Relationship"
