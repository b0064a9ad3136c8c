from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FlSchool(models.Model):
    """State school numbers: district + 4-digit number (Master School ID).

    ``code`` is the district code followed by the school number
    (``120041``), so it is unique statewide while the 4-digit number is only
    unique inside a district. The special numbers (0000, 3518, 9998 ...) are
    shipped for every county district because districts report students
    under them.
    """

    _name = "fl.school"
    _inherit = "fl.code.mixin"
    _description = "Florida School"
    _order = "district_id, number"
    _rec_names_search = ("code", "name", "number")

    code = fields.Char(
        compute="_compute_code",
        store=True,
        readonly=False,
        precompute=True,
        help="District code followed by the 4-digit school number, e.g. 120041.",
    )
    district_id = fields.Many2one(
        "fl.district", required=True, ondelete="restrict", index=True
    )
    number = fields.Char(
        string="School Number",
        required=True,
        help="The state-assigned 4-digit school number (Master School ID).",
    )
    is_special = fields.Boolean(
        string="Special Number",
        help="A reporting number that is not a school site (home education, "
        "scholarships, virtual instruction, private-school services...).",
    )

    @api.model
    def get_import_templates(self):
        """Offer a template for loading the DOE Master School ID list."""
        return [
            {
                "label": self.env._("Import Template for School Numbers"),
                "template": "/fl_state_codes/static/xls/fl_school_import_template.csv",
            }
        ]

    @api.depends("district_id.code", "number")
    def _compute_code(self):
        for school in self:
            if school.district_id.code and school.number:
                school.code = f"{school.district_id.code}{school.number}"

    @api.constrains("number", "district_id", "code")
    def _check_number(self):
        for school in self:
            if not (len(school.number) == 4 and school.number.isalnum()):
                raise ValidationError(
                    self.env._(
                        "School number '%(number)s' must be 4 characters (e.g. 0041).",
                        number=school.number,
                    )
                )
            expected = f"{school.district_id.code}{school.number}"
            if school.code != expected:
                raise ValidationError(
                    self.env._(
                        "School code '%(code)s' must be the district code followed "
                        "by the school number (%(expected)s).",
                        code=school.code,
                        expected=expected,
                    )
                )
