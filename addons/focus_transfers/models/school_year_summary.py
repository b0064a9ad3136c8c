"""A student's school year (FASTER I03): attendance, promotion, GPA."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

GOOD_CAUSE = [
    ("1", "1 - English language learner"),
    ("2", "2 - Students with disabilities (alternate assessment)"),
    ("3", "3 - Alternative standardized reading assessment"),
    ("4", "4 - Portfolio"),
    ("5", "5 - Students with disabilities (IEP)"),
    ("6", "6 - Intensive reading, retained twice"),
    ("7", "7 - Other"),
]


def gpa(lines, points_field, flag_field):
    """Credit-weighted mean of the lines' points; 0.0 when none count."""
    counted = lines.filtered(flag_field)
    credits = sum(counted.mapped("credit_attempted"))
    if not credits:
        return 0.0
    return sum(line[points_field] * line.credit_attempted for line in counted) / (
        credits
    )


class FlSchoolYearSummary(models.Model):
    _name = "fl.school.year.summary"
    _description = "Student School Year"
    _order = "student_id, school_year_code desc, id"

    student_id = fields.Many2one(
        "fl.student", required=True, ondelete="cascade", index=True
    )
    school_year_id = fields.Many2one("fl.school.year", required=True, index=True)
    school_year_code = fields.Char(related="school_year_id.code", store=True)
    grade_level_id = fields.Many2one(
        "fl.grade.level", compute="_compute_grade_level", store=True, readonly=False
    )
    days_absent = fields.Integer(string="Days Absent (Annual)")
    days_present = fields.Integer(string="Days Present (Annual)")
    summer_days_absent = fields.Integer()
    summer_days_present = fields.Integer()
    promotion_status_id = fields.Many2one(
        "fl.grade.promotion.status", string="Grade Promotion Status"
    )
    good_cause_exemption = fields.Selection(
        GOOD_CAUSE, help="Item 14e (2025-26 layout)."
    )
    comment = fields.Text(help="Up to 10 lines of 80 characters (I03 item 11).")
    migrant_enrollment_date = fields.Date()
    migrant_withdrawal_date = fields.Date()
    migrant_district_id = fields.Many2one("fl.district")
    migrant_school_number = fields.Char(string="Migrant School Attended")
    course_history_ids = fields.One2many(
        "fl.course.history", "summary_id", string="Courses"
    )
    credits_earned = fields.Float(
        digits=(5, 2), compute="_compute_gpa", store=True, aggregator="sum"
    )
    gpa_district = fields.Float(
        string="District GPA", digits=(5, 4), compute="_compute_gpa", store=True
    )
    gpa_state = fields.Float(
        string="State GPA (4.0)", digits=(5, 4), compute="_compute_gpa", store=True
    )

    @api.depends("school_year_id", "student_id")
    def _compute_display_name(self):
        for summary in self:
            summary.display_name = (
                f"{summary.student_id.display_name} {summary.school_year_id.name}"
            )

    @api.depends("course_history_ids.grade_level_id")
    def _compute_grade_level(self):
        for summary in self:
            if not summary.grade_level_id:
                summary.grade_level_id = summary.course_history_ids[:1].grade_level_id

    @api.depends(
        "course_history_ids.credit_earned",
        "course_history_ids.credit_attempted",
        "course_history_ids.state_points",
        "course_history_ids.in_state_gpa",
        "course_history_ids.district_points",
        "course_history_ids.in_district_gpa",
    )
    def _compute_gpa(self):
        for summary in self:
            lines = summary.course_history_ids
            summary.credits_earned = sum(lines.mapped("credit_earned"))
            summary.gpa_state = gpa(lines, "state_points", "in_state_gpa")
            summary.gpa_district = gpa(lines, "district_points", "in_district_gpa")

    @api.constrains(
        "days_absent",
        "days_present",
        "summer_days_absent",
        "summer_days_present",
        "comment",
        "migrant_enrollment_date",
        "migrant_withdrawal_date",
        "migrant_school_number",
    )
    def _check_summary(self):
        for summary in self:
            where = self.env._(
                "School year %(year)s of %(student)s",
                year=summary.school_year_id.name,
                student=summary.student_id.display_name,
            )
            errors = []
            if not 0 <= summary.days_absent <= 999 or not (
                0 <= summary.days_present <= 999
            ):
                errors.append(self.env._("annual days must be 0-999"))
            if not 0 <= summary.summer_days_absent <= 90 or not (
                0 <= summary.summer_days_present <= 90
            ):
                errors.append(self.env._("summer days must be 0-90"))
            lines = (summary.comment or "").splitlines()
            if len(lines) > 10 or any(len(line) > 80 for line in lines):
                errors.append(
                    self.env._("the comment holds at most 10 lines of 80 characters")
                )
            if (
                summary.migrant_enrollment_date
                and summary.migrant_withdrawal_date
                and summary.migrant_withdrawal_date < summary.migrant_enrollment_date
            ):
                errors.append(
                    self.env._("the migrant withdrawal date is before the enrollment")
                )
            if summary.migrant_school_number and (
                len(summary.migrant_school_number) != 4
            ):
                errors.append(self.env._("the migrant school number has 4 characters"))
            if errors:
                raise ValidationError(
                    self.env._(
                        "%(where)s: %(errors)s.", where=where, errors="; ".join(errors)
                    )
                )
