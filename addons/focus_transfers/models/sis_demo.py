"""Demo data of the SIS core: this district, its schools and 32 invented
students (never real people), built by code so the same builder serves the
two-district demo (district 12 Columbia and 61 Suwannee)."""

import datetime
import random

from odoo import api, models

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
SCHOOLS = {"KG": "0041", "06": "0061", "09": "0081"}


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
    def _build(self, district_code="12", students=32, seed=12):
        district = self.env["fl.district"]._lookup(district_code)
        self.env.company.fl_district_id = district
        today = datetime.date.today()
        current = today.year if today.month >= 8 else today.year - 1
        for start in range(current - 13, current + 1):
            self._school_year(start)
        year = self._school_year(current)
        schools = self.env["fl.school"].search(
            [("district_id", "=", district.id), ("is_special", "=", False)]
        )
        by_number = {s.number: s for s in schools}
        grade = self.env["fl.grade.level"]
        entry = self.env["fl.entry.code"]._lookup("E01")
        rng = random.Random(seed)
        Student = self.env["fl.student"].with_context(tracking_disable=True)
        levels = ["KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10",
                  "11", "12"]  # fmt: skip
        for n in range(students):
            level = levels[n % len(levels)]
            band = (
                "09"
                if level >= "09" and level != "KG"
                else ("06" if "06" <= level <= "08" else "KG")
            )
            school = by_number.get(SCHOOLS[band]) or schools[:1]
            age = 5 + (0 if level == "KG" else int(level))
            birthdate = datetime.date(
                current - age, rng.randint(1, 12), rng.randint(1, 28)
            )
            student = Student.create(
                {
                    "first_name": FIRST_NAMES[n % len(FIRST_NAMES)],
                    "last_name": LAST_NAMES[(n * 7) % len(LAST_NAMES)],
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
            enrollment = {
                "student_id": student.id,
                "school_id": school.id,
                "school_year_id": year.id,
                "grade_level_id": grade._lookup(level).id,
                "enrollment_date": year.date_start + datetime.timedelta(days=16),
                "entry_code_id": entry.id,
            }
            if n % 8 == 7:  # some withdrawn: moved out of state or to a private school
                enrollment["drop_date"] = today - datetime.timedelta(days=10 + n)
                enrollment["withdrawal_code_id"] = (
                    self.env["fl.withdrawal.code"]
                    ._lookup("W3B" if n % 16 == 7 else "W04")
                    .id
                )
            self.env["fl.enrollment"].create(enrollment)
        return True
