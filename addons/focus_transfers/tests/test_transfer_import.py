"""Import wizard (issue 9) on real records: sections, rights, idempotence."""

import json
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .academic_common import AcademicCase
from .transfer_import_common import enroll_from

SECTION_SUFFIXES = (
    ("grades", "grades"),
    ("immunizations", "immunizations"),
    ("test_history", "tests"),
    ("demographics", "demographics"),
)


def grant_import_rights(env, user):
    """The import right and every section right."""
    xmlids = ["group_import_external"] + [
        f"group_section_{s}"
        for s in ("schedule", "demographics", "ese", "grades", "immunizations", "tests")
    ]
    user.groups_id = [Command.link(env.ref(f"focus_transfers.{x}").id) for x in xmlids]


@tagged("post_install", "-at_install")
class TestTransferImport(AcademicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        grant_import_rights(cls.env, cls.env.user)
        cls.year.marking_structure = "semesters"
        cls.year.action_generate_marking_periods()
        cls.district = cls._code("fl.district", "12")
        cls.env["fl.course"].create(
            {
                "code": "12003101",
                "name": "Algebra 1",
                "short_title": "ALG 1",
                "grading_scale_id": cls.env.ref(
                    "focus_transfers.fl_grading_scale_standard"
                ).id,
            }
        )
        # the sender: a student of the same database, its package built by the
        # same spec the peer API uses
        cls.sender = cls._student("Ana", "Pemberton")
        if "middle_name" in cls.sender._fields:
            cls.sender.middle_name = "Lucia"
        line = cls._line(
            "B", 1.0, student=cls.sender, course_number="12003101", course_title="ALG 1"
        )
        periods = {p.code: p for p in cls.year.marking_period_ids}
        for code, grade in (("Q1", "B"), ("Q2", "A"), ("S1", "B")):
            period = periods[code]
            cls.env["fl.course.grade"].create(
                {
                    "history_id": line.id,
                    "block": period.block,
                    "period": period.period,
                    "marking_period_id": period.id,
                    "grade": grade,
                }
            )
        cls.vaccine = cls._code("fl.vaccine", "MMR")
        cls.env["fl.immunization"].create(
            {
                "student_id": cls.sender.id,
                "vaccine_id": cls.vaccine.id,
                "dose_date": date(2015, 2, 3),
            }
        )
        cls.test_name = cls._code("fl.test.name", "FAST")
        cls.env["fl.test.history"].create(
            {
                "student_id": cls.sender.id,
                "test_name_id": cls.test_name.id,
                "test_date": date(2024, 5, 1),
                "subject_content": "RD",
                "score": "310",
            }
        )
        cls.package = cls.sender._transfer_package()
        # the receiver: enrolled here from district 12
        cls.receiver = cls._student("Ana", "Pemberton")
        enroll_from(
            cls.env,
            cls.receiver,
            cls.district,
            cls._year(date.today().year),
            cls.g09,
            date.today() - timedelta(days=3),
        )

    def _wizard(self, package=None, user=None):
        env = self.env(user=user) if user else self.env
        action = env["fl.transfer.import.wizard"]._open_for(
            self.receiver.with_env(env), self.district, package or self.package
        )
        return env["fl.transfer.import.wizard"].browse(action["res_id"])

    def _snapshot(self):
        r = self.receiver
        r.invalidate_recordset()
        return (
            sorted(
                (h.course_number, c.marking_period_id.code, c.grade)
                for h in r.course_history_ids
                for c in h.grade_ids
            ),
            sorted((i.vaccine_id.code, str(i.dose_date)) for i in r.immunization_ids),
            sorted((t.test_name_id.code, t.score) for t in r.test_history_ids),
            r.middle_name if "middle_name" in r._fields else None,
        )

    def test_entry_point_visible_once_a_transfer_exists(self):
        self.assertEqual(self.receiver.transfer_import_district_id, self.district)
        self.assertFalse(self.sender.transfer_import_district_id)
        action = self.receiver.action_open_transfer_import
        self.assertTrue(callable(action))

    def test_sections_shown_only_when_in_package(self):
        wizard = self._wizard()
        codes = set(wizard.section_ids.mapped("code"))
        self.assertIn("grades", codes)
        self.assertIn("immunizations", codes)
        self.assertNotIn("ese", codes)
        self.assertNotIn("discipline", codes)

    def test_import_three_times_same_database(self):
        for __ in range(3):
            self._wizard().action_import()
            if __ == 0:
                first = self._snapshot()
        self.assertEqual(self._snapshot(), first)
        self.assertEqual(len(first[0]), 3)
        self.assertEqual(len(first[1]), 1)
        logs = self.receiver.transfer_import_log_ids
        self.assertEqual(len(logs), 3)
        self.assertEqual(logs[-1].user_id, self.env.user)
        self.assertEqual(logs[-1].district_id, self.district)
        self.assertIn("grades", logs[-1].sections)
        self.assertEqual(logs[-1].receipt_state, "pending")

    def test_deselect_field_and_section_then_reopen(self):
        if "middle_name" not in self.receiver._fields:
            self.skipTest("no middle name on fl.student")
        wizard = self._wizard()
        middle = wizard.demographic_line_ids.filtered(
            lambda line: line.field_name == "middle_name"
        )
        self.assertEqual(middle.incoming_value, "Lucia")
        middle.selected = False
        wizard.section_ids.filtered(
            lambda s: s.code == "immunizations"
        ).selected = False
        wizard.action_import()
        self.assertFalse(self.receiver.middle_name)
        self.assertFalse(self.receiver.immunization_ids)
        self.assertEqual(len(self.receiver.course_history_ids.grade_ids), 3)
        self._wizard().action_import()
        self.assertEqual(self.receiver.middle_name, "Lucia")
        self.assertEqual(len(self.receiver.immunization_ids), 1)

    def test_warning_imported_error_not(self):
        package = json.loads(json.dumps(self.package))
        course = package["sections"]["grades"][0]
        course["course_number"] = "99999991"  # not in the catalog: warning
        course["cells"].append({"period": "Q3", "grade": "ZZ"})  # no scale: error
        package["sections"]["test_history"].append(
            {
                "test_name": "NOPE",
                "test_date": "2024-05-01",
                "subject": "RD",
                "score": "1",
            }
        )
        wizard = self._wizard(package)
        statuses = {line.source_period: line.status for line in wizard.grade_line_ids}
        self.assertEqual(statuses["Q1"], "warning")
        self.assertEqual(statuses["Q3"], "error")
        bad_test = wizard.test_line_ids.filtered(lambda t: t.test_name == "NOPE")
        self.assertEqual(bad_test.status, "error")
        self.assertIn("not in our test table", bad_test.message)
        wizard.action_import()
        cells = self.receiver.course_history_ids.grade_ids
        self.assertEqual(sorted(cells.mapped("grade")), ["A", "B", "B"])
        self.assertTrue(all("catalog" in (c.note or "") for c in cells))
        self.assertEqual(len(self.receiver.test_history_ids), 1)

    def test_block_grades_import_as_quarters(self):
        package = json.loads(json.dumps(self.package))
        course = package["sections"]["grades"][0]
        course["structure"] = "block_4x4"
        course["cells"] = [
            {"period": "B1", "grade": "A"},
            {"period": "B2", "grade": "B"},
            {"period": "BC2", "grade": "B"},
        ]
        self._wizard(package).action_import()
        cells = self.receiver.course_history_ids.grade_ids
        self.assertEqual(
            sorted(cells.mapped("marking_period_id.code")), ["Q1", "Q2", "S1"]
        )

    def test_trimester_and_nine_week_translation(self):
        package = json.loads(json.dumps(self.package))
        course = package["sections"]["grades"][0]
        course["structure"] = "trimesters"
        course["cells"] = [{"period": "T1", "grade": "A"}]
        package["sections"]["grades"].append(
            {
                **{k: v for k, v in course.items() if k != "cells"},
                "course_number": "12003102",
                "structure": "quarters",
                "cells": [{"period": "Q3", "grade": "C"}],
            }
        )
        wizard = self._wizard(package)
        trimester, quarter = wizard.grade_line_ids.sorted("course_number")
        self.assertEqual((trimester.status, trimester.target_period), ("warning", "Q1"))
        self.assertIn("manually", trimester.message)
        self.assertEqual((quarter.status, quarter.target_period), ("ok", "Q3"))
        wizard.action_import()
        cells = self.receiver.course_history_ids.grade_ids
        self.assertEqual(sorted(cells.mapped("marking_period_id.code")), ["Q1", "Q3"])

    def test_permission_matrix_per_section(self):
        """A section whose group the user lacks is neither shown nor imported."""
        for section, suffix in SECTION_SUFFIXES:
            with self.subTest(section=section):
                others = [
                    self.env.ref(f"focus_transfers.group_section_{other}").id
                    for __, other in SECTION_SUFFIXES
                    if other != suffix
                ]
                user = self.env["res.users"].create(
                    {
                        "name": f"Registrar {suffix}",
                        "login": f"registrar_wiz_{suffix}",
                        "groups_id": [
                            Command.set(
                                [
                                    self.env.ref("base.group_user").id,
                                    self.env.ref(
                                        "focus_transfers.group_import_external"
                                    ).id,
                                    *others,
                                ]
                            )
                        ],
                    }
                )
                wizard = self._wizard(user=user)
                self.assertNotIn(section, wizard._allowed_sections())
                self.assertNotIn(section, wizard.section_ids.mapped("code"))
                # a forged section line is refused server-side
                self.env["fl.transfer.import.section"].create(
                    {
                        "wizard_id": wizard.id,
                        "code": section,
                        "name": section,
                        "selected": True,
                        "importable": True,
                    }
                )
                with self.assertRaises(AccessError):
                    wizard.action_import()
                user.groups_id = [
                    Command.link(
                        self.env.ref(f"focus_transfers.group_section_{suffix}").id
                    )
                ]
                self.assertIn(section, wizard._allowed_sections())

    def test_registrar_imports_every_section(self):
        """The Registrar role (not a Settings administrator) writes what the
        section rights allow: course history, grades, tests, immunizations."""
        registrar = self.env["res.users"].create(
            {
                "name": "Registrar Import",
                "login": "registrar_wiz_all",
                "email": "registrar.import@example.com",
                "groups_id": [
                    Command.set([self.env.ref("focus_transfers.group_registrar").id])
                ],
            }
        )
        self.assertFalse(registrar.has_group("base.group_system"))
        self._wizard(user=registrar).action_import()
        grades, immunizations, tests, __ = self._snapshot()
        self.assertEqual(len(grades), 3)
        self.assertEqual(len(immunizations), 1)
        self.assertTrue(tests)
        self.assertEqual(self.receiver.transfer_import_log_ids.user_id, registrar)

    def test_import_needs_the_import_right(self):
        user = self.env["res.users"].create(
            {
                "name": "Clerk",
                "login": "clerk_wiz",
                "groups_id": [Command.set([self.env.ref("base.group_user").id])],
            }
        )
        with self.assertRaises(AccessError):
            self._wizard(user=user)

    def test_refresh_marks_changes(self):
        wizard = self._wizard()
        package = json.loads(json.dumps(self.package))
        package["sections"]["grades"][0]["cells"][1]["grade"] = "C"
        wizard._load_package(package)
        changed = wizard.grade_line_ids.filtered("changed")
        self.assertEqual(changed.mapped("source_period"), ["Q2"])
        self.assertTrue(wizard.can_refresh)
        self.env["ir.config_parameter"].set_param(
            "focus_transfers.import_refresh_days", 1
        )
        wizard.invalidate_recordset(["can_refresh", "refresh_until"])
        self.assertFalse(wizard.can_refresh)
