from odoo import models


class FlCertificateType(models.Model):
    """Certificate of completion types (FASTER I/S01 item 48)."""

    _name = "fl.certificate.type"
    _inherit = "fl.code.mixin"
    _description = "Florida Certificate of Completion Type"
