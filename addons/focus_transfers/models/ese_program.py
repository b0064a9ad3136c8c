"""Exceptional student education programs (FASTER I06, up to ten)."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

DATE_FIELDS = (
    "placement_date",
    "eligibility_date",
    "referral_date",
    "dismissal_date",
    "evaluation_completion_date",
    "consent_date",
)


class FlEseProgram(models.Model):
    _name = "fl.ese.program"
    _description = "ESE Program"
    _order = "student_id, sequence, id"

    student_id = fields.Many2one(
        "fl.student", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    exceptionality_id = fields.Many2one("fl.exceptionality", required=True)
    placement_status_id = fields.Many2one("fl.ese.placement.status")
    placement_date = fields.Date()
    eligibility_date = fields.Date(string="Eligibility Determination Date")
    referral_date = fields.Date()
    dismissal_date = fields.Date()
    evaluation_completion_date = fields.Date()
    consent_date = fields.Date(string="Consent for Evaluation Date")

    @api.depends("exceptionality_id", "placement_status_id")
    def _compute_display_name(self):
        for program in self:
            program.display_name = program.exceptionality_id.display_name or ""

    @api.constrains("student_id", *DATE_FIELDS)
    def _check_program(self):
        today = fields.Date.context_today(self)
        for program in self:
            where = self.env._(
                "ESE program %(program)s of %(student)s",
                program=program.display_name,
                student=program.student_id.display_name,
            )
            if len(program.student_id.ese_program_ids) > 10:
                raise ValidationError(
                    self.env._("%(where)s: at most ten ESE programs.", where=where)
                )
            for fname in DATE_FIELDS:
                if program[fname] and program[fname] > today:
                    raise ValidationError(
                        self.env._(
                            "%(where)s: %(field)s is in the future.",
                            where=where,
                            field=program._fields[fname].string,
                        )
                    )
            if (
                program.consent_date
                and program.evaluation_completion_date
                and (program.evaluation_completion_date < program.consent_date)
            ):
                raise ValidationError(
                    self.env._(
                        "%(where)s: the evaluation was completed before consent.",
                        where=where,
                    )
                )
            if (
                program.placement_date
                and program.dismissal_date
                and (program.dismissal_date < program.placement_date)
            ):
                raise ValidationError(
                    self.env._(
                        "%(where)s: the dismissal date is before the placement.",
                        where=where,
                    )
                )
