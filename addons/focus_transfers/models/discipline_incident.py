"""Discipline incidents (FASTER I09): shown in transfers, never imported."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

INCIDENT_TYPES = [
    ("ALC", "ALC - Alcohol"),
    ("ARS", "ARS - Arson"),
    ("BAT", "BAT - Battery"),
    ("BRK", "BRK - Breaking and entering/burglary"),
    ("BUL", "BUL - Bullying"),
    ("DOC", "DOC - Disruption on campus"),
    ("DRD", "DRD - Drug sale/distribution"),
    ("DRU", "DRU - Drug use/possession"),
    ("FIT", "FIT - Fighting"),
    ("HAR", "HAR - Harassment"),
    ("HAZ", "HAZ - Hazing"),
    ("HOM", "HOM - Homicide"),
    ("KID", "KID - Kidnapping"),
    ("OMC", "OMC - Other major incident"),
    ("PHA", "PHA - Physical attack"),
    ("ROB", "ROB - Robbery"),
    ("STL", "STL - Larceny/theft"),
    ("SXA", "SXA - Sexual assault"),
    ("SXB", "SXB - Sexual battery"),
    ("SXH", "SXH - Sexual harassment"),
    ("SXO", "SXO - Sexual offenses (other)"),
    ("TBC", "TBC - Tobacco"),
    ("TRE", "TRE - Threat/intimidation"),
    ("TRS", "TRS - Trespassing"),
    ("UBL", "UBL - Unsubstantiated bullying"),
    ("UHR", "UHR - Unsubstantiated harassment"),
    ("VAN", "VAN - Vandalism"),
    ("WPO", "WPO - Weapons possession"),
    ("ZZZ", "ZZZ - Not applicable"),
]
ACTIONS = [
    ("C", "C - Corporal punishment"),
    ("D", "D - Placement in alternative education"),
    ("E", "E - Expulsion with services"),
    ("F", "F - Expulsion without services"),
    ("H", "H - Change of placement (ESE)"),
    ("I", "I - In-school suspension"),
    ("O", "O - Out-of-school suspension"),
    ("P", "P - Expulsion, continued educational services"),
    ("S", "S - Suspension"),
    ("L", "L - Law enforcement referral"),
    ("M", "M - Mediation"),
    ("R", "R - Restorative practice"),
    ("U", "U - Removal by court/hearing officer"),
]
# Edit 09#x: allowed duration (days) per action.
DURATION_LIMITS = {
    "S": (1, 90),
    "E": (1, 210),
    "F": (1, 210),
    "P": (1, 210),
    "I": (1, 10),
    "O": (1, 10),
    "U": (1, 45),
    "H": (1, 90),
    "C": (0, 0),
    "L": (0, 0),
    "M": (0, 0),
    "R": (0, 0),
}


class FlDisciplineIncident(models.Model):
    _name = "fl.discipline.incident"
    _description = "Discipline Incident"
    _order = "student_id, incident_date desc, id"

    student_id = fields.Many2one(
        "fl.student", required=True, ondelete="cascade", index=True
    )
    incident_type = fields.Selection(INCIDENT_TYPES, required=True)
    incident_date = fields.Date(required=True)
    action_code = fields.Selection(ACTIONS, string="Action", required=True)
    action_district_id = fields.Many2one("fl.district")
    action_school_id = fields.Many2one("fl.school")
    action_date = fields.Date()
    duration = fields.Integer(string="Duration (days)")

    @api.depends("incident_type", "incident_date")
    def _compute_display_name(self):
        for incident in self:
            incident.display_name = f"{incident.incident_type} {incident.incident_date}"

    @api.constrains("incident_date", "action_date", "action_code", "duration")
    def _check_incident(self):
        today = fields.Date.context_today(self)
        for incident in self:
            where = self.env._(
                "Discipline incident %(incident)s of %(student)s",
                incident=incident.display_name,
                student=incident.student_id.display_name,
            )
            errors = []
            if incident.incident_date > today:
                errors.append(self.env._("the incident date is in the future"))
            if incident.action_date and incident.action_date < incident.incident_date:
                errors.append(self.env._("the action is dated before the incident"))
            low, high = DURATION_LIMITS.get(incident.action_code, (0, 999))
            if not low <= incident.duration <= high:
                errors.append(
                    self.env._(
                        "action %(action)s lasts %(low)s-%(high)s days",
                        action=incident.action_code,
                        low=low,
                        high=high,
                    )
                )
            if errors:
                raise ValidationError(
                    self.env._(
                        "%(where)s: %(errors)s.", where=where, errors="; ".join(errors)
                    )
                )
