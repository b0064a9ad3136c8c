from odoo import models


class FlCourseFlag(models.Model):
    """Course flags (FASTER I/S04 item 16)."""

    _name = "fl.course.flag"
    _inherit = "fl.code.mixin"
    _description = "Florida Course Flag"
