"""Academic records on the student: histories, ESE, immunizations, GPA.

GPA rule (documented in readme/USAGE.md):

* A line counts when it has a final grade, credit attempted > 0 and is not in
  progress (flag P).
* **State GPA** (unweighted 4.0): A=4, B=3, C=2, D=1, F/FL/WF=0 (+/- ignored);
  pass/fail and other non-letter grades (P, S, U, E, I, N, NG, WP, W, T) and
  flags W or X exclude the line.
* **District GPA**: the points of the course's grading scale (default: the
  Standard scale), plus the scale's honors bonus for flags H or G; flag X
  excludes the line unless flag I is also set; scale grades not "in GPA"
  (pass/fail) are excluded.
* GPA = sum(points x credit attempted) / sum(credit attempted), per school year
  (``fl.school.year.summary``) and cumulative (here), both stored.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .school_year_summary import gpa

SECTION_504 = [
    ("Y", "Y - Eligible"),
    ("N", "N - Not eligible"),
    ("I", "I - Ineligible after evaluation"),
    ("Z", "Z - Not applicable"),
]


class FlStudent(models.Model):
    _inherit = "fl.student"

    course_history_ids = fields.One2many("fl.course.history", "student_id")
    school_year_summary_ids = fields.One2many(
        "fl.school.year.summary", "student_id", string="School Years"
    )
    test_history_ids = fields.One2many("fl.test.history", "student_id")
    ese_program_ids = fields.One2many(
        "fl.ese.program", "student_id", string="ESE Programs"
    )
    immunization_ids = fields.One2many(
        "fl.immunization", "student_id", string="Immunizations"
    )
    discipline_incident_ids = fields.One2many(
        "fl.discipline.incident", "student_id", string="Discipline Incidents"
    )
    schedule_ids = fields.One2many("fl.schedule", "student_id")
    # ESE (I06, student level)
    ese_plan_date = fields.Date(string="ESE Plan Date")
    primary_exceptionality_id = fields.Many2one("fl.exceptionality")
    fefp_program_id = fields.Many2one("fl.fefp.program", string="FEFP Program")
    section_504 = fields.Selection(SECTION_504, string="Section 504 Eligible")
    ese_evaluation_date = fields.Date(string="ESE Evaluation/Re-evaluation Date")
    # Immunizations (I02, student level)
    immunization_status_id = fields.Many2one("fl.immunization.status")
    immunization_expiration_date = fields.Date(
        help="Required for a temporary medical exemption (status 2).",
    )
    # Cumulative GPA and credits (stored: a transcript reads them)
    credits_attempted_total = fields.Float(
        string="Credits Attempted", digits=(6, 2), compute="_compute_gpa", store=True
    )
    credits_earned_total = fields.Float(
        string="Credits Earned", digits=(6, 2), compute="_compute_gpa", store=True
    )
    gpa_district_cumulative = fields.Float(
        string="Cumulative District GPA",
        digits=(5, 4),
        compute="_compute_gpa",
        store=True,
    )
    gpa_state_cumulative = fields.Float(
        string="Cumulative State GPA (4.0)",
        digits=(5, 4),
        compute="_compute_gpa",
        store=True,
    )

    @api.depends(
        "course_history_ids.credit_earned",
        "course_history_ids.credit_attempted",
        "course_history_ids.state_points",
        "course_history_ids.in_state_gpa",
        "course_history_ids.district_points",
        "course_history_ids.in_district_gpa",
        "course_history_ids.in_progress",
    )
    def _compute_gpa(self):
        for student in self:
            lines = student.course_history_ids
            done = lines.filtered(lambda line: not line.in_progress)
            student.credits_attempted_total = sum(done.mapped("credit_attempted"))
            student.credits_earned_total = sum(lines.mapped("credit_earned"))
            student.gpa_state_cumulative = gpa(lines, "state_points", "in_state_gpa")
            student.gpa_district_cumulative = gpa(
                lines, "district_points", "in_district_gpa"
            )

    @api.constrains(
        "ese_plan_date",
        "ese_evaluation_date",
        "immunization_status_id",
        "immunization_expiration_date",
    )
    def _check_academic_dates(self):
        today = fields.Date.context_today(self)
        for student in self:
            for fname in ("ese_plan_date", "ese_evaluation_date"):
                if student[fname] and student[fname] > today:
                    raise ValidationError(
                        self.env._(
                            "Student %(student)s: %(field)s is in the future.",
                            student=student.display_name,
                            field=student._fields[fname].string,
                        )
                    )
            if (
                student.immunization_status_id.code == "2"
                and not student.immunization_expiration_date
            ):
                raise ValidationError(
                    self.env._(
                        "Student %(student)s: a temporary medical exemption "
                        "(immunization status 2) needs a certificate expiration "
                        "date.",
                        student=student.display_name,
                    )
                )
