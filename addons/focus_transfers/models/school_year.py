from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FlSchoolYear(models.Model):
    """A school year, keyed the way FASTER writes it (CCYYCCYY)."""

    _name = "fl.school.year"
    _description = "School Year"
    _order = "date_start desc"

    name = fields.Char(required=True, help="e.g. 2025-2026")
    code = fields.Char(required=True, help="FASTER form, CCYYCCYY: 20252026")
    date_start = fields.Date(required=True)
    date_end = fields.Date(required=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A school year code must be unique."),
    ]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for year in self:
            if year.date_end <= year.date_start:
                raise ValidationError(
                    self.env._("School year %s ends before it starts.", year.name)
                )

    @api.model
    def _for_date(self, day):
        """The school year a date falls in, or an empty recordset."""
        return self.search(
            [("date_start", "<=", day), ("date_end", ">=", day)], limit=1
        )
