"""Grading scales: how a district turns a grade into GPA points and credit."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Florida's state GPA is unweighted on a 4.0 scale (s. 1003.437, F.S.); the
# letter is what counts, whatever the district's own scale says.
STATE_POINTS = {"A": 4.0, "B": 3.0, "C": 2.0, "D": 1.0, "F": 0.0}
# Final grades that are never in a GPA (pass/fail, incomplete, no grade,
# withdrawn passing, transfer credit for a passed exam...).
NON_GPA_GRADES = {"P", "S", "U", "E", "I", "N", "NG", "WP", "W", "T"}


def state_points(grade):
    """State unweighted points for a final grade, or None when not in a GPA.

    A+/A/A- = 4, B = 3, C = 2, D = 1, F (and FL, WF: failing) = 0.
    """
    grade = (grade or "").strip().upper()
    if not grade or grade in NON_GPA_GRADES:
        return None
    if grade in ("FL", "WF"):
        return 0.0
    return STATE_POINTS.get(grade.rstrip("+-")) if len(grade) <= 2 else None


class FlGradingScale(models.Model):
    _name = "fl.grading.scale"
    _description = "Grading Scale"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code shown on transcripts.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    scale_type = fields.Selection(
        [
            ("letter", "Letter grades"),
            ("numeric", "Numeric (percent ranges)"),
            ("pass_fail", "Pass/fail"),
        ],
        required=True,
        default="letter",
    )
    honors_bonus = fields.Float(
        digits=(3, 2),
        help="Points added to the district GPA for courses flagged Honors (H) or "
        "Gifted (G). The state GPA is never weighted.",
    )
    line_ids = fields.One2many("fl.grading.scale.line", "scale_id", string="Grades")
    description = fields.Text(
        help="Explanation sent in the school-year comment (I03) with transcripts."
    )

    _sql_constraints = (
        ("code_uniq", "unique(code)", "A grading scale code must be unique."),
    )

    def _line_for(self, grade):
        """The scale line of a grade (letter) or of a numeric percentage."""
        self.ensure_one()
        grade = (grade or "").strip().upper()
        if not grade:
            return self.env["fl.grading.scale.line"]
        for line in self.line_ids:
            if line.grade.upper() == grade:
                return line
        if grade.replace(".", "", 1).isdigit():
            value = float(grade)
            for line in self.line_ids:
                if line.min_percent <= value <= line.max_percent:
                    return line
        return self.env["fl.grading.scale.line"]


class FlGradingScaleLine(models.Model):
    _name = "fl.grading.scale.line"
    _description = "Grading Scale Grade"
    _order = "scale_id, sequence, id"

    scale_id = fields.Many2one(
        "fl.grading.scale", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    grade = fields.Char(required=True, help="Grade as reported (A, B+, P, 90...).")
    min_percent = fields.Float(digits=(5, 2))
    max_percent = fields.Float(digits=(5, 2))
    gpa_points = fields.Float(string="District GPA Points", digits=(4, 2))
    is_passing = fields.Boolean(default=True)
    in_gpa = fields.Boolean(
        string="Counts in GPA",
        default=True,
        help="Pass/fail and incomplete grades do not count in any GPA.",
    )

    _sql_constraints = (
        ("grade_uniq", "unique(scale_id, grade)", "A grade appears once per scale."),
    )

    @api.constrains("min_percent", "max_percent", "gpa_points")
    def _check_ranges(self):
        for line in self:
            if line.min_percent > line.max_percent:
                raise ValidationError(
                    self.env._(
                        "Grading scale %(scale)s, grade %(grade)s: the minimum "
                        "percent (%(min)s) is above the maximum (%(max)s).",
                        scale=line.scale_id.name,
                        grade=line.grade,
                        min=line.min_percent,
                        max=line.max_percent,
                    )
                )
            if line.gpa_points < 0:
                raise ValidationError(
                    self.env._(
                        "Grading scale %(scale)s, grade %(grade)s: GPA points "
                        "cannot be negative.",
                        scale=line.scale_id.name,
                        grade=line.grade,
                    )
                )
