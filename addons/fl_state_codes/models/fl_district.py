from odoo import fields, models


class FlDistrict(models.Model):
    """District Name Table (FASTER Appendix A / Student DB Appendix C).

    Besides the 67 county districts it holds the special districts (68-83)
    and the non-district institution numbers FASTER addresses (88-99).
    """

    _name = "fl.district"
    _inherit = "fl.code.mixin"
    _description = "Florida District"

    district_type = fields.Selection(
        [
            ("district", "County School District"),
            ("special", "Special District"),
            ("institution", "Non-district Institution"),
        ],
        required=True,
        default="district",
        help="Special districts (68-83) are state schools, lab schools, virtual "
        "schools and agencies; institutions (88, 89, 90, 95, 99) are FASTER "
        "addressees that are not school districts.",
    )
    school_ids = fields.One2many("fl.school", "district_id", string="Schools")
