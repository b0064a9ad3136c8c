"""One marking-period grade: a cell of the I04 grading-block grid.

A record per cell, because an import's warnings attach to one cell.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

PERIODS = [
    ("1", "1st Period"),
    ("2", "2nd Period"),
    ("3", "3rd Period"),
    ("exam", "Exam"),
    ("cumulative", "Cumulative"),
]


class FlCourseGrade(models.Model):
    _name = "fl.course.grade"
    _description = "Marking-Period Grade"
    _order = "history_id, block, period, id"

    history_id = fields.Many2one(
        "fl.course.history", required=True, ondelete="cascade", index=True
    )
    student_id = fields.Many2one(related="history_id.student_id", store=True)
    block = fields.Integer(
        string="Grading Block", required=True, default=1, help="1-6 (the term)."
    )
    period = fields.Selection(PERIODS, required=True, default="1")
    marking_period_id = fields.Many2one(
        "fl.marking.period", help="Our marking period this grade was placed in."
    )
    grade = fields.Char(required=True, help="At most 3 characters.")
    note = fields.Char(help="Where the grade came from, or an import warning.")

    _sql_constraints = (
        (
            "cell_uniq",
            "unique(history_id, block, period)",
            "A course has one grade per grading block and period.",
        ),
    )

    @api.depends("block", "period", "grade")
    def _compute_display_name(self):
        labels = dict(PERIODS)
        for cell in self:
            cell.display_name = f"B{cell.block} {labels.get(cell.period)}: {cell.grade}"

    @api.constrains("block", "grade")
    def _check_cell(self):
        for cell in self:
            if not 1 <= cell.block <= 6:
                raise ValidationError(
                    self.env._(
                        "Course %(course)s: grading block %(block)s is out of 1-6.",
                        course=cell.history_id.display_name,
                        block=cell.block,
                    )
                )
            if len(cell.grade or "") > 3:
                raise ValidationError(
                    self.env._(
                        "Course %(course)s, block %(block)s: grade %(grade)r is "
                        "longer than 3 characters.",
                        course=cell.history_id.display_name,
                        block=cell.block,
                        grade=cell.grade,
                    )
                )
