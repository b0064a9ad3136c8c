"""A student's current schedule: courses, sections, periods, teachers."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FlSchedule(models.Model):
    _name = "fl.schedule"
    _description = "Scheduled Course"
    _order = "student_id, is_dropped, period, course_id, id"

    student_id = fields.Many2one(
        "fl.student", required=True, ondelete="cascade", index=True
    )
    school_year_id = fields.Many2one("fl.school.year", required=True)
    school_id = fields.Many2one("fl.school")
    course_id = fields.Many2one("fl.course", required=True)
    section = fields.Char()
    period = fields.Char(help="Bell period, e.g. 1, 2A.")
    term_code_id = fields.Many2one("fl.term.code", string="Term")
    teacher_id = fields.Many2one("res.partner", domain=[("is_company", "=", False)])
    start_date = fields.Date(required=True)
    drop_date = fields.Date()
    is_dropped = fields.Boolean(
        compute="_compute_is_dropped", store=True, string="Dropped"
    )

    @api.depends("course_id", "section", "period")
    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.course_id.display_name} "
                f"({line.period or '-'}/{line.section or '-'})"
            )

    @api.depends("drop_date")
    def _compute_is_dropped(self):
        for line in self:
            line.is_dropped = bool(line.drop_date)

    @api.constrains("start_date", "drop_date")
    def _check_dates(self):
        for line in self:
            if line.drop_date and line.drop_date < line.start_date:
                raise ValidationError(
                    self.env._(
                        "Schedule %(course)s of %(student)s: the drop date "
                        "%(drop)s is before the start date %(start)s.",
                        course=line.course_id.display_name,
                        student=line.student_id.display_name,
                        drop=line.drop_date,
                        start=line.start_date,
                    )
                )
