"""The peer API through real HTTP on loopback: every error path
and the happy paths, disclosures, no WARNING logged for a refused call."""

import datetime

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .peer_common import STUDENT_NUMBER, PeerCase


@tagged("post_install", "-at_install")
class TestPeerApi(PeerCase):
    # -- authentication and authorisation of the caller ----------------------

    def test_refused_callers_get_json_errors_and_no_warning(self):
        plain = new_test_user(self.env, login="not_a_peer", groups="base.group_user")
        plain_key = self._api_key(plain)
        with (
            self.assertNoLogs("odoo", "WARNING"),
            self.assertNoLogs("werkzeug", "WARNING"),
        ):
            self.assertError(
                self.call("GET", "/capabilities", key=False), 401, "unauthorized"
            )
            self.assertError(
                self.call("POST", "/requests", self.request_body(), key="x" * 40),
                401,
                "unauthorized",
            )
            self.assertError(
                self.call("POST", "/requests", self.request_body(), key=plain_key),
                403,
                "forbidden",
            )
            self.assertError(self.call("GET", "/nothing-here"), 404, "not_found")
            self.assertError(self.call("GET", "/requests"), 405, "bad_request")
            self.assertError(
                self.call("POST", "/requests", raw="{not json"), 400, "bad_request"
            )
        self.assertFalse(
            self.env["fl.transfer.request"].search([("remote_reference", "=", "R-1")])
        )

    def test_peer_disabled(self):
        self.peer.enabled = False
        self.assertError(
            self.call("POST", "/requests", self.request_body()), 403, "forbidden"
        )
        self.assertError(self.call("GET", "/capabilities"), 403, "forbidden")

    def test_feature_disabled(self):
        self.env.company.fl_transfers_enabled = False
        self.assertError(
            self.call("POST", "/requests", self.request_body()),
            403,
            "feature_disabled",
        )
        self.assertError(
            self.call("POST", "/package", {"florida_student_id": STUDENT_NUMBER}),
            403,
            "feature_disabled",
        )
        status, reply = self.call("GET", "/capabilities")
        self.assertEqual(status, 200)
        self.assertIs(reply["enabled"], False)

    def test_capabilities(self):
        status, reply = self.call("GET", "/capabilities")
        self.assertEqual(status, 200, reply)
        self.assertEqual(reply["api_version"], 1)
        self.assertEqual(reply["district"], "12")
        self.assertIs(reply["enabled"], True)
        self.assertIn("grades", reply["sections"])
        self.assertIn("demographics", reply["sections"])

    # -- POST /requests ------------------------------------------------------

    def test_malformed_body(self):
        for raw in ("{not json", "[1, 2]", '"text"'):
            with self.subTest(raw=raw):
                self.assertError(
                    self.call("POST", "/requests", raw=raw), 400, "bad_request"
                )

    def test_missing_field_and_bad_date(self):
        body = self.request_body()
        del body["enrollment_date"]
        status, reply = self.call("POST", "/requests", body)
        self.assertError((status, reply), 400, "bad_request")
        self.assertIn("enrollment_date", reply["error"]["message"])
        status, reply = self.call(
            "POST", "/requests", self.request_body(birthdate="04/02/2015")
        )
        self.assertError((status, reply), 400, "bad_request")
        self.assertIn("birthdate", reply["error"]["message"])

    def test_unknown_student(self):
        self.assertError(
            self.call(
                "POST",
                "/requests",
                self.request_body(florida_student_id="", first_name="Nobody"),
            ),
            403,
            "not_authorised",
        )

    def test_request_creates_incoming_with_alert(self):
        status, reply = self.call("POST", "/requests", self.request_body())
        self.assertEqual(status, 201, reply)
        self.assertEqual(reply["state"], "pending")
        request = self.env["fl.transfer.request"].browse(reply["id"])
        self.assertEqual(request.direction, "incoming")
        self.assertEqual(request.student_id, self.student)
        self.assertEqual(request.district_id, self.other_district)
        self.assertEqual(request.remote_reference, "R-1")
        self.assertEqual(request.enrollment_date, datetime.date(2030, 10, 6))
        self.assertEqual(request.create_uid, self.tech)
        self.assertIn(self.approver, request.activity_ids.user_id)
        # sent twice (a retry): still one request
        again = self.call("POST", "/requests", self.request_body())
        self.assertEqual(again[1]["id"], reply["id"])

    def test_request_matched_by_name_and_birthdate(self):
        status, reply = self.call(
            "POST", "/requests", self.request_body(florida_student_id="")
        )
        self.assertEqual(status, 201, reply)
        request = self.env["fl.transfer.request"].browse(reply["id"])
        self.assertEqual(request.student_id, self.student)

    def test_request_for_twins_waits_for_the_approver(self):
        """Two of our students match the name and birthdate: the request is
        recorded without a student, and the approver chooses."""
        self.env["fl.student"].create(
            {"first_name": "Avery", "last_name": "Thornbury", "birthdate": "2015-04-02"}
        )
        status, reply = self.call(
            "POST", "/requests", self.request_body(florida_student_id="")
        )
        self.assertEqual(status, 201, reply)
        request = self.env["fl.transfer.request"].browse(reply["id"])
        self.assertFalse(request.student_id)
        with self.assertRaisesRegex(UserError, "Choose which of our students"):
            request.with_user(self.approver).action_approve()

    def test_request_over_sixty_days(self):
        old = self._left_long_ago()
        status, reply = self.call(
            "POST",
            "/requests",
            self.request_body(
                florida_student_id="",
                first_name="Noor",
                last_name="Halvorsen",
                birthdate="2014-01-09",
            ),
        )
        self.assertError((status, reply), 403, "not_authorised")
        self.assertFalse(
            self.env["fl.transfer.request"].search([("student_id", "=", old.id)])
        )

    # -- status and cancel ---------------------------------------------------

    def test_status_approve_then_cancel_conflict(self):
        __, reply = self.call("POST", "/requests", self.request_body())
        request_id = reply["id"]
        status, reply = self.call("GET", f"/requests/{request_id}")
        self.assertEqual((status, reply["state"]), (200, "pending"))
        request = self.env["fl.transfer.request"].browse(request_id)
        request.with_user(self.approver).action_approve()
        status, reply = self.call("GET", f"/requests/{request_id}")
        self.assertEqual(reply["state"], "approved")
        self.assertEqual(reply["withdrawal_date"], "2030-10-05")
        self.assertError(
            self.call("POST", f"/requests/{request_id}/cancel"), 409, "conflict"
        )

    def test_cancel_pending(self):
        __, reply = self.call("POST", "/requests", self.request_body())
        status, cancelled = self.call("POST", f"/requests/{reply['id']}/cancel")
        self.assertEqual((status, cancelled["state"]), (200, "cancelled"))
        request = self.env["fl.transfer.request"].browse(reply["id"])
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(request.activity_ids)

    def test_requests_of_other_districts_are_not_found(self):
        ours = self.env["fl.transfer.request"].create(
            {
                "direction": "incoming",
                "student_id": self.student.id,
                "first_name": "Avery",
                "last_name": "Thornbury",
                "birthdate": datetime.date(2015, 4, 2),
                "district_id": self.env["fl.district"]._lookup("37").id,
                "enrollment_date": datetime.date(2030, 10, 6),
            }
        )
        self.assertError(self.call("GET", f"/requests/{ours.id}"), 404, "not_found")
        self.assertError(
            self.call("POST", f"/requests/{ours.id}/cancel"), 404, "not_found"
        )
        self.assertEqual(ours.state, "pending")

    # -- POST /package and /receipts -----------------------------------------

    def test_package_not_authorised(self):
        self.assertError(
            self.call("POST", "/package", {"florida_student_id": STUDENT_NUMBER}),
            403,
            "not_authorised",
        )
        self.assertFalse(self.student.sudo().disclosure_ids)

    def test_package_unknown_student_and_bad_sections(self):
        self.assertError(
            self.call("POST", "/package", {"florida_student_id": "1299999999"}),
            403,
            "not_authorised",
        )
        self.assertError(
            self.call(
                "POST",
                "/package",
                {"florida_student_id": STUDENT_NUMBER, "sections": ["salary"]},
            ),
            400,
            "bad_request",
        )

    def test_package_with_transfer_to_writes_a_disclosure(self):
        self.enrollment.write(
            {
                "drop_date": datetime.date(2030, 9, 1),
                "withdrawal_code_id": self.w3a.id,
                "transfer_to_id": self.other_district.id,
            }
        )
        status, package = self.call(
            "POST",
            "/package",
            {"florida_student_id": STUDENT_NUMBER, "sections": ["grades"]},
        )
        self.assertEqual(status, 200, package)
        self.assertEqual(package["student"]["last_name"], "Thornbury")
        self.assertEqual(package["district"], "12")
        self.assertIn("demographics", package["sections"])
        [disclosure] = self.student.sudo().disclosure_ids
        self.assertEqual(disclosure.district_id, self.other_district)
        self.assertEqual(disclosure.user_id, self.tech)
        self.assertEqual(disclosure.peer_id, self.peer)
        self.assertEqual(disclosure.basis, "transfer_to")
        self.assertEqual(disclosure.enrollment_id, self.enrollment)
        self.assertIn("demographics", disclosure.sections)
        self.assertEqual(self.student.sudo().disclosure_count, 1)
        # a second release, a second row
        self.call("POST", "/package", {"florida_student_id": STUDENT_NUMBER})
        self.student.invalidate_recordset()
        self.assertEqual(len(self.student.sudo().disclosure_ids), 2)
        # the receipt is noted on the last disclosure
        status, reply = self.call(
            "POST",
            "/receipts",
            {
                "florida_student_id": STUDENT_NUMBER,
                "sections": ["demographics"],
                "imported_at": "2030-09-03 10:00:00",
                "by": "R. Registrar",
            },
        )
        self.assertEqual((status, reply), (200, {"ok": True}))
        self.student.invalidate_recordset()
        last = self.student.sudo().disclosure_ids[0]
        self.assertTrue(last.receipt_date)
        self.assertEqual(last.receipt_by, "R. Registrar")

    def test_package_after_approved_request(self):
        __, reply = self.call("POST", "/requests", self.request_body())
        request = self.env["fl.transfer.request"].browse(reply["id"])
        # approved, but Transfer To then changed by a registrar: the approval
        # alone still authorises the release
        request.with_user(self.approver).action_approve()
        self.enrollment.transfer_to_id = self.env["fl.district"]._lookup("37")
        status, package = self.call(
            "POST",
            "/package",
            {
                "first_name": "avery",
                "last_name": "THORNBURY",
                "birthdate": "2015-04-02",
            },
        )
        self.assertEqual(status, 200, package)
        [disclosure] = self.student.sudo().disclosure_ids
        self.assertEqual(disclosure.basis, "request")
        self.assertEqual(disclosure.request_id, request)

    def _package_of_noor(self):
        return self.call(
            "POST",
            "/package",
            {"first_name": "Noor", "last_name": "Halvorsen", "birthdate": "2014-01-09"},
        )

    def test_package_over_sixty_days(self):
        old = self._left_long_ago()
        self.assertError(
            self._package_of_noor(),
            403,
            "not_authorised",
        )
        self.assertFalse(old.sudo().disclosure_ids)

    def test_sixty_days_not_reopened_by_another_enrollments_dates(self):
        """Any staff member may date an enrollment: an earlier one re-dated to
        have ended last week does not reopen the window of the 2021
        withdrawal that carries Transfer To."""
        student = self.env["fl.student"].create(
            {"first_name": "Noor", "last_name": "Halvorsen", "birthdate": "2014-01-09"}
        )
        year = self.env["fl.school.year"].create(
            {
                "name": "2019-2021",
                "code": "20192021",
                "date_start": datetime.date(2019, 8, 1),
                "date_end": datetime.date(2021, 6, 30),
            }
        )
        earlier, authorising = self.env["fl.enrollment"].create(
            [
                {
                    "student_id": student.id,
                    "school_id": self.school.id,
                    "school_year_id": year.id,
                    "grade_level_id": self.grade.id,
                    "enrollment_date": enrolled,
                    "drop_date": dropped,
                    **extra,
                }
                for enrolled, dropped, extra in (
                    (datetime.date(2019, 8, 15), datetime.date(2020, 6, 1), {}),
                    (
                        datetime.date(2020, 8, 15),
                        datetime.date(2021, 1, 10),
                        {
                            "withdrawal_code_id": self.w3a.id,
                            "transfer_to_id": self.other_district.id,
                        },
                    ),
                )
            ]
        )
        clerk = new_test_user(self.env, login="window_clerk", groups="base.group_user")
        earlier.with_user(clerk).drop_date = fields.Date.today() - datetime.timedelta(
            days=7
        )
        self.assertFalse(student._transfer_window_expired())
        self.assertEqual(
            student._peer_release_basis(self.other_district),
            ("transfer_to", authorising),
        )
        self.assertError(
            self._package_of_noor(),
            403,
            "not_authorised",
        )
        self.assertFalse(student.sudo().disclosure_ids)

    def test_receipt_without_release(self):
        self.assertError(
            self.call(
                "POST",
                "/receipts",
                {"florida_student_id": STUDENT_NUMBER, "sections": ["grades"]},
            ),
            403,
            "not_authorised",
        )

    def test_technical_user_has_no_right_on_any_model(self):
        """The API group holds no access right: the controller works as the
        system once it knows the peer, so the key gives nothing beyond it."""
        for model in (
            "fl.student",
            "fl.enrollment",
            "fl.transfer.request",
            "fl.transfer.disclosure",
            "fl.transfer.import.log",
            "fl.transfer.peer",
            "fl.district",
            "fl.school",
            "fl.course.history",
        ):
            for operation in ("read", "write", "create", "unlink"):
                with self.subTest(model=model, operation=operation):
                    self.assertFalse(
                        self.env[model].with_user(self.tech).has_access(operation)
                    )
