from odoo import api, fields, models
from odoo.exceptions import UserError


class FlAddStudentWizard(models.TransientModel):
    """Add a Student: search first (first name, last name, birthdate) so a
    returning student is enrolled, not duplicated; then create or enroll."""

    _name = "fl.add.student.wizard"
    _description = "Add a Student"

    first_name = fields.Char(required=True)
    last_name = fields.Char(required=True)
    birthdate = fields.Date(required=True)
    match_ids = fields.Many2many(
        "fl.student", compute="_compute_match_ids", string="Matching Students"
    )
    student_id = fields.Many2one(
        "fl.student", string="Enroll", domain="[('id', 'in', match_ids)]"
    )
    school_id = fields.Many2one(
        "fl.school", required=True, domain="[('is_local', '=', True)]"
    )
    school_year_id = fields.Many2one("fl.school.year", required=True)
    grade_level_id = fields.Many2one("fl.grade.level", required=True)
    enrollment_date = fields.Date(required=True, default=fields.Date.context_today)
    entry_code_id = fields.Many2one("fl.entry.code", string="Enrollment Code")
    prior_district_id = fields.Many2one("fl.district")

    @api.depends("first_name", "last_name", "birthdate")
    def _compute_match_ids(self):
        Student = self.env["fl.student"]
        for wizard in self:
            if wizard.first_name and wizard.last_name and wizard.birthdate:
                wizard.match_ids = Student._find_returning(
                    wizard.first_name, wizard.last_name, wizard.birthdate
                )
            else:
                wizard.match_ids = Student

    @api.onchange("enrollment_date")
    def _onchange_enrollment_date(self):
        if self.enrollment_date and not self.school_year_id:
            self.school_year_id = self.env["fl.school.year"]._for_date(
                self.enrollment_date
            )

    def action_enroll(self):
        """Enroll the chosen match, or a new student when none is chosen."""
        self.ensure_one()
        student = self.student_id
        if not student:
            if self.match_ids:
                raise UserError(
                    self.env._(
                        "%(count)s student(s) already match %(first)s %(last)s born "
                        "%(birthdate)s: choose one to enroll, or check the details.",
                        count=len(self.match_ids),
                        first=self.first_name,
                        last=self.last_name,
                        birthdate=self.birthdate,
                    )
                )
            student = self.env["fl.student"].create(
                {
                    "first_name": self.first_name.strip(),
                    "last_name": self.last_name.strip(),
                    "birthdate": self.birthdate,
                }
            )
        enrollment = self.env["fl.enrollment"].create(
            {
                "student_id": student.id,
                "school_id": self.school_id.id,
                "school_year_id": self.school_year_id.id,
                "grade_level_id": self.grade_level_id.id,
                "enrollment_date": self.enrollment_date,
                "entry_code_id": self.entry_code_id.id,
                "prior_district_id": self.prior_district_id.id,
            }
        )
        if enrollment.prior_district_id:
            return self.env["fl.enrollment.completed.wizard"]._open_for(enrollment)
        return {
            "type": "ir.actions.act_window",
            "res_model": "fl.student",
            "res_id": student.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_create_new(self):
        """Create a new student even though others match (e.g. twins)."""
        self.ensure_one()
        self.student_id = False
        return self.with_context(fl_force_new=True)._action_enroll_new()

    def _action_enroll_new(self):
        student = self.env["fl.student"].create(
            {
                "first_name": self.first_name.strip(),
                "last_name": self.last_name.strip(),
                "birthdate": self.birthdate,
            }
        )
        self.student_id = student
        return self.action_enroll()
