"""Invented academic histories for demo students and for the benchmark.

Deterministic (seeded by the student's name), never real people's data.
"""

import random
import zlib
from datetime import date, timedelta

from odoo import api, models

# (local number, short title, subject area, credit, grade band)
COURSES = [
    ("50100000", "Kindergarten Core", False, 0, "E"),
    ("50101000", "Language Arts Elem", False, 0, "E"),
    ("50120000", "Mathematics Elem", False, 0, "E"),
    ("50200000", "Science Elem", False, 0, "E"),
    ("50210000", "Social Studies Elem", False, 0, "E"),
    ("50010400", "Art Elem", False, 0, "E"),
    ("50150000", "Physical Ed Elem", False, 0, "E"),
    ("10010100", "M/J Lang Arts 1", False, 0, "M"),
    ("12050100", "M/J Grade 6 Math", False, 0, "M"),
    ("20020400", "M/J Comp Science", False, 0, "M"),
    ("21090100", "M/J World History", False, 0, "M"),
    ("15080800", "M/J PE Grade 6", False, 0, "M"),
    ("13001000", "M/J Band 1", False, 0, "M"),
    ("10013100", "English 1", "EN", 1.0, "H"),
    ("10013400", "English 2", "EN", 1.0, "H"),
    ("10013700", "English 3 Hon", "EN", 1.0, "H"),
    ("10014000", "English 4", "EN", 1.0, "H"),
    ("12003100", "Algebra 1", "A1", 1.0, "H"),
    ("12063100", "Geometry", "GE", 1.0, "H"),
    ("12003300", "Algebra 2", "A2", 1.0, "H"),
    ("12023400", "Precalculus Hon", "MA", 1.0, "H"),
    ("20003100", "Biology 1", "BI", 1.0, "H"),
    ("20033400", "Chemistry 1", "EQ", 1.0, "H"),
    ("20033800", "Physics 1", "EQ", 1.0, "H"),
    ("21093100", "World History", "WH", 1.0, "H"),
    ("21003100", "US History", "AH", 1.0, "H"),
    ("21063100", "US Government", "AG", 0.5, "H"),
    ("21023350", "Economics Fin Lit", "EC", 0.5, "H"),
    ("15013000", "HOPE", "PE", 1.0, "H"),
    ("07083400", "Spanish 1", "FL", 1.0, "H"),
    ("07083500", "Spanish 2", "FL", 1.0, "H"),
    ("01013000", "2-D Studio Art 1", "PF", 1.0, "H"),
    ("85000000", "Intro Info Tech", "VO", 1.0, "H"),
    ("17003000", "Research 1", "EL", 1.0, "H"),
    ("13023000", "Band 1", "PF", 1.0, "H"),
]
LETTERS = ["A", "A", "B", "B", "B", "C", "C", "D", "F"]
ELEM_GRADES = ["E", "S", "S", "N"]
STRUCTURES = ["semesters", "semesters", "quarters", "annual"]


class FlAcademicDemo(models.AbstractModel):
    _name = "fl.academic.demo"
    _description = "Academic Demo Data Builder"

    @api.model
    def _code(self, model, code):
        """A code-table record by code, or an empty recordset (demo is lenient)."""
        if model not in self.env:
            return self.env["fl.student"].browse()
        return (
            self.env[model]
            .with_context(active_test=False)
            .search([("code", "=", code)], limit=1)
        )

    @api.model
    def _school_year(self, start_year):
        code = f"{start_year}{start_year + 1}"
        Year = self.env["fl.school.year"]
        year = Year.search([("code", "=", code)], limit=1)
        if not year:
            year = Year.create(
                {
                    "name": f"{start_year}-{start_year + 1}",
                    "code": code,
                    "date_start": date(start_year, 8, 10),
                    "date_end": date(start_year + 1, 5, 31),
                }
            )
        return year

    @api.model
    def _courses(self):
        Course = self.env["fl.course"].with_context(active_test=False)
        existing = {c.code: c for c in Course.search([])}
        scale_std = self.env.ref("focus_transfers.fl_grading_scale_standard")
        scale_elem = self.env.ref("focus_transfers.fl_grading_scale_elementary")
        bands = {"E": Course, "M": Course, "H": Course}
        for code, title, area, credit, band in COURSES:
            course = existing.get(code) or Course.create(
                {
                    "code": code,
                    "name": title,
                    "short_title": title[:20],
                    "credit": credit,
                    "subject_area_id": self._code("fl.subject.area", area).id
                    if area
                    else False,
                    "grading_scale_id": (scale_elem if band == "E" else scale_std).id,
                }
            )
            bands[band] |= course
        return bands

    @api.model
    def _grade_code(self, index):
        return "KG" if index == 0 else f"{index:02d}"

    @api.model
    def populate_demo(self):
        """Give every student without history 1-12 years of it (demo data)."""
        students = self.env["fl.student"].search([], order="id")
        for pos, student in enumerate(students):
            if student.course_history_ids:
                continue
            enrollment = student.current_enrollment_id
            level = enrollment.grade_level_id.code if enrollment else "05"
            index = 0 if level in ("KG", "PK") else int(level) if level.isdigit() else 9
            self.build_history(
                student,
                years=max(1, min(index + 1, 12)),
                ese=(pos == 0),
            )
        return True

    @api.model
    def build_history(
        self,
        student,
        years=4,
        courses_per_year=None,
        tests=None,
        ese=False,
        incident=None,
        today=None,
    ):
        """Create ``years`` school years of history ending with the current one
        (courses in progress), tests, immunizations, schedule and an incident.

        Last year is on trimesters and the year before on a 4x4 block (when the
        years have no marking periods yet)."""
        rng = random.Random(zlib.crc32((student.name or "x").encode()))
        today = today or date.today()
        current_start = today.year if today.month >= 8 else today.year - 1
        bands = self._courses()
        district = (
            self.env.company.fl_district_id
            if ("fl_district_id" in self.env.company._fields)
            else self.env["fl.district"]
        )
        school = student.current_enrollment_id.school_id
        enrollment_level = student.current_enrollment_id.grade_level_id.code or ""
        last_index = (
            int(enrollment_level)
            if enrollment_level.isdigit()
            else (0 if enrollment_level == "KG" else min(years - 1, 12))
        )
        first_index = max(0, last_index - years + 1)
        flag_p = self._code("fl.course.flag", "P")
        flag_h = self._code("fl.course.flag", "H")
        history_vals, summaries = [], []
        for offset in range(years):
            grade_index = min(first_index + offset, 12)
            start = current_start - (years - 1 - offset)
            year = self._school_year(start)
            current = offset == years - 1
            if not year.marking_period_ids:
                # one structure per calendar year, shared by every student:
                # last year on trimesters, the year before on a 4x4 block
                age = current_start - start
                year.marking_structure = (
                    "trimesters"
                    if age == 1
                    else "block_4x4"
                    if age == 2
                    else STRUCTURES[start % len(STRUCTURES)]
                )
                year.action_generate_marking_periods()
            band = "E" if grade_index <= 5 else "M" if grade_index <= 8 else "H"
            pool = bands[band]
            count = courses_per_year or min(len(pool), 7 if band != "H" else 8)
            picks = [
                pool[i % len(pool)]
                for i in rng.sample(range(max(count, len(pool))), count)
            ]
            level = self._code("fl.grade.level", self._grade_code(grade_index))
            summaries.append(
                {
                    "student_id": student.id,
                    "school_year_id": year.id,
                    "grade_level_id": level.id,
                    "days_present": 0 if current else rng.randint(160, 180),
                    "days_absent": rng.randint(0, 12),
                    "promotion_status_id": False
                    if current
                    else self._code("fl.grade.promotion.status", "P").id,
                }
            )
            structure = year.marking_structure
            for number, course in enumerate(picks):
                term = self._term_for(structure, number)
                vals = {
                    "student_id": student.id,
                    "school_year_id": year.id,
                    "district_id": district.id,
                    "school_id": school.id,
                    "school_number": school.number if school else "0041",
                    "school_name": (school.name or "Lakeside High School")[:25],
                    "grade_level_id": level.id,
                    "term_code_id": self._code("fl.term.code", term).id,
                    "course_id": course.id,
                    "course_number": course.state_course_number,
                    "course_title": course.short_title,
                    "subject_area_id": course.subject_area_id.id,
                    "credit_attempted": course.credit,
                }
                flags = flag_h if "Hon" in course.short_title else flag_h.browse()
                if current:
                    flags |= flag_p
                    vals.update(
                        in_progress_hours=rng.randint(40, 70) if band == "H" else 0,
                        absences=rng.randint(0, 5) if band == "H" else 0,
                        weeks_in_grading_cycle=9,
                        grade_ids=self._progress_cells(
                            rng, year, term, band, today, structure
                        ),
                    )
                else:
                    grade = rng.choice(ELEM_GRADES if band == "E" else LETTERS)
                    vals.update(
                        final_grade=grade,
                        credit_earned=course.credit if grade != "F" else 0.0,
                    )
                vals["course_flag_ids"] = [(6, 0, flags.ids)]
                if not vals["term_code_id"] or not level:
                    continue
                history_vals.append(vals)
        self.env["fl.school.year.summary"].create(
            [s for s in summaries if s["grade_level_id"]]
        )
        self.env["fl.course.history"].create(history_vals)
        self._tests(student, rng, tests, first_index, last_index, current_start, years)
        self._immunizations(student, rng, current_start - years - 5)
        self._schedule(student, bands, current_start, rng, today, incident)
        if ese:
            self._ese(student, today)
        return True

    @api.model
    def _term_for(self, structure, number):
        if structure == "trimesters":
            return "BCD"[number % 3]
        if structure == "block_4x4":
            return "6789"[number % 4]
        if structure == "quarters":
            return "6789"[number % 4]
        if structure == "annual":
            return "3"
        return "3" if number % 3 else "12"[number % 2]

    @api.model
    def _progress_cells(self, rng, year, term, band, today, structure):
        """Grades so far in the current year, placed in blocks/periods."""
        periods = year.marking_period_ids.filtered(
            lambda p: p.term_code_id.code == term or term == "3"
        ).filtered(lambda p: not p.date_start or p.date_start <= today)
        cells, seen = [], set()
        for period in periods.sorted("sequence"):
            key = (period.block, period.period)
            if key in seen or period.is_exam or period.is_cumulative:
                continue
            seen.add(key)
            grade = rng.choice(ELEM_GRADES if band == "E" else LETTERS[:6])
            cells.append(
                (
                    0,
                    0,
                    {
                        "block": period.block,
                        "period": period.period,
                        "marking_period_id": period.id,
                        "grade": grade,
                    },
                )
            )
        if not cells:
            cells.append((0, 0, {"block": 1, "period": "1", "grade": "B"}))
        return cells

    @api.model
    def _tests(self, student, rng, count, first_index, last_index, start, years):
        names = [
            ("FSA", "RO", "ELA Reading"),
            ("FSA", "MO", "Math"),
            ("FSA", "E1", "Algebra 1 EOC"),
            ("SA4", "HF", "SAT Total"),
            ("ACT", "98", "ACT Composite"),
        ]
        stypes = {
            "SS": self._code("fl.test.score.type", "SS"),
            "AL": self._code("fl.test.score.type", "AL"),
        }
        tests = []
        total = (
            count
            if count is not None
            else 2 * sum(1 for i in range(years) if first_index + i >= 3)
        )
        for number in range(total):
            code, subject, label = names[number % len(names)]
            test_name = self._code("fl.test.name", code)
            if not test_name:
                continue
            age = number // 2 % max(years, 1)
            level_index = max(3, min(last_index - age, 12))
            tests.append(
                {
                    "student_id": student.id,
                    "test_name_id": test_name.id,
                    "test_date": date(start - age, 4, 1 + number % 27),
                    "grade_level_id": self._code(
                        "fl.grade.level", self._grade_code(level_index)
                    ).id,
                    "subject_content": subject,
                    "subject_content_name": label,
                    "score_type_id": stypes["SS"].id,
                    "score": f"{rng.randint(280, 420):04d}",
                    "score_type_2_id": stypes["AL"].id,
                    "score_2": f"{rng.randint(1, 5):04d}",
                    "achievement_level": f"Level {rng.randint(1, 5)}",
                }
            )
        self.env["fl.test.history"].create(tests)

    @api.model
    def _immunizations(self, student, rng, birth_year):
        doses = []
        for code, count in (("A", 5), ("D", 4), ("F", 2), ("J", 3), ("K", 2)):
            vaccine = self._code("fl.vaccine", code)
            for dose in range(1, count + 1):
                if vaccine:
                    doses.append(
                        {
                            "student_id": student.id,
                            "vaccine_id": vaccine.id,
                            "dose_number": dose,
                            "dose_date": date(birth_year, 3, 1)
                            + timedelta(days=120 * dose + rng.randint(0, 30)),
                        }
                    )
        self.env["fl.immunization"].create(doses)
        status = self._code("fl.immunization.status", "1")
        if status:
            student.immunization_status_id = status

    @api.model
    def _schedule(self, student, bands, start, rng, today, incident=None):
        year = self._school_year(start)
        pool = bands["H"] or bands["M"]
        lines = []
        for period, course in enumerate(pool[:7], start=1):
            lines.append(
                {
                    "student_id": student.id,
                    "school_year_id": year.id,
                    "school_id": student.current_enrollment_id.school_id.id,
                    "course_id": course.id,
                    "period": str(period),
                    "section": f"{rng.randint(1, 9):02d}",
                    "start_date": min(year.date_start, today),
                }
            )
        self.env["fl.schedule"].create(lines)
        if incident or (incident is None and rng.random() < 0.5):
            self.env["fl.discipline.incident"].create(
                {
                    "student_id": student.id,
                    "incident_type": "DOC",
                    "incident_date": min(year.date_start + timedelta(days=30), today),
                    "action_code": "I",
                    "action_date": min(year.date_start + timedelta(days=31), today),
                    "duration": 1,
                }
            )

    @api.model
    def _ese(self, student, today):
        exc = self._code("fl.exceptionality", "K") or self._code(
            "fl.exceptionality", "J"
        )
        if not exc:
            return
        student.write(
            {
                "ese_plan_date": today - timedelta(days=200),
                "primary_exceptionality_id": exc.id,
                "fefp_program_id": self._code("fl.fefp.program", "111").id,
                "section_504": "Z",
                "ese_evaluation_date": today - timedelta(days=230),
            }
        )
        self.env["fl.ese.program"].create(
            {
                "student_id": student.id,
                "exceptionality_id": exc.id,
                "placement_status_id": self._code("fl.ese.placement.status", "P").id,
                "referral_date": today - timedelta(days=300),
                "consent_date": today - timedelta(days=280),
                "evaluation_completion_date": today - timedelta(days=240),
                "eligibility_date": today - timedelta(days=220),
                "placement_date": today - timedelta(days=200),
            }
        )
