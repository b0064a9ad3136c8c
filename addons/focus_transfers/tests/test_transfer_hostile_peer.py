"""The receiving side against a hostile peer district: a real HTTP server on
loopback (``hostile_peer``) serves crafted answers to a registrar's *Import
data*. Each refusal is one clear message; nothing is written or offered; the
log stays free of warnings; our server still answers."""

import copy
import datetime
import json
import time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.focus_transfers.models import transfer_client, transfer_peer
from odoo.addons.focus_transfers.models.transfer_peer import API_PREFIX

from .common import SisCase
from .hostile_peer import HostilePeer

NUMBER = "1212345678"
OUR_STUDENT = {
    "first_name": "Avery",
    "last_name": "Thornbury",
    "birthdate": "2015-04-02",
    "florida_student_id": NUMBER,
}
REFUSED = "answer was refused"


@tagged("post_install", "-at_install")
class TestHostilePeer(SisCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.student.florida_student_id = NUMBER
        cls.enroll(
            prior_district_id=cls.other_district.id, day=datetime.date(2030, 8, 15)
        )
        # another student of ours, whom a package may try to impersonate
        cls.mallory = env["fl.student"].create(
            {
                "first_name": "Mallory",
                "last_name": "Vexley",
                "birthdate": datetime.date(2014, 6, 7),
                "florida_student_id": "1287654321",
            }
        )
        history = env["fl.school.year"].search([("code", "=", "20212022")])
        cls.history_year = history or env["fl.school.year"].create(
            {
                "name": "2021-2022",
                "code": "20212022",
                "date_start": datetime.date(2021, 8, 10),
                "date_end": datetime.date(2022, 5, 31),
            }
        )
        cls.history_year.marking_structure = "semesters"
        cls.history_year.action_generate_marking_periods()
        for model, code in (("fl.test.name", "FAST"), ("fl.vaccine", "MMR")):
            if not env[model].search([("code", "=", code)]):
                env[model].create({"code": code, "name": f"Test {code}"})
        cls.hostile = HostilePeer().start()
        cls.addClassCleanup(cls.hostile.stop)
        env["fl.transfer.peer"].search(
            [("district_id", "=", cls.other_district.id)]
        ).enabled = False
        cls.peer = env["fl.transfer.peer"].create(
            {
                "district_id": cls.other_district.id,
                "base_url": cls.hostile.url,
                "api_key": "k" * 40,
            }
        )
        cls.registrar = new_test_user(
            env, login="hostile_registrar", groups="focus_transfers.group_registrar"
        )

    def setUp(self):
        super().setUp()
        self.hostile.routes.clear()
        self.hostile.received.clear()
        self.hostile.serve("/receipts", {"ok": True})

    # --- helpers -------------------------------------------------------------

    def package(self):
        """What an honest peer sends for our student."""
        return {
            "version": 1,
            "district": "61",
            "sent_at": "2026-12-01T10:00:00",
            "student": dict(OUR_STUDENT),
            "sections": {
                "demographics": {
                    **OUR_STUDENT,
                    "middle_name": "Quinn",
                    "birth_city": "Lake City",
                },
                "grades": [
                    {
                        "school_year": "20212022",
                        "course_number": "1200310",
                        "course_title": "ALG 1",
                        "term": "3",
                        "grade_level": "09",
                        "structure": "semesters",
                        "credit_attempted": 1.0,
                        "credit_earned": 1.0,
                        "final_grade": "",
                        "in_progress": "",
                        "absences": 0,
                        "cells": [{"period": "Q1", "grade": "A"}],
                    }
                ],
                "test_history": [
                    {
                        "test_name": "FAST",
                        "test_date": "2024-05-01",
                        "subject": "RD",
                        "score": "310",
                    }
                ],
                "immunizations": [
                    {
                        "vaccine": "MMR",
                        "dose_number": 1,
                        "date_kind": "date",
                        "dose_date": "2020-02-03",
                        "history_year": 0,
                    }
                ],
            },
        }

    def open_import(self, body=None, **reply):
        """The registrar's *Import data*, the peer answering ``body``."""
        if body is None:
            body = self.package()
        self.hostile.serve("/package", body, **reply)
        action = self.student.with_user(self.registrar).action_open_transfer_import()
        return self.env["fl.transfer.import.wizard"].browse(action["res_id"])

    def snapshot(self):
        self.env.invalidate_all()
        student = self.student
        return {
            "student": [
                (s.first_name, s.last_name, s.birthdate, s.florida_student_id)
                + (s.middle_name, s.birth_city)
                for s in student | self.mallory
            ],
            "students": self.env["fl.student"].search_count([]),
            "tests": len(student.test_history_ids),
            "immunizations": len(student.immunization_ids),
            "courses": len(student.course_history_ids),
            "logs": len(student.transfer_import_log_ids),
            "wizards": self.env["fl.transfer.import.wizard"].search_count(
                [("student_id", "=", student.id)]
            ),
        }

    def assertRefused(self, pattern, body=None, **reply):
        """One clear UserError, nothing written or offered, no warning in
        the log, and our server still answers."""
        before = self.snapshot()
        with (
            self.assertNoLogs("odoo.addons.focus_transfers", "WARNING"),
            self.assertRaisesRegex(UserError, pattern) as raised,
        ):
            self.open_import(body, **reply)
        self.assertIn(REFUSED, str(raised.exception))
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.url_open("/web/health").status_code, 200)
        return str(raised.exception)

    def tampered(self, change):
        package = self.package()
        change(package)
        return package

    # --- the honest peer -------------------------------------------------------

    def test_honest_package_imports_and_receipt_follows_the_commit(self):
        wizard = self.open_import()
        self.assertEqual(
            [(l.status, l.message) for l in wizard._all_lines() if l.status == "error"],
            [],
        )
        wizard.with_user(self.registrar).action_import()
        self.env.invalidate_all()
        self.assertEqual(self.student.middle_name, "Quinn")
        self.assertEqual(len(self.student.test_history_ids), 1)
        self.assertEqual(len(self.student.immunization_ids), 1)
        self.assertEqual(
            self.student.course_history_ids.grade_ids.mapped("grade"), ["A"]
        )
        # no receipt before the import is committed ...
        self.assertNotIn("/receipts", self.hostile.paths())
        self.env.cr.postcommit.run()
        # ... exactly one after
        receipts = [r for r in self.hostile.received if r[1] == "/receipts"]
        self.assertEqual(len(receipts), 1)
        self.assertEqual(receipts[0][2]["florida_student_id"], NUMBER)
        self.env.invalidate_all()
        self.assertEqual(self.student.transfer_import_log_ids.receipt_state, "sent")

    def test_rolled_back_import_sends_no_receipt(self):
        wizard = self.open_import()
        before = self.snapshot()

        class RolledBack(Exception):
            pass

        with self.assertRaises(RolledBack), self.env.cr.savepoint():
            wizard.with_user(self.registrar).action_import()
            raise RolledBack  # whatever fails after the import, in its transaction
        self.env.cr.postcommit.run()
        self.assertNotIn("/receipts", self.hostile.paths())
        self.assertEqual(self.snapshot(), before)

    # --- wrong student ---------------------------------------------------------

    def test_wrong_student_is_refused(self):
        other_child = {
            "first_name": "Jordan",
            "last_name": "Pike",
            "birthdate": "2016-01-09",
            "florida_student_id": "1299999999",
        }
        mallory = {
            "first_name": "Mallory",
            "last_name": "Vexley",
            "birthdate": "2014-06-07",
            "florida_student_id": "",
        }

        def student(values):
            def change(package):
                package["student"] = dict(values)
                package["sections"]["demographics"].update(values)

            return change

        def demographics_name_another(package):
            package["sections"]["demographics"]["birthdate"] = "2014-06-07"

        cases = {
            "another child's number": student(other_child),
            "another child, no number": student(
                {**other_child, "florida_student_id": ""}
            ),
            "another student of ours": student(mallory),
            "demographics of another": demographics_name_another,
        }
        for label, change in cases.items():
            with self.subTest(label):
                self.assertRefused("is not for Avery", self.tampered(change))

    def test_identity_fields_are_never_changed_by_a_package(self):
        """Same Florida student number (accepted), another first name: shown,
        never imported."""
        package = self.tampered(
            lambda p: (
                p["student"].update(first_name="Averie")
                or p["sections"]["demographics"].update(first_name="Averie")
            )
        )
        wizard = self.open_import(package)
        line = wizard.demographic_line_ids.filtered(
            lambda l: l.field_name == "first_name"
        )
        self.assertEqual(line.status, "error")
        self.assertIn("identifies the student", line.message)
        wizard.with_user(self.registrar).action_import()
        self.env.invalidate_all()
        self.assertEqual(self.student.first_name, "Avery")
        self.assertEqual(self.student.middle_name, "Quinn")
        # and the writer refuses it even when asked directly
        with self.assertRaisesRegex(UserError, "identifies the student"):
            self.student._transfer_import_write(
                {
                    "demographics": [
                        {"data": {"field": "birthdate", "incoming": "2014-06-07"}}
                    ]
                }
            )

    # --- size and time -----------------------------------------------------------

    def test_oversized_answers_are_refused(self):
        big = b'{"pad": "' + b"x" * (transfer_client.MAX_ANSWER_BYTES + 10) + b'"}'
        with self.subTest("announced"):
            self.assertRefused("more than", big)
        with self.subTest("streamed without a length"):
            self.assertRefused("larger than", big, length=False)
        with self.subTest("too many rows"):
            rows = self.package()["sections"]["test_history"] * 501
            self.assertRefused(
                "Test History: 501 rows, at most 500",
                self.tampered(lambda p: p["sections"].update(test_history=rows)),
            )

    def test_trickling_peer_is_cut_at_the_total_budget(self):
        self.patch(transfer_client, "TOTAL_TIMEOUT", 2)
        start = time.monotonic()
        self.assertRefused(
            "took longer than 2 s",
            json.dumps(self.package()).encode(),
            chunk=1,
            delay=0.4,
        )
        self.assertLess(time.monotonic() - start, 6)

    def test_peer_trickling_its_headers_is_cut_at_the_total_budget(self):
        self.patch(transfer_client, "TOTAL_TIMEOUT", 2)
        start = time.monotonic()
        self.assertRefused(
            "took longer than 2 s",
            json.dumps(self.package()).encode(),
            chunk=1,
            delay=0.4,
            slow_head=True,
        )
        self.assertLess(time.monotonic() - start, 6)

    # --- redirects and transport -------------------------------------------------

    def test_redirect_is_refused_and_nothing_reposted(self):
        elsewhere = HostilePeer().start()
        self.addCleanup(elsewhere.stop)
        elsewhere.serve("/package", self.package())
        for status in (301, 302, 307, 308):
            with self.subTest(status):
                location = elsewhere.url + API_PREFIX + "/package"
                self.assertRefused(
                    "redirected", b"", status=status, headers={"Location": location}
                )
        self.assertEqual(elsewhere.received, [])

    def test_https_required_outside_loopback(self):
        with self.assertRaisesRegex(ValidationError, "must use HTTPS"):
            self.peer.base_url = "http://peer.example.org"
        # a row saved before the rule: the client refuses it all the same
        self.env.cr.execute(
            "UPDATE fl_transfer_peer SET base_url = %s WHERE id = %s",
            ["http://peer.example.org", self.peer.id],
        )
        self.peer.invalidate_recordset(["base_url"])
        self.assertRefused("must use HTTPS")
        self.assertEqual(self.hostile.received, [])
        problem = transfer_peer.url_problem
        for url in (
            "http://127.0.0.1:8069",
            "http://127.9.9.9",
            "http://[::1]:8069",
            "http://localhost:8069",
            "https://peer.example.org",
        ):
            self.assertIsNone(problem(url), url)
        for url in (
            "http://10.0.0.1",
            "http://peer.example.org",
            "http://user:secret@127.0.0.1",
            "ftp://127.0.0.1",
            "http://127.0.0.1.example.org",
        ):
            self.assertTrue(problem(url), url)

    # --- types and values --------------------------------------------------------

    def test_wrong_types_are_refused_naming_section_row_field(self):
        def setter(section, field, value, row=0):
            def change(package):
                target = package["sections"][section]
                (target[row] if isinstance(target, list) else target)[field] = value

            return change

        cases = {
            "Demographics, field middle_name: must be text, not list": setter(
                "demographics", "middle_name", ["Quinn", "Q"]
            ),
            "Demographics, field first_name: must be text, not list": setter(
                "demographics", "first_name", ["Avery"]
            ),
            "Grades, row 1, field credit_earned: must be a number": setter(
                "grades", "credit_earned", "abc"
            ),
            "Grades, row 1, field cells, row 1, field grade": lambda p: p["sections"][
                "grades"
            ][0]["cells"][0].update(grade={"a": 1}),
            "Immunizations, row 1, field dose_number: must be a whole": setter(
                "immunizations", "dose_number", 1.5
            ),
            "Test History: must be a list": lambda p: p["sections"].update(
                test_history={"a": 1}
            ),
            "Immunizations, row 1: field 'colour' is not part": setter(
                "immunizations", "colour", "red"
            ),
            "Student, field first_name: is required": lambda p: p["student"].pop(
                "first_name"
            ),
        }
        for pattern, change in cases.items():
            with self.subTest(pattern):
                self.assertRefused(pattern, self.tampered(change))
        for label, body in {
            "not JSON": b"{not json",
            "a list": b"[1, 2]",
            "deep nesting": b"[" * 100_000 + b"]" * 100_000,
            "invalid UTF-8": b'{"a": "\xff\xfe"}',
        }.items():
            with self.subTest(label):
                self.assertRefused("JSON", body)

    def test_values_no_form_accepts_are_refused(self):
        def demographics(**values):
            return lambda p: p["sections"]["demographics"].update(values)

        cases = {
            "Demographics, field birth_city: contains a forbidden character "
            r"\(U\+202E": demographics(birth_city="Lake\u202eytiC"),
            r"Grades, row 1, field course_title: contains .*U\+001B": lambda p: p[
                "sections"
            ]["grades"][0].update(course_title="\x1b[2JALG"),
            "Test History, row 1, field test_date: 0001-05-01 is outside": lambda p: p[
                "sections"
            ]["test_history"][0].update(test_date="0001-05-01"),
            "Demographics, field birthdate: 9999-04-02 is outside": demographics(
                birthdate="9999-04-02"
            ),
            "Student, field birthdate: 9999-04-02 is outside": lambda p: p[
                "student"
            ].update(birthdate="9999-04-02"),
            "Grades, row 1, field credit_earned: 12.5 is outside": lambda p: p[
                "sections"
            ]["grades"][0].update(credit_earned=12.5),
            "Demographics, field middle_name: .* not in the expected form": (
                demographics(middle_name="Quinn; DROP")
            ),
        }
        for pattern, change in cases.items():
            with self.subTest(pattern):
                self.assertRefused(pattern, self.tampered(change))

    # --- duplicates and poisonous rows ----------------------------------------------

    def test_duplicates_are_merged_or_refused(self):
        package = self.package()
        sections = package["sections"]
        sections["test_history"] *= 3  # the same row three times
        dose = sections["immunizations"][0]
        sections["immunizations"] = [dose, {**dose, "dose_number": 2}]  # same key
        wizard = self.open_import(package)
        [test_line] = wizard.test_line_ids
        self.assertIn("Sent 3 times", test_line.message)
        doses = wizard.record_line_ids.filtered(lambda l: l.section == "immunizations")
        self.assertEqual(doses.mapped("status"), ["error", "error"])
        self.assertIn("2 different rows", doses[0].message)
        wizard.with_user(self.registrar).action_import()
        self.env.invalidate_all()
        self.assertEqual(len(self.student.test_history_ids), 1)
        self.assertFalse(self.student.immunization_ids)

    def test_poisonous_row_shows_in_the_preview_and_is_not_imported(self):
        package = self.package()
        good = package["sections"]["test_history"][0]
        # letters are a score only for score type OS: the form refuses it
        package["sections"]["test_history"].append(
            {**good, "subject": "MA", "score": "AB"}
        )
        # a course in progress with a final grade: the course form refuses it
        course = package["sections"]["grades"][0]
        package["sections"]["grades"].append(
            {
                **course,
                "course_number": "1200320",
                "in_progress": True,
                "final_grade": "A",
            }
        )
        wizard = self.open_import(package)
        grades = {line.course_number: line for line in wizard.grade_line_ids}
        self.assertIn(grades["1200310"].status, ("ok", "warning"))
        self.assertEqual(grades["1200320"].status, "error")
        self.assertIn("in progress has no final grade", grades["1200320"].message)
        lines = {line.subject: line for line in wizard.test_line_ids}
        self.assertEqual(lines["RD"].status, "ok")
        self.assertEqual(lines["MA"].status, "error")
        self.assertIn("must be numeric", lines["MA"].message)
        self.assertFalse(lines["MA"].can_select)
        # the trial write left nothing behind
        self.assertEqual(self.student.test_history_ids.ids, [])
        wizard.with_user(self.registrar).action_import()
        self.env.invalidate_all()
        self.assertEqual(
            self.student.test_history_ids.mapped("subject_content"), ["RD"]
        )
        self.assertEqual(
            self.student.course_history_ids.mapped("course_number"), ["1200310"]
        )

    def test_request_status_answer_is_checked(self):
        """Check status on an outgoing request: the peer's answer is reduced
        to its declared schema or refused, the request left as it was."""
        outgoing = self.env["fl.transfer.request"].create(
            {
                "direction": "outgoing",
                "student_id": self.student.id,
                "florida_student_id": NUMBER,
                "first_name": "Avery",
                "last_name": "Thornbury",
                "birthdate": datetime.date(2015, 4, 2),
                "district_id": self.other_district.id,
                "requester": "R. Registrar",
                "enrollment_date": datetime.date(2030, 8, 15),
            }
        )
        outgoing.sudo().remote_reference = "77"
        status = {"id": 77, "state": "denied", "deny_reason": "other"}
        for label, extra in {
            "a list as the note": {"deny_note": ["x"]},
            "a terminal escape": {"deny_note": "\x1b[2Jtwin"},
            "a right-to-left override": {"deny_note": "twin\u202e"},
            "a huge note": {"deny_note": "x" * 5000},
            "an unknown state": {"state": "released"},
            "a date in year 1": {"withdrawal_date": "0001-01-01"},
        }.items():
            with self.subTest(label):
                self.hostile.serve("/requests/77", {**status, **extra})
                with (
                    self.assertNoLogs("odoo.addons.focus_transfers", "WARNING"),
                    self.assertRaisesRegex(UserError, REFUSED),
                ):
                    outgoing.with_user(self.registrar).action_refresh_status()
                self.env.invalidate_all()
                self.assertEqual(outgoing.state, "pending")
                self.assertFalse(outgoing.deny_note)
        # an honest answer: a note on two lines, a field we do not know
        self.hostile.serve(
            "/requests/77", {**status, "deny_note": "twin\nsee file", "extra": 1}
        )
        outgoing.with_user(self.registrar).action_refresh_status()
        self.env.invalidate_all()
        self.assertEqual(outgoing.state, "denied")
        self.assertEqual(outgoing.deny_note, "twin\nsee file")
        # a decision is final: the peer cannot turn a denial into a release
        self.hostile.serve("/requests/77", {"id": 77, "state": "approved"})
        outgoing.with_user(self.registrar).action_refresh_status()
        self.env.invalidate_all()
        self.assertEqual(outgoing.state, "denied")

    def test_refusal_over_json_rpc_is_one_message_logged_at_info(self):
        """As the registrar's browser meets it: a JSON error with the message,
        and nothing above INFO in the server's log."""
        package = self.tampered(lambda p: p["student"].update(first_name="Jordan"))
        self.hostile.serve("/package", package)
        self.authenticate("hostile_registrar", "hostile_registrar")
        before = self.snapshot()
        with self.assertNoLogs("odoo", "WARNING"):
            response = self.url_open(
                "/web/dataset/call_button",
                json.dumps(
                    {
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {
                            "model": "fl.student",
                            "method": "action_open_transfer_import",
                            "args": [[self.student.id]],
                            "kwargs": {},
                        },
                    }
                ),
                headers={"Content-Type": "application/json"},
            )
        error = response.json()["error"]["data"]
        self.assertTrue(error["name"].endswith("PeerError"), error["name"])
        self.assertIn(REFUSED, error["message"])
        self.assertIn("is not for Avery", error["message"])
        self.assertEqual(self.snapshot(), before)

    def test_forged_package_on_the_wizard_is_checked_again_at_import(self):
        wizard = self.open_import()
        forged = copy.deepcopy(self.package())
        forged["student"] = {
            "first_name": "Mallory",
            "last_name": "Vexley",
            "birthdate": "2014-06-07",
        }
        wizard.with_user(self.registrar).package_json = json.dumps(forged)
        before = self.snapshot()
        with self.assertRaisesRegex(UserError, "is not for Avery"):
            wizard.with_user(self.registrar).action_import()
        self.assertEqual(self.snapshot(), before)
