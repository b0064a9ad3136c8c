"""The district course catalog (8-digit local numbers over the state's 7)."""

import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FlCourse(models.Model):
    _name = "fl.course"
    _description = "Course"
    _order = "code"
    _rec_names_search = ("code", "name", "short_title")

    code = fields.Char(
        string="Local Course Number",
        required=True,
        index=True,
        help="8 digits; the first 7 are the state Course Code Directory number "
        "(FASTER carries only those 7).",
    )
    state_course_number = fields.Char(
        compute="_compute_state_course_number", store=True, index=True
    )
    name = fields.Char(string="Title", required=True)
    short_title = fields.Char(
        string="Abbreviated Title",
        required=True,
        help="At most 20 characters, as printed on transcripts (I04 item 14).",
    )
    credit = fields.Float(string="Credit Value", digits=(3, 2), default=1.0)
    subject_area_id = fields.Many2one(
        "fl.subject.area", string="State Subject Area Requirement"
    )
    grading_scale_id = fields.Many2one("fl.grading.scale")
    active = fields.Boolean(default=True)

    _sql_constraints = (
        ("code_uniq", "unique(code)", "A local course number must be unique."),
    )

    @api.depends("code")
    def _compute_state_course_number(self):
        for course in self:
            course.state_course_number = (course.code or "")[:7] or False

    @api.depends("code", "short_title")
    def _compute_display_name(self):
        for course in self:
            course.display_name = f"{course.code} - {course.short_title or course.name}"

    @api.constrains("code", "short_title", "credit")
    def _check_course(self):
        for course in self:
            if not re.fullmatch(r"\d{8}", course.code or ""):
                raise ValidationError(
                    self.env._(
                        "Course %(title)s: the local course number %(code)r must "
                        "be 8 digits (7-digit state number + 1 local digit).",
                        title=course.name,
                        code=course.code,
                    )
                )
            if len(course.short_title or "") > 20:
                raise ValidationError(
                    self.env._(
                        "Course %(code)s: the abbreviated title %(title)r is "
                        "longer than 20 characters.",
                        code=course.code,
                        title=course.short_title,
                    )
                )
            if course.credit < 0 or course.credit > 9.99:
                raise ValidationError(
                    self.env._(
                        "Course %(code)s: the credit value must be between 0 and 9.99.",
                        code=course.code,
                    )
                )
