from odoo import models


class FlSubjectArea(models.Model):
    """State subject area requirements (FASTER I/S04 items 15 and 63)."""

    _name = "fl.subject.area"
    _inherit = "fl.code.mixin"
    _description = "Florida State Subject Area Requirement"
