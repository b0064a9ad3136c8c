"""Build a student's FASTER transcript from the academic records.

Item by item, the records follow focus_transfers' ``faster_field_map``
(``FIELD_MAP``: which Odoo field fills which FASTER item) and the codec's
layouts (``faster.LAYOUTS``); encoding and validation are the codec's. The
builder reads a whole batch of students at once — a fixed number of queries
whatever the length of their histories — and then works in memory.

Order (reference §0): I00 response header, I01, I02, then per school year
ascending its I03 and that year's I04s, then I05, I06, I07, I08 when the
student's data has them (and the settings send them).
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from odoo import tools
from odoo.exceptions import UserError

from ..faster import RECORD_LENGTH, FasterError, decode, encode
from ..faster.layouts import i02, i04, i08

PARAM = "faster_export."
OPTIONAL_TYPES = ("I02", "I05", "I06", "I07", "I08")
RECORD_TYPES_PARAM = PARAM + "record_types"
FILE_NAME_KEYS = (
    "sending_district",
    "sending_school",
    "addressed_district",
    "student_number",
    "request_id",
    "timestamp",
    "message_type",
)
DEFAULT_FILE_NAME = (
    "FASTER_{sending_district}{sending_school}_{addressed_district}_"
    "{student_number}_{request_id}_{timestamp}.txt"
)
I07_LINES = 12
I07_MAX = 5
I07_OVERFLOW = "Exceeded Maximum Comments Allowed"
I08_TESTS = i08.TESTS
I08_GROUPS = i08.GROUPS
I08_MAX_RECORDS = 9
I08_YEARS = 3  # the current school year and the two before it (appendix I8)
I06_PROGRAMS = 10
I02_SLOTS = i02.SLOTS
GRADE_KEYS = {"1": "p1", "2": "p2", "3": "p3", "exam": "exam", "cumulative": "cum"}
BLOCKS = len(i04.BLOCK_STARTS)
_FORBIDDEN_NAME = re.compile(r"[^A-Za-z0-9._-]+")


# Header items an S02 reply echoes from the request it answers.
ECHOED_ITEMS = (
    "student_number", "institutional_student_number", "last_name", "appendage",
    "first_name", "middle_name", "former_last_name_1", "former_last_name_2",
    "alias", "hispanic", "race_indian", "race_asian", "race_black",
    "race_pacific", "race_white", "sex", "racial_category", "birth_date", "fleid",
)  # fmt: skip


def request_values(row):
    """The decoded request header a reply answers (bytes 1-1011 are kept)."""
    header = (row.request_header or "").ljust(RECORD_LENGTH)[:RECORD_LENGTH]
    return decode(header.encode("latin-1", "replace"))


def ascii_text(value, length=None):
    """Free text as FASTER carries it: ASCII (accents folded), one line,
    cut to ``length``. Codes are never cut: a wrong code must fail loudly."""
    if not value:
        return None
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.split())
    return text[:length] if length else text


def digits(value, length=None):
    found = re.sub(r"\D", "", value or "")
    if length and len(found) > length:
        found = found[-length:]
    return found or None


def code(record):
    return record.code if record else None


def yes_no(flag):
    return "Y" if flag else "N"


def yes_or_blank(flag):
    return "Y" if flag else None


def decimal(value, places):
    if value is None or value is False:
        return None
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


@dataclass
class Settings:
    """The district's FASTER configuration (Settings > Students > FASTER)."""

    district: str
    school: str
    test_indicator: str
    outbound_dir: str
    file_name_pattern: str
    record_types: set = field(default_factory=set)
    env: object = field(default=None, repr=False)

    @classmethod
    def from_env(cls, env):
        params = env["ir.config_parameter"].sudo()
        district_id = params.get_param(PARAM + "sending_district_id")
        district = (
            env["fl.district"].browse(int(district_id)).exists()
            if district_id
            else env["fl.district"]
        ) or env.company.fl_district_id
        if not district:
            raise UserError(
                env._(
                    "FASTER: no sending district. Set This District or the FASTER "
                    "sending district in Settings > Students."
                )
            )
        outbound = params.get_param(PARAM + "outbound_dir") or str(
            Path(tools.config.filestore(env.cr.dbname)) / "faster_outbound"
        )
        types = record_types(env)
        return cls(
            district=district.code,
            school=(params.get_param(PARAM + "sending_school_number") or "").strip(),
            test_indicator=params.get_param(PARAM + "test_indicator", "P") or "P",
            outbound_dir=outbound,
            file_name_pattern=params.get_param(PARAM + "file_name_pattern")
            or DEFAULT_FILE_NAME,
            record_types=types,
            env=env,
        )

    def file_name(self, row, student_number, school, when=None):
        when = when or datetime.datetime.now()
        values = {
            "sending_district": self.district,
            "sending_school": school or "",
            "addressed_district": row.requested_district_number or "",
            "student_number": student_number
            or (f"id{row.student_id.id}" if row.student_id else "unidentified"),
            "request_id": row.id,
            "timestamp": when.strftime("%Y%m%d%H%M%S"),
            "message_type": row.message_type_id.code or "",
        }
        return render_file_name(self.env, self.file_name_pattern, values)


def record_types(env):
    """The optional record types the district sends (Settings)."""
    value = (
        env["ir.config_parameter"]
        .sudo()
        .get_param(RECORD_TYPES_PARAM, ",".join(OPTIONAL_TYPES))
    )
    chosen = {part.strip().upper() for part in value.split(",")}
    return {rtype for rtype in OPTIONAL_TYPES if rtype in chosen}


def render_file_name(env, pattern, values):
    """The pattern with its placeholders filled, made a safe file name."""
    try:
        name = pattern.format(**values)
    except (KeyError, IndexError, ValueError) as error:
        raise UserError(
            env._(
                "FASTER file name pattern %(pattern)r: unknown or malformed "
                "placeholder (%(error)s); use %(keys)s",
                pattern=pattern,
                error=error,
                keys=", ".join(FILE_NAME_KEYS),
            )
        ) from None
    name = _FORBIDDEN_NAME.sub("_", name).strip("._")
    if not name:
        raise UserError(
            env._("FASTER file name pattern %r gives an empty name", pattern)
        )
    return name


def check_file_name_pattern(env, pattern):
    """Raise UserError unless ``pattern`` renders with the known placeholders."""
    render_file_name(env, pattern, dict.fromkeys(FILE_NAME_KEYS, "x"))


class TranscriptBuilder:
    """The transcripts of a batch of faster.request rows."""

    def __init__(self, env, settings, rows):
        self.env = env
        self.settings = settings
        self.today = datetime.date.today()
        self.schools = {}  # row id -> the sending school of its transcript
        self._prefetch(rows.sudo().student_id)

    # -- reading, a batch at a time ---------------------------------------------

    def _prefetch(self, students):
        """Load everything the transcripts read, for the whole batch.

        Student-level records through the ORM's prefetching (one query a
        model); the long lists — school years, courses, grade cells, flags,
        tests, doses, ESE programs — with one SQL query each, codes joined
        in. The count of queries is the same for a 2-year and a 13-year
        history.
        """
        self.env.flush_all()
        students.mapped("name")
        enrollments = students.current_enrollment_id
        enrollments.mapped("drop_date")
        enrollments.school_year_id.mapped("date_start")
        enrollments.school_id.mapped("number")
        enrollments.school_id.partner_id.mapped("street")
        enrollments.withdrawal_code_id.mapped("code")
        enrollments.grade_level_id.mapped("code")
        students.guardian_ids.relationship_id.mapped("code")
        students.guardian_ids.partner_id.mapped("name")
        for fname in (
            "sex_id",
            "racial_category_id",
            "migrant_status_term_id",
            "diploma_designation_id",
            "graduation_option_id",
            "birth_verification_id",
            "diploma_type_id",
            "certificate_type_id",
            "immunization_status_id",
            "primary_exceptionality_id",
            "fefp_program_id",
        ):
            students[fname].mapped("code")
        students.partner_id.state_id.mapped("code")
        ids = list(students.ids)
        self.summaries = self._group(
            """
            SELECT s.student_id, s.school_year_code AS year_code, s.days_absent,
                   s.days_present, s.summer_days_absent, s.summer_days_present,
                   p.code AS promotion, s.comment, s.migrant_enrollment_date,
                   s.migrant_withdrawal_date, d.code AS migrant_district,
                   s.migrant_school_number
              FROM fl_school_year_summary s
              LEFT JOIN fl_grade_promotion_status p ON p.id = s.promotion_status_id
              LEFT JOIN fl_district d ON d.id = s.migrant_district_id
             WHERE s.student_id = ANY(%s)
             ORDER BY s.student_id, s.school_year_code, s.id
            """,
            ids,
        )
        self.lines = self._group(
            """
            SELECT h.id, h.student_id, h.school_year_code AS year_code,
                   d.code AS district, h.out_of_state_code, h.school_number,
                   h.school_name, g.code AS grade_level, t.code AS term,
                   h.course_number, h.course_title, a.code AS subject_area,
                   h.online_indicator, h.credit_attempted, h.credit_earned,
                   h.final_grade, h.in_progress_hours, h.absences,
                   h.weeks_in_grading_cycle, h.term_name, h.term_date_start,
                   h.term_date_end, h.credit_school_code_type,
                   h.credit_school_code, h.substituted_course_number,
                   a2.code AS substituted_subject_area, h.adult_program_code
              FROM fl_course_history h
              LEFT JOIN fl_district d ON d.id = h.district_id
              LEFT JOIN fl_grade_level g ON g.id = h.grade_level_id
              LEFT JOIN fl_term_code t ON t.id = h.term_code_id
              LEFT JOIN fl_subject_area a ON a.id = h.subject_area_id
              LEFT JOIN fl_subject_area a2 ON a2.id = h.substituted_subject_area_id
             WHERE h.student_id = ANY(%s)
             ORDER BY h.student_id, h.school_year_code, h.term_sort,
                      h.course_number, h.id
            """,
            ids,
        )
        flags_field = self.env["fl.course.history"]._fields["course_flag_ids"]
        self.flags = {}
        for history_id, flag in self._query(
            f"""
            SELECT r.{flags_field.column1}, f.code
              FROM {flags_field.relation} r
              JOIN fl_course_flag f ON f.id = r.{flags_field.column2}
              JOIN fl_course_history h ON h.id = r.{flags_field.column1}
             WHERE h.student_id = ANY(%s)
            """,
            ids,
            as_dict=False,
        ):
            self.flags.setdefault(history_id, []).append(flag)
        self.cells = {}
        for cell in self._query(
            """
            SELECT history_id, block, period, grade
              FROM fl_course_grade
             WHERE student_id = ANY(%s) AND grade IS NOT NULL
            """,
            ids,
        ):
            self.cells.setdefault(cell["history_id"], []).append(cell)
        self.tests = self._group(
            """
            SELECT t.student_id, t.test_name_id, n.code AS test_name, t.test_date,
                   t.grade_level_id, g.code AS grade_level, t.test_form,
                   t.test_level, t.subject_content, s1.code AS score_type,
                   t.score, s2.code AS score_type_2, t.score_2
              FROM fl_test_history t
              LEFT JOIN fl_test_name n ON n.id = t.test_name_id
              LEFT JOIN fl_grade_level g ON g.id = t.grade_level_id
              LEFT JOIN fl_test_score_type s1 ON s1.id = t.score_type_id
              LEFT JOIN fl_test_score_type s2 ON s2.id = t.score_type_2_id
             WHERE t.student_id = ANY(%s)
             ORDER BY t.student_id, t.test_date DESC, t.id DESC
            """,
            ids,
        )
        self.doses = self._group(
            """
            SELECT i.student_id, v.code AS vaccine, i.dose_number, i.date_kind,
                   i.dose_date, i.history_year
              FROM fl_immunization i
              JOIN fl_vaccine v ON v.id = i.vaccine_id
             WHERE i.student_id = ANY(%s)
             ORDER BY i.student_id, v.code, i.dose_number, i.id
            """,
            ids,
        )
        self.programs = self._group(
            """
            SELECT p.student_id, p.placement_date, p.eligibility_date,
                   s.code AS placement_status, p.referral_date, p.dismissal_date,
                   e.code AS exceptionality, p.evaluation_completion_date,
                   p.consent_date
              FROM fl_ese_program p
              LEFT JOIN fl_exceptionality e ON e.id = p.exceptionality_id
              LEFT JOIN fl_ese_placement_status s ON s.id = p.placement_status_id
             WHERE p.student_id = ANY(%s)
             ORDER BY p.student_id, p.sequence, p.id
            """,
            ids,
        )

    def _query(self, sql, ids, as_dict=True):
        self.env.cr.execute(sql, [ids])
        return self.env.cr.dictfetchall() if as_dict else self.env.cr.fetchall()

    def _group(self, sql, ids):
        """Rows of ``sql`` by student id, in the query's order."""
        grouped = {}
        for row in self._query(sql, ids):
            grouped.setdefault(row["student_id"], []).append(row)
        return grouped

    def student_number(self, row):
        row = row.sudo()
        if not row.student_id:  # an S02 reply: the number the request gave
            return request_values(row)["student_number"]
        return row.student_id.florida_student_id

    def _school(self, student):
        """(district, school) of the prefix, and the header's sending school."""
        school = student.current_enrollment_id.school_id
        if school and school.district_id.code == self.settings.district:
            return school.number
        if self.settings.school:
            return self.settings.school
        raise UserError(
            self.env._(
                "%(student)s: no sending school. The student's last school is not "
                "in district %(district)s: set the FASTER sending school number in "
                "Settings > Students.",
                student=student.display_name,
                district=self.settings.district,
            )
        )

    def records_for(self, row):
        """The encoded records of ``row``'s transcript (a list of bytes)."""
        row = row.sudo()
        student = row.student_id
        if not student:
            return [self._unidentified(row)]
        school = self.schools[row.id] = self._school(student)
        if row.request_type == "transcript_request":  # R01: a header alone
            return [self._encoded_header(row, student, school)]
        prefix = {
            "student_number": student.florida_student_id or None,
            "district": self.settings.district,
            "school": school,
        }
        wanted = self.settings.record_types
        plan = [("I00", self._header(row, student, school))]
        plan.append(("I01", {**prefix, **self._i01(student)}))
        if "I02" in wanted:
            plan.append(("I02", {**prefix, **self._i02(student)}))
        for year_code, summary, lines in self._years(student):
            plan.append(("I03", {**prefix, **self._i03(student, year_code, summary)}))
            plan.extend(("I04", {**prefix, **self._i04(line)}) for line in lines)
        if "I05" in wanted and (values := self._i05(student)):
            plan.append(("I05", {**prefix, **values}))
        if "I06" in wanted and (values := self._i06(student)):
            plan.append(("I06", {**prefix, **values}))
        if "I07" in wanted:
            plan.extend(("I07", {**prefix, **v}) for v in self._i07(student))
        if "I08" in wanted:
            plan.extend(("I08", {**prefix, **v}) for v in self._i08(student))
        records = []
        for number, (record_type, values) in enumerate(plan, 1):
            # blank items are spaces anyway: hand the codec only the values
            given = {k: v for k, v in values.items() if v is not None and v != ""}
            try:
                records.append(encode(record_type, given))
            except FasterError as error:
                raise FasterError(f"record {number} ({record_type}): {error}") from None
        return records

    def _unidentified(self, row):
        """The S02 reply to a request for a student this district cannot
        identify: a header alone, echoing who was asked for (Section A) and
        the request (Section B), as FASTER's S02 allows (reference §1.1)."""
        school = self.schools[row.id] = self.settings.school or "0000"
        asked = request_values(row)
        values = {key: asked[key] for key in ECHOED_ITEMS if asked[key] is not None}
        values.update(
            addressed_institution=(row.requested_district_number.rjust(7, "0"), "0000"),
            sending_institution=(self.settings.district.rjust(7, "0"), school),
            message_type=code(row.message_type_id),
            test_indicator=self.settings.test_indicator,
            section_b=row.request_header[3:256].rstrip() or None,
        )
        try:
            return encode("I00", {k: v for k, v in values.items() if v is not None})
        except FasterError as error:
            raise FasterError(f"record 1 (I00): {error}") from None

    def _encoded_header(self, row, student, school):
        values = self._header(row, student, school)
        try:
            return encode("I00", {k: v for k, v in values.items() if v is not None})
        except FasterError as error:
            raise FasterError(f"record 1 (I00): {error}") from None

    def _header(self, row, student, school):
        """I00 response header, Section A (and B for a reply)."""
        addressed = row.requested_district_number or ""
        values = {
            "student_number": student.florida_student_id or None,
            "addressed_institution": (addressed.rjust(7, "0"), "0000"),
            "sending_institution": (self.settings.district.rjust(7, "0"), school),
            "message_type": code(row.message_type_id),
            "test_indicator": self.settings.test_indicator,
            "institutional_student_number": ascii_text(student.local_student_id, 12),
            "last_name": ascii_text(student.last_name, 17),
            "appendage": ascii_text(student.name_appendage, 3),
            "first_name": ascii_text(student.first_name, 12),
            "middle_name": ascii_text(student.middle_name, 10),
            "hispanic": yes_no(student.hispanic),
            "race_indian": yes_no(student.race_indian),
            "race_asian": yes_no(student.race_asian),
            "race_black": yes_no(student.race_black),
            "race_pacific": yes_no(student.race_pacific),
            "race_white": yes_no(student.race_white),
            "sex": code(student.sex_id),
            "racial_category": code(student.racial_category_id),
            "birth_date": student.birthdate or None,
            "fleid": student.fleid or None,
        }
        if row.request_type == "reply" and row.request_header:
            values["section_b"] = row.request_header[3:256].rstrip() or None
        return values

    def _i01(self, student):
        enrollment = student.current_enrollment_id
        school = enrollment.school_id
        partner = student.partner_id
        school_partner = school.partner_id
        guardian = student.guardian_ids[:1]
        aka = [ascii_text(line, 42) for line in (student.aka_names or "").splitlines()]
        aka = [line for line in aka if line][:4]
        withdrawn = enrollment.drop_date and enrollment.withdrawal_code_id
        return {
            "alias_number": student.alias_number or None,
            "legal_name": (
                ascii_text(student.last_name, 17),
                ascii_text(student.name_appendage, 3),
                ascii_text(student.first_name, 12),
                ascii_text(student.middle_name, 10),
            ),
            "hispanic": yes_no(student.hispanic),
            "race_indian": yes_no(student.race_indian),
            "race_asian": yes_no(student.race_asian),
            "race_black": yes_no(student.race_black),
            "race_pacific": yes_no(student.race_pacific),
            "race_white": yes_no(student.race_white),
            "sex": code(student.sex_id),
            "racial_category": code(student.racial_category_id),
            "msix_id": student.msix_id or None,
            "migrant_status_term": code(student.migrant_status_term_id),
            "migrant_birth_state": student.migrant_birth_state or None,
            "grade_level": code(enrollment.grade_level_id),
            "diploma_designation": code(student.diploma_designation_id),
            "graduation_option": code(student.graduation_option_id),
            "mep_enrollment_date": student.mep_enrollment_date or None,
            "year_entered_ninth_grade": student.year_entered_ninth_grade or None,
            "mailing_address": (
                ascii_text(partner.street, 25),
                ascii_text(partner.street2, 10),
                ascii_text(partner.city, 18),
                code(partner.state_id),
                digits(partner.zip, 9),
            ),
            "aka_names": tuple(aka),
            "birth_verification": code(student.birth_verification_id),
            "birth_place": ascii_text(student.birth_location or student.birth_city, 18),
            "guardian_code": code(guardian.relationship_id),
            "guardian_name": ascii_text(guardian.partner_id.name, 25),
            "medical_alert": yes_no(student.medical_alert),
            "medical_alert_contact": ascii_text(student.medical_alert_info, 45),
            "hearing_screening": student.hearing_screening or None,
            "vision_screening": student.vision_screening or None,
            "school_name": ascii_text(school.name, 25),
            "school_address": (
                ascii_text(school_partner.street, 33),
                ascii_text(
                    " ".join(
                        p
                        for p in (
                            school_partner.city,
                            code(school_partner.state_id),
                            school_partner.zip,
                        )
                        if p
                    ),
                    32,
                ),
            ),
            "school_phone": digits(school.phone or school_partner.phone, 10),
            "withdrawal_code": code(enrollment.withdrawal_code_id)
            if withdrawn
            else None,
            "withdrawal_date": enrollment.drop_date if withdrawn else None,
            "civic_literacy_passed": yes_or_blank(student.civic_literacy_passed),
            "ela_met": student.ela_met or None,
            "algebra_1_met": yes_or_blank(student.algebra_1_passed),
            "algebra_2_passed": yes_or_blank(student.algebra_2_pass_date),
            "geometry_passed": yes_or_blank(student.geometry_passed),
            "biology_passed": yes_or_blank(student.biology_passed),
            "us_history_passed": yes_or_blank(student.us_history_passed),
            "gpa_district": decimal(student.gpa_district_cumulative, 4),
            "gpa_state": decimal(student.gpa_state_cumulative, 4),
            "diploma_date": student.diploma_date or None,
            "diploma_type": code(student.diploma_type_id),
            "certificate_date": student.certificate_date or None,
            "certificate_type": code(student.certificate_type_id),
            "native_language": student.native_language or None,
            "home_language_survey_date": student.home_language_survey_date or None,
            "country_of_birth": student.country_of_birth or None,
            "home_language": student.home_language or None,
            "graduation_requirement_basis": student.graduation_requirement_basis
            or None,
            "birth_date": student.birthdate or None,
            "multiple_birth": student.multiple_birth or None,
            "even_start": student.even_start or None,
            "first_start": student.first_start or None,
            "fine_arts_seal": yes_or_blank(student.fine_arts_seal),
            "ib_diploma": student.ib_diploma or None,
            "college_ready_diploma": student.college_ready_diploma or None,
            "aice_program": student.aice_program or None,
            "aice_diploma": student.aice_diploma or None,
            "service_requirement_met": student.service_requirement_met or None,
            "early_admission": yes_or_blank(student.early_admission),
            "paid_work_hours": student.paid_work_hours or None,
            "service_hours": student.service_hours or None,
            "pe_waiver": student.pe_waiver or None,
        }

    def _i02(self, student):
        values = {
            "immunization_status": code(student.immunization_status_id),
            "certificate_expiration": student.immunization_expiration_date or None,
        }
        doses = self.doses.get(student.id, [])
        for slot, dose in enumerate(doses[:I02_SLOTS], 1):
            kind = dose["date_kind"]
            if kind == "date":
                when = dose["dose_date"] and dose["dose_date"].strftime("%Y%m%d")
            elif kind == "year":
                when = f"{dose['history_year'] or 0:04d}0000"
            elif kind == "on_file":
                when = "99999999"
            else:
                when = "EXEMPT"
            values[f"vaccine_{slot}"] = (
                dose["vaccine"],
                str(dose["dose_number"] or 0),
                when,
            )
        return values

    # -- school years -------------------------------------------------------------

    def _years(self, student):
        """(year code, summary, its courses) per school year, ascending."""
        lines_by_year = {}
        for line in self.lines.get(student.id, []):
            lines_by_year.setdefault(line["year_code"], []).append(line)
        summaries = {}
        for summary in self.summaries.get(student.id, []):
            summaries.setdefault(summary["year_code"], summary)
        return [
            (year_code, summaries.get(year_code, {}), lines_by_year.get(year_code, []))
            for year_code in sorted(set(summaries) | set(lines_by_year))
        ]

    def _left_during(self, student, year_code):
        """True when the student left before the end of school year ``year_code``."""
        enrollment = student.current_enrollment_id
        year = enrollment.school_year_id
        return bool(
            enrollment.drop_date
            and year.code == year_code
            and enrollment.drop_date < year.date_end
        )

    def _i03(self, student, year_code, summary):
        promotion = summary.get("promotion")
        if not promotion and self._left_during(student, year_code):
            promotion = "N"  # seed 001 note 3: transferred before the year ended
        comment = [
            ascii_text(line, 80) or ""
            for line in (summary.get("comment") or "").splitlines()[:10]
        ]
        return {
            "school_year": year_code,
            "days_absent": summary.get("days_absent"),
            "days_present": summary.get("days_present"),
            "promotion_status": promotion,
            "comment": tuple(comment) if any(comment) else None,
            "summer_days_absent": summary.get("summer_days_absent") or None,
            "summer_days_present": summary.get("summer_days_present") or None,
            "migrant_enrollment_date": summary.get("migrant_enrollment_date"),
            "migrant_withdrawal_date": summary.get("migrant_withdrawal_date"),
            "migrant_district": summary.get("migrant_district"),
            "migrant_school": summary.get("migrant_school_number") or None,
        }

    def _i04(self, line):
        flags = sorted(self.flags.get(line["id"], ()))
        in_progress = "P" in flags
        attempted, earned = line["credit_attempted"], line["credit_earned"]
        credited = bool(attempted or earned)
        weeks = line["weeks_in_grading_cycle"]
        values = {
            "credit_district": line["district"] or line["out_of_state_code"],
            "credit_school": line["school_number"] or None,
            "credit_school_name": ascii_text(line["school_name"], 25),
            "school_year": line["year_code"],
            "grade_level": line["grade_level"],
            "term": line["term"],
            "course_number": (line["course_number"] or "")[:7] or None,
            "course_title": ascii_text(line["course_title"], 20),
            "subject_area": line["subject_area"],
            "course_flags": tuple(flags[:4]) if flags else None,
            "online_course": line["online_indicator"] or None,
            "credit_attempted": decimal(attempted or 0, 2) if credited else None,
            "credit_earned": decimal(earned or 0, 2)
            if credited and not in_progress
            else None,
            "final_grade": None if in_progress else (line["final_grade"] or None),
            "in_progress_hours": line["in_progress_hours"] or None,
            "absences": line["absences"] or None,
            "weeks_in_cycle": f"{weeks:02d}" if weeks else None,
            "substituted_course": line["substituted_course_number"] or None,
            "substituted_subject_area": line["substituted_subject_area"],
            "adult_program_code": line["adult_program_code"] or None,
        }
        if line["term_name"] or line["term_date_start"] or line["credit_school_code"]:
            start, end = line["term_date_start"], line["term_date_end"]
            values["express_fields"] = (
                ascii_text(line["term_name"], 35),
                start and start.strftime("%Y%m%d"),
                end and end.strftime("%Y%m%d"),
                line["credit_school_code_type"] or None,
                line["credit_school_code"] or None,
            )
        if in_progress:
            # Seed 002: the grades so far, each in the grading block (term) and
            # period it was given in; every other cell blank.
            for cell in self.cells.get(line["id"], ()):
                if 1 <= cell["block"] <= BLOCKS and cell["period"] in GRADE_KEYS:
                    key = f"block{cell['block']}_{GRADE_KEYS[cell['period']]}"
                    values[key] = cell["grade"]
        return values

    # -- after the school years -----------------------------------------------------

    def _i05(self, student):
        values = {
            "ell_status": student.ell_status or None,
            "ell_basis_of_entry": student.ell_basis_of_entry or None,
            "ell_entry_date": student.ell_entry_date or None,
            "ell_classification_date": student.ell_classification_date or None,
            "ell_plan_date": student.ell_student_plan_date or None,
            "ell_reevaluation_date": student.ell_reevaluation_date or None,
            "ell_extension": yes_or_blank(student.ell_extension),
            "ell_exit_date": student.ell_exit_date or None,
            "ell_reclassification_date": student.ell_reclassification_date or None,
            "ell_reclassification_exit_date": student.ell_reclassification_exit_date
            or None,
            "ell_first_exit_basis": student.ell_first_exit_basis or None,
        }
        return values if any(v is not None for v in values.values()) else None

    def _i06(self, student):
        programs = self.programs.get(student.id, [])
        if not (programs or student.primary_exceptionality_id):
            return None
        values = {
            "plan_date": student.ese_plan_date or None,
            "primary_exceptionality": code(student.primary_exceptionality_id),
            "fefp_program": code(student.fefp_program_id),
            "section_504": student.section_504 or None,
            "evaluation_date": student.ese_evaluation_date or None,
        }
        for number, program in enumerate(programs[:I06_PROGRAMS], 1):
            key = f"program{number}_"
            values.update(
                {
                    key + "placement_date": program["placement_date"],
                    key + "eligibility_date": program["eligibility_date"],
                    key + "placement_status": program["placement_status"],
                    key + "referral_date": program["referral_date"],
                    key + "dismissal_date": program["dismissal_date"],
                    key + "exceptionality": program["exceptionality"],
                    key + "evaluation_date": program["evaluation_completion_date"],
                    key + "consent_date": program["consent_date"],
                }
            )
        return values

    def _i07(self, student):
        """Comment records: 12 lines of 80 each, at most 5 (appendix I7)."""
        lines = []
        for paragraph in (student.faster_comment or "").splitlines():
            text = ascii_text(paragraph) or ""
            while len(text) > 80:
                lines.append(text[:80])
                text = text[80:]
            lines.append(text)
        while lines and not lines[-1]:
            lines.pop()
        if not lines:
            return []
        capacity = I07_LINES * I07_MAX
        if len(lines) > capacity:
            lines = lines[: capacity - 1] + [I07_OVERFLOW]
        return [
            {"comment": tuple(lines[start : start + I07_LINES])}
            for start in range(0, len(lines), I07_LINES)
        ]

    def _i08(self, student):
        """Tests of the current school year and the two before it, newest
        first, each test with up to nine subject contents; six a record."""
        # "current": the school year the student was last enrolled in
        year = student.current_enrollment_id.school_year_id
        today = self.today
        current = (
            year.date_start.year
            if year
            else (today.year if today.month >= 7 else today.year - 1)
        )
        since = datetime.date(current - (I08_YEARS - 1), 7, 1)
        tests = {}
        for line in self.tests.get(student.id, []):
            if line["test_date"] < since:
                continue
            key = (
                line["test_name_id"],
                line["test_date"],
                line["grade_level_id"],
                line["test_form"] or "",
                line["test_level"] or "",
            )
            groups = tests.setdefault(key, [[]])
            if len(groups[-1]) == I08_GROUPS:
                groups.append([])
            groups[-1].append(line)
        blocks = [group for groups in tests.values() for group in groups]
        blocks = blocks[: I08_TESTS * I08_MAX_RECORDS]
        records = []
        for start in range(0, len(blocks), I08_TESTS):
            values = {}
            for number, group in enumerate(blocks[start : start + I08_TESTS], 1):
                head = group[0]
                key = f"test{number}"
                values.update(
                    {
                        f"{key}_grade_level": head["grade_level"],
                        f"{key}_date": head["test_date"],
                        f"{key}_name": head["test_name"],
                        f"{key}_form": head["test_form"] or None,
                        f"{key}_level": head["test_level"] or None,
                    }
                )
                for index, line in enumerate(group, 1):
                    sub = f"{key}_g{index}"
                    values.update(
                        {
                            f"{sub}_subject": line["subject_content"],
                            f"{sub}_type1": line["score_type"],
                            f"{sub}_score1": line["score"] or None,
                            f"{sub}_type2": line["score_type_2"],
                            f"{sub}_score2": line["score_2"] or None,
                        }
                    )
            records.append(values)
        return records
