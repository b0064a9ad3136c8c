"""Course history: one line per course per year (what FASTER I04 carries)."""

import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .grading_scale import state_points

ONLINE_INDICATORS = [
    ("Y", "Y - Online"),
    ("N", "N - Not online"),
    ("J", "J - Online, course 0200985 (J)"),
    ("O", "O - Online, course 0200985 (O)"),
    ("I", "I - Blended"),
]
# Item 8: MSID number, 0000, N997-N999, C901-C928, U970-U980, Pnnn, 9900.
SCHOOL_NUMBER_RE = re.compile(r"[0-9A-Z]\d{3}")


class FlCourseHistory(models.Model):
    _name = "fl.course.history"
    _description = "Course History"
    _order = "student_id, school_year_code desc, term_sort, course_number, id"
    _rec_names_search = ("course_number", "course_title")

    student_id = fields.Many2one(
        "fl.student", required=True, ondelete="cascade", index=True
    )
    school_year_id = fields.Many2one(
        "fl.school.year", required=True, ondelete="restrict", index=True
    )
    school_year_code = fields.Char(
        related="school_year_id.code", store=True, string="Year Code"
    )
    summary_id = fields.Many2one(
        "fl.school.year.summary",
        string="School Year Summary",
        ondelete="set null",
        index=True,
        readonly=True,
        help="Filled in automatically from the student and the school year.",
    )
    # Where credit was earned (items 7-9)
    district_id = fields.Many2one(
        "fl.district",
        string="District Where Earned",
        compute="_compute_from_school",
        store=True,
        readonly=False,
        precompute=True,
    )
    school_id = fields.Many2one("fl.school", string="School Where Earned")
    school_number = fields.Char(
        compute="_compute_from_school",
        store=True,
        readonly=False,
        precompute=True,
        help="4 characters: MSID number, 0000, N997-N999, C9nn, U9nn, Pnnn, 9900.",
    )
    school_name = fields.Char(
        compute="_compute_from_school",
        store=True,
        readonly=False,
        precompute=True,
        help="At most 25 characters, as on the transcript.",
    )
    out_of_state_code = fields.Char(
        string="State/Country Where Earned",
        help="2-letter state or country code when not earned in a Florida district.",
    )
    grade_level_id = fields.Many2one("fl.grade.level", required=True)
    term_code_id = fields.Many2one("fl.term.code", string="Term", required=True)
    term_sort = fields.Char(related="term_code_id.code", store=True)
    course_id = fields.Many2one("fl.course", string="Catalog Course")
    course_number = fields.Char(
        required=True,
        compute="_compute_from_course",
        store=True,
        readonly=False,
        precompute=True,
        help="7-digit state course number (FASTER) or 8-digit local.",
    )
    course_title = fields.Char(
        required=True,
        compute="_compute_from_course",
        store=True,
        readonly=False,
        precompute=True,
        help="Abbreviated, at most 20.",
    )
    subject_area_id = fields.Many2one(
        "fl.subject.area",
        compute="_compute_from_course",
        store=True,
        readonly=False,
        precompute=True,
    )
    course_flag_ids = fields.Many2many("fl.course.flag", help="Up to four.")
    course_flags = fields.Char(
        string="Flags",
        compute="_compute_course_flags",
        store=True,
        help="Flags as FASTER sends them.",
    )
    online_indicator = fields.Selection(ONLINE_INDICATORS)
    credit_attempted = fields.Float(digits=(3, 2))
    credit_earned = fields.Float(digits=(3, 2))
    final_grade = fields.Char(help="Final grade only, at most 3 characters.")
    in_progress = fields.Boolean(
        compute="_compute_course_flags",
        store=True,
        help="Course flag P: the course was not finished when the record was sent.",
    )
    # Course in progress (items 21-58)
    in_progress_hours = fields.Integer(string="Hours in Progress")
    absences = fields.Integer(string="Course Absences")
    weeks_in_grading_cycle = fields.Integer()
    grade_ids = fields.One2many(
        "fl.course.grade", "history_id", string="Marking-Period Grades"
    )
    progress_grades = fields.Char(
        string="Grades in Progress",
        compute="_compute_progress_grades",
        store=True,
        help="The marking-period grades by grading block, as a registrar reads them.",
    )
    # SPEEDE/ExPRESS (item 60) and substitutions (items 62-64)
    term_name = fields.Char(help="ExPRESS term name (35).")
    term_date_start = fields.Date(string="Term Start")
    term_date_end = fields.Date(string="Term End")
    credit_school_code_type = fields.Char(
        help="ExPRESS code type of the school where credit was earned (71-78, CB, CS)."
    )
    credit_school_code = fields.Char(help="ExPRESS school code (12).")
    substituted_course_number = fields.Char()
    substituted_subject_area_id = fields.Many2one("fl.subject.area")
    adult_program_code = fields.Char(string="Adult General Education Program")
    # GPA, stored for the transcript and the cumulative figures
    in_state_gpa = fields.Boolean(compute="_compute_gpa_points", store=True)
    state_points = fields.Float(
        digits=(3, 2), compute="_compute_gpa_points", store=True
    )
    in_district_gpa = fields.Boolean(
        string="In District GPA", compute="_compute_gpa_points", store=True
    )
    district_points = fields.Float(
        digits=(4, 2),
        compute="_compute_gpa_points",
        store=True,
    )

    @api.depends("course_number", "course_title")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.course_number} {line.course_title or ''}"

    @api.depends("course_flag_ids.code")
    def _compute_course_flags(self):
        for line in self:
            codes = line.course_flag_ids.mapped("code")
            line.course_flags = "".join(sorted(codes)) or False
            line.in_progress = "P" in codes

    @api.depends("grade_ids.grade", "grade_ids.block", "grade_ids.period")
    def _compute_progress_grades(self):
        order = {"1": 0, "2": 1, "3": 2, "exam": 3, "cumulative": 4}
        for line in self:
            blocks = {}
            for cell in line.grade_ids:
                if cell.grade:
                    blocks.setdefault(cell.block, []).append(cell)
            parts = []
            for block in sorted(blocks):
                cells = sorted(blocks[block], key=lambda c: order[c.period])
                shown = " ".join(
                    {"exam": "Ex:", "cumulative": "Cum:"}.get(c.period, "") + c.grade
                    for c in cells
                )
                parts.append(f"B{block}: {shown}")
            line.progress_grades = " | ".join(parts) or False

    @api.depends(
        "final_grade",
        "credit_attempted",
        "course_flag_ids.code",
        "course_id.grading_scale_id.line_ids.gpa_points",
        "course_id.grading_scale_id.honors_bonus",
    )
    def _compute_gpa_points(self):
        """Points per credit of the line; see ``fl.student`` for the GPA rule."""
        default_scale = self.env.ref(
            "focus_transfers.fl_grading_scale_standard", raise_if_not_found=False
        )
        for line in self:
            flags = set(line.course_flag_ids.mapped("code"))
            base = (
                line.credit_attempted > 0 and not line.in_progress and line.final_grade
            )
            points = state_points(line.final_grade) if base else None
            line.in_state_gpa = points is not None and not flags & {"W", "X"}
            line.state_points = points if line.in_state_gpa else 0.0
            scale = line.course_id.grading_scale_id or default_scale
            scale_line = scale._line_for(line.final_grade) if scale and base else None
            in_district = bool(scale_line and scale_line.in_gpa) and (
                "X" not in flags or "I" in flags
            )
            line.in_district_gpa = in_district
            bonus = scale.honors_bonus if flags & {"H", "G"} else 0.0
            line.district_points = scale_line.gpa_points + bonus if in_district else 0.0

    @api.depends("course_id")
    def _compute_from_course(self):
        """Catalog course: the transcript carries its state number and title."""
        for line in self:
            course = line.course_id
            if course:
                line.course_number = course.state_course_number
                line.course_title = course.short_title
                line.subject_area_id = course.subject_area_id
            else:
                line.course_number = line.course_number
                line.course_title = line.course_title
                line.subject_area_id = line.subject_area_id

    @api.depends("school_id")
    def _compute_from_school(self):
        """Florida school: district, number and name where credit was earned."""
        for line in self:
            school = line.school_id
            if school:
                line.district_id = school.district_id
                line.school_number = school.number
                line.school_name = (school.name or "")[:25]
            else:
                line.district_id = line.district_id
                line.school_number = line.school_number
                line.school_name = line.school_name

    @api.onchange("course_id")
    def _onchange_course_id_credit(self):
        for line in self.filtered("course_id"):
            line.credit_attempted = line.course_id.credit

    @api.constrains(
        "course_number",
        "course_title",
        "school_number",
        "school_name",
        "final_grade",
        "credit_attempted",
        "credit_earned",
        "course_flag_ids",
        "in_progress_hours",
        "absences",
        "weeks_in_grading_cycle",
    )
    def _check_transcript_rules(self):
        for line in self:
            where = self.env._(
                "Course %(course)s (%(year)s) of %(student)s",
                course=line.course_number,
                year=line.school_year_id.display_name,
                student=line.student_id.display_name,
            )
            errors = []
            if not re.fullmatch(r"[0-9A-Z]{7}\d?", line.course_number or ""):
                errors.append(self.env._("the course number must be 7 or 8 digits"))
            if len(line.course_title or "") > 20:
                errors.append(self.env._("the abbreviated title exceeds 20 characters"))
            if line.school_number and not SCHOOL_NUMBER_RE.fullmatch(
                line.school_number
            ):
                errors.append(
                    self.env._("the school number must be 4 characters (e.g. 0041)")
                )
            if len(line.school_name or "") > 25:
                errors.append(self.env._("the school name exceeds 25 characters"))
            if len(line.final_grade or "") > 3:
                errors.append(self.env._("the final grade exceeds 3 characters"))
            for label, value in (
                (self.env._("credit attempted"), line.credit_attempted),
                (self.env._("credit earned"), line.credit_earned),
            ):
                if not 0 <= value <= 9.99:
                    errors.append(self.env._("%(what)s must be 0-9.99", what=label))
            if len(line.course_flag_ids) > 4:
                errors.append(self.env._("at most four course flags"))
            if line.in_progress and line.final_grade:
                errors.append(
                    self.env._("a course in progress (flag P) has no final grade")
                )
            if not line.in_progress and line.in_progress_hours:
                errors.append(self.env._("hours in progress require course flag P"))
            for label, value, top in (
                (self.env._("hours in progress"), line.in_progress_hours, 999),
                (self.env._("absences"), line.absences, 999),
                (self.env._("weeks in grading cycle"), line.weeks_in_grading_cycle, 99),
            ):
                if not 0 <= value <= top:
                    errors.append(
                        self.env._("%(what)s must be 0-%(top)s", what=label, top=top)
                    )
            if errors:
                raise ValidationError(
                    self.env._(
                        "%(where)s: %(errors)s.", where=where, errors="; ".join(errors)
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._link_summary()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if {"student_id", "school_year_id"} & set(vals):
            self._link_summary()
        return res

    def _link_summary(self):
        """Attach each line to its student's school-year summary (I03), creating
        the summary when the year has none: I04s always follow an I03."""
        Summary = self.env["fl.school.year.summary"]
        for (student, year), lines in self.grouped(
            lambda line: (line.student_id, line.school_year_id)
        ).items():
            summary = Summary.search(
                [("student_id", "=", student.id), ("school_year_id", "=", year.id)],
                order="id",
                limit=1,
            ) or Summary.create({"student_id": student.id, "school_year_id": year.id})
            lines.filtered(
                lambda line, s=summary: line.summary_id != s
            ).summary_id = summary
