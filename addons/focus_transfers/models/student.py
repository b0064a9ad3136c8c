import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import escape_psql

YES_NO_Z = [("Y", "Yes"), ("N", "No"), ("Z", "Not applicable")]
# FASTER item 2: SSN + "X", or the district of first entry (01-76, 78-79) and
# eight digits (the FASTER I/S03 layout, item 2).
SSN_FORM = re.compile(r"\d{9}X\Z")
DISTRICT_FORM = re.compile(r"(\d{2})\d{8}\Z")


class FlStudent(models.Model):
    """A student is a person: the partner carries address, phone and email."""

    _name = "fl.student"
    _description = "Student"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "last_name, first_name, id"
    _rec_names_search = ["name", "florida_student_id", "local_student_id", "fleid"]

    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="restrict", index=True
    )
    # Legal name in FASTER's parts (I/S01 item 9)
    last_name = fields.Char(required=True, tracking=True)
    name_appendage = fields.Char(string="Appendage", help="Jr., Sr., III …")
    first_name = fields.Char(required=True, tracking=True)
    middle_name = fields.Char(tracking=True)
    preferred_first_name = fields.Char()
    former_last_names = fields.Char(help="Former last names, comma separated")
    aka_names = fields.Text(string="AKA Names", help="One per line (I/S01 item 22)")
    # Identifiers
    florida_student_id = fields.Char(
        string="Florida Student Number",
        tracking=True,
        index=True,
        help="10 characters: SSN + 'X', or the district of first entry + 8 digits.",
    )
    fleid = fields.Char(string="FLEID", index=True, help="'FL' + 12 digits")
    local_student_id = fields.Char(string="Local Student ID", index=True)
    alias_number = fields.Char(string="Florida Alias Number")
    msix_id = fields.Char(string="MSIX ID")
    # Birth
    birthdate = fields.Date(tracking=True)
    birth_city = fields.Char()
    birth_location = fields.Char(string="Birth Place")
    country_of_birth = fields.Char()
    birth_verification_id = fields.Many2one("fl.birth.verification")
    multiple_birth = fields.Selection(YES_NO_Z)
    sex_id = fields.Many2one("fl.sex", tracking=True)
    # Ethnicity and race (I/S01 items 10, 10a-e, 12)
    hispanic = fields.Boolean(string="Ethnicity: Hispanic or Latino")
    race_indian = fields.Boolean(string="Race: American Indian or Alaska Native")
    race_asian = fields.Boolean(string="Race: Asian")
    race_black = fields.Boolean(string="Race: Black or African American")
    race_pacific = fields.Boolean(
        string="Race: Native Hawaiian or Other Pacific Islander"
    )
    race_white = fields.Boolean(string="Race: White")
    racial_category_id = fields.Many2one(
        "fl.racial.ethnic.category",
        string="Racial/Ethnic Category",
        compute="_compute_racial_category",
        store=True,
    )
    # Languages and ELL
    native_language = fields.Char()
    primary_language = fields.Char(string="Language Most Frequently Spoken")
    home_language = fields.Char(string="Parent/Guardian Home Language")
    home_language_survey_date = fields.Date()
    ell_status = fields.Char(string="English Language Learner")
    ell_basis_of_entry = fields.Char()
    ell_entry_date = fields.Date(string="ELL Entry Date")
    ell_classification_date = fields.Date()
    ell_student_plan_date = fields.Date()
    ell_reevaluation_date = fields.Date(string="Re-evaluation Date")
    ell_extension = fields.Boolean(string="Extension of Instruction")
    ell_exit_date = fields.Date(string="ELL Exit Date")
    ell_reclassification_date = fields.Date()
    ell_reclassification_exit_date = fields.Date()
    ell_first_exit_basis = fields.Char(string="First Basis of Exit")
    # Migrant
    migrant_status_term_id = fields.Many2one("fl.migrant.status.term")
    migrant_birth_state = fields.Char(string="State Where Migrant Was Born")
    migrant_residency_date = fields.Date()
    migrant_residency_verification_date = fields.Date()
    mep_enrollment_date = fields.Date(string="MEP Enrollment Date")
    # Diploma and graduation
    year_entered_ninth_grade = fields.Char(help="CCYYCCYY")
    graduation_option_id = fields.Many2one("fl.graduation.option")
    diploma_type_id = fields.Many2one("fl.diploma.type")
    diploma_date = fields.Date()
    diploma_designation_id = fields.Many2one("fl.diploma.designation")
    certificate_type_id = fields.Many2one(
        "fl.certificate.type", string="Certificate of Completion"
    )
    certificate_date = fields.Date(string="Certificate of Completion Date")
    differentiated_diploma = fields.Boolean()
    college_ready_diploma = fields.Selection(YES_NO_Z)
    ib_diploma = fields.Selection(YES_NO_Z, string="IB Diploma")
    aice_program = fields.Selection(YES_NO_Z, string="AICE Program Participant")
    aice_diploma = fields.Selection(YES_NO_Z, string="AICE Diploma")
    biliteracy_seal = fields.Char(string="Diploma Biliteracy Seal Designation")
    fine_arts_seal = fields.Boolean(string="Florida Seal of Fine Arts")
    graduation_requirement_basis = fields.Char()
    service_requirement_met = fields.Selection(
        YES_NO_Z, string="Community/Volunteer Service Requirement Met"
    )
    service_hours = fields.Integer(string="Community Service Hours")
    paid_work_hours = fields.Integer()
    national_merit = fields.Boolean(string="National Merit Scholar")
    national_achievement = fields.Boolean(string="National Achievement Scholar")
    national_hispanic = fields.Boolean(string="National Hispanic Scholar")
    early_admission = fields.Boolean(string="Early Admission to College")
    additional_school_year = fields.Char()
    residence_status = fields.Char(string="Resident Status")
    online_course_exempt = fields.Char()
    pe_waiver = fields.Selection(YES_NO_Z, string="PE Waiver")
    even_start = fields.Selection(YES_NO_Z, string="Even Start Participant")
    first_start = fields.Selection(YES_NO_Z, string="Florida First Start Participant")
    pre_k_participation = fields.Char(string="Pre-Kindergarten Participation")
    homeless_unaccompanied = fields.Boolean(string="Homeless Unaccompanied Youth")
    # Assessments passed (I/S01 items 39a-g)
    ela_met = fields.Selection(YES_NO_Z, string="English/Language Arts Met")
    algebra_1_passed = fields.Boolean(string="Algebra I Assessment Passed")
    algebra_2_pass_date = fields.Date(string="Algebra II EOC Pass Date")
    geometry_passed = fields.Boolean(string="Geometry Assessment Passed")
    biology_passed = fields.Boolean(string="Biology Assessment Passed")
    us_history_passed = fields.Boolean(string="U.S. History Assessment Passed")
    civic_literacy_passed = fields.Boolean(string="Civic Literacy Competency")
    # Health
    medical_alert = fields.Boolean(string="911 Medical Alert")
    medical_alert_info = fields.Char(string="911 Medical Alert Information")
    hearing_screening = fields.Char()
    vision_screening = fields.Char()
    section_504 = fields.Boolean(string="504 Eligible")
    # Other seed-000 importable demographics (see student_demographics.py)
    tide_access_code = fields.Char(
        string="TIDE Access Code", help="Access code of the state testing system."
    )
    ese_referral_date = fields.Date(
        string="ESE Refer Date", help="Date the student was referred for evaluation."
    )
    fcat_math_passed = fields.Boolean(string="FCAT Math Passed")
    reading_pass_date = fields.Date(string="Reading Requirement Pass Date")
    algebra_1_eoc_date = fields.Date(string="Algebra I EOC Date")
    algebra_2_eoc_date = fields.Date(string="Algebra II EOC Date")
    biology_eoc_date = fields.Date(string="Biology I EOC Date")
    civics_eoc_date = fields.Date(string="Civics EOC Date")
    geometry_eoc_date = fields.Date(string="Geometry EOC Date")
    us_history_eoc_date = fields.Date(string="U.S. History EOC Date")
    ell_post_reclass_report_card_date = fields.Date(
        string="Post Reclassification: First Report Card"
    )
    ell_post_reclass_first_review_date = fields.Date(
        string="Post Reclassification: First Semiannual Review"
    )
    ell_post_reclass_second_review_date = fields.Date(
        string="Post Reclassification: Second Semiannual Review"
    )
    ell_post_reclass_second_year_date = fields.Date(
        string="Post Reclassification: End of the Second Year"
    )
    career_academy = fields.Boolean(string="Career and Professional Academy")
    # Enrollment
    guardian_ids = fields.One2many("fl.student.guardian", "student_id")
    enrollment_ids = fields.One2many("fl.enrollment", "student_id")
    current_enrollment_id = fields.Many2one(
        "fl.enrollment", compute="_compute_current_enrollment", store=True
    )
    school_id = fields.Many2one(
        related="current_enrollment_id.school_id", string="School", store=True
    )
    grade_level_id = fields.Many2one(
        related="current_enrollment_id.grade_level_id", string="Grade", store=True
    )
    enrollment_state = fields.Selection(
        related="current_enrollment_id.state", string="Status", store=True
    )

    _sql_constraints = [
        (
            "florida_student_id_unique",
            "unique(florida_student_id)",
            "Another student has this Florida Student Number.",
        ),
    ]

    @api.model
    def _legal_name(self, vals):
        parts = [vals.get("first_name"), vals.get("middle_name"), vals.get("last_name")]
        name = " ".join(p for p in parts if p)
        if vals.get("name_appendage"):
            name += f" {vals['name_appendage']}"
        return name

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") and not vals.get("partner_id"):
                vals["name"] = self._legal_name(vals)
        return super().create(vals_list)

    def write(self, vals):
        result = super().write(vals)
        if {"first_name", "middle_name", "last_name", "name_appendage"} & set(vals):
            for student in self:
                student.partner_id.name = self._legal_name(
                    {
                        "first_name": student.first_name,
                        "middle_name": student.middle_name,
                        "last_name": student.last_name,
                        "name_appendage": student.name_appendage,
                    }
                )
        return result

    @api.depends("hispanic", "race_indian", "race_asian", "race_black",
                 "race_pacific", "race_white")  # fmt: skip
    def _compute_racial_category(self):
        """The pre-2009 single category FASTER still carries (I/S01 item 12):
        H if Hispanic, M for several races, else the one race."""
        category = self.env["fl.racial.ethnic.category"].with_context(active_test=False)
        for student in self:
            races = [
                code
                for flag, code in (
                    (student.race_white, "W"),
                    (student.race_black, "B"),
                    (student.race_asian, "A"),
                    (student.race_indian, "I"),
                    (student.race_pacific, "A"),
                )
                if flag
            ]
            if student.hispanic:
                code = "H"
            elif len(set(races)) > 1:
                code = "M"
            else:
                code = races[0] if races else False
            student.racial_category_id = (
                category.search([("code", "=", code)], limit=1) if code else False
            )

    @api.depends("enrollment_ids.state", "enrollment_ids.enrollment_date")
    def _compute_current_enrollment(self):
        for student in self:
            enrollments = student.enrollment_ids.sorted(
                lambda e: (e.state == "active", e.enrollment_date), reverse=True
            )
            student.current_enrollment_id = enrollments[:1]

    @api.constrains("florida_student_id")
    def _check_florida_student_id(self):
        for student in self:
            number = student.florida_student_id
            if not number:
                continue
            if SSN_FORM.match(number):
                continue
            match = DISTRICT_FORM.match(number)
            if match and self._valid_first_district(match.group(1)):
                continue
            raise ValidationError(
                self.env._(
                    "Florida Student Number %(number)s of %(name)s is not valid: it is "
                    "10 characters, either 9 SSN digits and 'X', or the district of "
                    "first entry (01-76, 78-79) and 8 digits.",
                    number=number,
                    name=student.display_name,
                )
            )

    @api.model
    def _valid_first_district(self, code):
        number = int(code)
        return 1 <= number <= 76 or number in (78, 79)

    @api.constrains("fleid")
    def _check_fleid(self):
        for student in self:
            if student.fleid and not re.fullmatch(r"FL\d{12}", student.fleid):
                raise ValidationError(
                    self.env._(
                        "FLEID %s is not valid: 'FL' and 12 digits.", student.fleid
                    )
                )

    @api.model
    def _find_returning(self, first_name, last_name, birthdate):
        """Students who match a newcomer: same birthdate, names ignoring case
        and taken literally (``%``, ``_`` or ``\\`` in a name match only
        themselves)."""
        return self.search(
            [
                ("first_name", "=ilike", escape_psql((first_name or "").strip())),
                ("last_name", "=ilike", escape_psql((last_name or "").strip())),
                ("birthdate", "=", birthdate),
            ]
        )
