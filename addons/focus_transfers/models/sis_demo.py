"""Demo data of the SIS core: this district, its schools and 32 invented
students (never real people), built by code so the same builder serves the
two-district demo (district 12 Columbia and 61 Suwannee)."""

import datetime
import random

from odoo import api, models
from odoo.exceptions import UserError

FIRST_NAMES = [
    "Avery", "Jordan", "Mateo", "Sofia", "Liam", "Amara", "Noah", "Isabella",
    "Elijah", "Camila", "Lucas", "Maya", "Ethan", "Zoe", "Gabriel", "Aaliyah",
    "Caleb", "Valentina", "Isaiah", "Harper", "Diego", "Naomi", "Owen", "Leilani",
]  # fmt: skip
LAST_NAMES = [
    "Thornbury", "Okafor", "Villanueva", "Brightwater", "Castellano", "Delacroix",
    "Fairweather", "Haddox", "Ironwood", "Jelani", "Kowalczyk", "Larkspur",
    "Merriweather", "Nakamura-Blythe", "Oyelaran", "Pennington", "Quintero-Ash",
    "Rosenvale", "Sutterfield", "Tamarind",
]  # fmt: skip
DEMO_DISTRICT_PARAM = "focus_transfers.demo_district"
DEFAULT_DEMO_DISTRICT = "12"
# The main company's name on a new Odoo database: the demo renames it only
# then, so the top bar of each demo server says which district it is.
ODOO_DEFAULT_COMPANY_NAMES = ("YourCompany", "My Company")
# Grade bands of the demo schools: elementary, middle, high (lowest, highest).
BANDS = (("KG", "05"), ("06", "08"), ("09", "12"))


class FlSisDemo(models.AbstractModel):
    _name = "fl.sis.demo"
    _description = "SIS demo data builder"

    @api.model
    def _school_year(self, start):
        Year = self.env["fl.school.year"]
        code = f"{start}{start + 1}"
        return Year.search([("code", "=", code)]) or Year.create(
            {
                "name": f"{start}-{start + 1}",
                "code": code,
                "date_start": datetime.date(start, 8, 1),
                "date_end": datetime.date(start + 1, 6, 30),
            }
        )

    @api.model
    def _demo_district_code(self):
        """The district the demo data is built for: the system parameter
        ``focus_transfers.demo_district`` when set before the addon is
        installed (the two-district demo sets 61 for Suwannee), else 12."""
        return (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(DEMO_DISTRICT_PARAM, DEFAULT_DEMO_DISTRICT)
        )

    @api.model
    def _build(self, district_code=None, students=32, seed=None, today=None):
        district_code = district_code or self._demo_district_code()
        # Another district's demo has other invented people (12 keeps its own).
        shift = 0 if district_code == DEFAULT_DEMO_DISTRICT else int(district_code)
        seed = seed if seed is not None else int(district_code)
        district = self.env["fl.district"]._lookup(district_code)
        self.env.company.fl_district_id = district
        if self.env.company.name in ODOO_DEFAULT_COMPANY_NAMES:
            self.env.company.name = (
                self.env._("%s County School District", district.name)
                if district.district_type == "district"
                else district.name
            )
        today = today or datetime.date.today()
        current = today.year if today.month >= 8 else today.year - 1
        for start in range(current - 13, current + 1):
            self._school_year(start)
        year = self._school_year(current)
        grade = self.env["fl.grade.level"]
        # The district's demo schools in number order serve the bands in order
        # (12: 0041/0061/0081, 61: 0021/0051/0071); a span left empty is set.
        schools = self.env["fl.school"].search(
            [("district_id", "=", district.id), ("is_special", "=", False)],
            order="number",
        )
        if not schools:
            raise UserError(
                self.env._(
                    "District %s has no school to enroll demo students in.",
                    district.display_name,
                )
            )
        for number, (school, (low, high)) in enumerate(
            zip(schools, BANDS, strict=False), 1
        ):
            if not school.lowest_grade_level_id:
                school.lowest_grade_level_id = grade._lookup(low)
            if not school.highest_grade_level_id:
                school.highest_grade_level_id = grade._lookup(high)
            if not school.phone:  # FASTER's I01 requires it; 555-01xx: fictional
                school.phone = f"(386) 555-01{int(district.code) % 10}{number}"
        entry = self.env["fl.entry.code"]._lookup("E01")
        rng = random.Random(seed)
        Student = self.env["fl.student"].with_context(tracking_disable=True)
        levels = ["KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10",
                  "11", "12"]  # fmt: skip
        for n in range(students):
            index = n % len(levels)
            level = levels[index]
            band = 0 if index < 6 else (1 if index < 9 else 2)  # KG-05, 06-08, 09-12
            school = schools[min(band, len(schools) - 1)]
            age = 5 + (0 if level == "KG" else int(level))
            birthdate = datetime.date(
                current - age, rng.randint(1, 12), rng.randint(1, 28)
            )
            student = Student.create(
                {
                    "first_name": FIRST_NAMES[(n + shift) % len(FIRST_NAMES)],
                    "last_name": LAST_NAMES[(n * 7 + shift) % len(LAST_NAMES)],
                    "birthdate": birthdate,
                    "florida_student_id": f"{district_code}{50000000 + n * 137:08d}",
                    "local_student_id": f"{district_code}-{1000 + n}",
                    "sex_id": self.env["fl.sex"]._lookup("F" if n % 2 else "M").id,
                    "race_white": n % 3 == 0,
                    "race_black": n % 3 == 1,
                    "race_asian": n % 5 == 2,
                    "hispanic": n % 4 == 3,
                    "city": "Lake City" if district_code == "12" else "Live Oak",
                }
            )
            enrolled = year.date_start + datetime.timedelta(days=16)
            enrollment = {
                "student_id": student.id,
                "school_id": school.id,
                "school_year_id": year.id,
                "grade_level_id": grade._lookup(level).id,
                "enrollment_date": enrolled,
                "entry_code_id": entry.id,
            }
            if n % 8 == 7:  # some withdrawn: moved out of state or to a private school
                # Never before the enrollment, even early in the school year.
                enrollment["drop_date"] = max(
                    today - datetime.timedelta(days=10 + n),
                    enrolled + datetime.timedelta(days=1 + n % 5),
                )
                enrollment["withdrawal_code_id"] = (
                    self.env["fl.withdrawal.code"]
                    ._lookup("W3B" if n % 16 == 7 else "W04")
                    .id
                )
            self.env["fl.enrollment"].create(enrollment)
        return True
