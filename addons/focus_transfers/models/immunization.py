"""Immunization doses (FASTER I02: up to 40 vaccine slots)."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FlImmunization(models.Model):
    _name = "fl.immunization"
    _description = "Immunization"
    _order = "student_id, vaccine_id, dose_number, id"

    student_id = fields.Many2one(
        "fl.student", required=True, ondelete="cascade", index=True
    )
    vaccine_id = fields.Many2one("fl.vaccine", required=True)
    dose_number = fields.Integer(default=1, help="1-9; 0 for codes L, 8 and 9.")
    date_kind = fields.Selection(
        [
            ("date", "Dose date"),
            ("year", "Year only (disease history)"),
            ("on_file", "Certificate on file, no date"),
            ("exempt", "Exempt"),
        ],
        default="date",
        required=True,
    )
    dose_date = fields.Date()
    history_year = fields.Integer(string="Year", help="Only for a disease history (L).")

    @api.depends("vaccine_id", "dose_number", "dose_date", "date_kind")
    def _compute_display_name(self):
        for dose in self:
            dose.display_name = (
                f"{dose.vaccine_id.code or ''}{dose.dose_number} "
                f"{dose.dose_date or dose.history_year or dose.date_kind}"
            )

    @api.constrains("dose_number", "date_kind", "dose_date", "history_year")
    def _check_dose(self):
        today = fields.Date.context_today(self)
        for dose in self:
            where = self.env._(
                "Immunization %(vaccine)s of %(student)s",
                vaccine=dose.vaccine_id.display_name,
                student=dose.student_id.display_name,
            )
            errors = []
            if not 0 <= dose.dose_number <= 9:
                errors.append(self.env._("the dose number is 0-9"))
            if dose.date_kind == "date":
                if not dose.dose_date:
                    errors.append(self.env._("a dose needs its date"))
                elif dose.dose_date > today:
                    errors.append(self.env._("the dose date is in the future"))
            if dose.date_kind == "year" and not 1900 <= dose.history_year <= today.year:
                errors.append(self.env._("the year of disease history is invalid"))
            if len(dose.student_id.immunization_ids) > 40:
                errors.append(self.env._("FASTER carries at most 40 vaccine slots"))
            if errors:
                raise ValidationError(
                    self.env._(
                        "%(where)s: %(errors)s.", where=where, errors="; ".join(errors)
                    )
                )
