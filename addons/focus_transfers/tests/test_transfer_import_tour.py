"""The import wizard in Chromium: deselect a field and a section, import."""

import json
from datetime import date, timedelta

from odoo.tests import HttpCase, tagged

from .test_transfer_import import grant_import_rights
from .transfer_import_common import complete_required, enroll_from


@tagged("post_install", "-at_install")
class TestTransferImportTour(HttpCase):
    def test_import_tour(self):
        env = self.env
        grant_import_rights(env, env.ref("base.user_admin"))
        district = env["fl.district"].search([("code", "=", "12")], limit=1)
        year_start = (
            date.today().year if date.today().month >= 8 else date.today().year - 1
        )
        code = f"{year_start}{year_start + 1}"
        year = env["fl.school.year"].search([("code", "=", code)], limit=1) or env[
            "fl.school.year"
        ].create(
            {
                "name": f"{year_start}-{year_start + 1}",
                "code": code,
                "date_start": date(year_start, 8, 10),
                "date_end": date(year_start + 1, 5, 31),
            }
        )
        year.marking_structure = "semesters"
        year.action_generate_marking_periods()
        student = env["fl.student"].create(
            complete_required(
                env,
                "fl.student",
                {
                    "name": "Wren Halloway",
                    "first_name": "Wren",
                    "last_name": "Halloway",
                    "birthdate": date(2010, 4, 5),
                },
            )
        )
        grade_09 = env["fl.grade.level"].search([("code", "=", "09")], limit=1)
        enroll_from(
            env, student, district, year, grade_09, date.today() - timedelta(days=2)
        )
        vaccine = env["fl.vaccine"].search([], limit=1)
        package = {
            "version": 1,
            "district": "12",
            "student": {
                "first_name": "Wren",
                "last_name": "Halloway",
                "birthdate": "2010-04-05",
                "florida_student_id": "",
            },
            "sections": {
                "demographics": {
                    "first_name": "Wren",
                    "middle_name": "Juniper",
                    "birth_city": "Lake City",
                },
                "grades": [
                    {
                        "school_year": code,
                        "course_number": "99999991",
                        "course_title": "ELECTIVE",
                        "term": "3",
                        "grade_level": "09",
                        "structure": "semesters",
                        "cells": [{"period": "Q1", "grade": "A"}],
                    }
                ],
                "immunizations": [{"vaccine": vaccine.code, "dose_date": "2015-02-03"}],
            },
        }
        self.patch(
            type(env["fl.student"]),
            "_transfer_fetch_package",
            lambda self, district, sections=None: json.loads(json.dumps(package)),
        )
        self.start_tour(
            f"/odoo/fl.student/{student.id}",
            "focus_transfers_import_tour",
            login="admin",
        )
        student.invalidate_recordset()
        self.assertFalse(student.middle_name)
        self.assertEqual(student.birth_city, "Lake City")
        self.assertFalse(student.immunization_ids)
        self.assertEqual(student.course_history_ids.grade_ids.mapped("grade"), ["A"])
        self.assertEqual(len(student.transfer_import_log_ids), 1)
