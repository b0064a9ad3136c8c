"""Workflow integrity as each internal actor would attack it: a registrar
without the approve right, an approver, a plain internal user, a district
transfer administrator and the Settings administrator, each logged in with
their real password, over the web client's JSON-RPC (``/web/dataset/call_kw``
after ``/web/session/authenticate``) and the external one (``/jsonrpc``,
``object.execute_kw``). Every forged change is refused and leaves the
database as it was; the buttons, and Transfer To saved by its editors on a
W3A withdrawal, still work through the same routes."""

import datetime
import json
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME
from odoo.tools import mute_logger

from odoo.addons.focus_transfers.models.enrollment import FlEnrollment

ACCESS = "odoo.exceptions.AccessError"
USER = "odoo.exceptions.UserError"
VALIDATION = "odoo.exceptions.ValidationError"
# what a client may put in its context: nothing in it unlocks a rule
FORGED_CONTEXT = {"fl_transfer_approval": True, "tracking_disable": True}


@tagged("post_install", "-at_install")
class TestWorkflowIntegrity(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.district = env["fl.district"]._lookup("12")
        cls.requester = env["fl.district"]._lookup("61")
        cls.stranger = env["fl.district"]._lookup("37")
        env.company.fl_district_id = cls.district
        cls.school = env["fl.school"].create(
            {"district_id": cls.district.id, "number": "9301", "name": "Guard High"}
        )
        cls.year = env["fl.school.year"].create(
            {
                "name": "2030-2031",
                "code": "20302031",
                "date_start": datetime.date(2030, 8, 1),
                "date_end": datetime.date(2031, 6, 30),
            }
        )
        cls.w3a = env["fl.withdrawal.code"]._lookup("W3A")
        cls.w3b = env["fl.withdrawal.code"]._lookup("W3B")
        cls.student, cls.enrollment = cls._enrolled("Marlow", "Quenby", "2015-03-04")
        cls.other, cls.other_enrollment = cls._enrolled(
            "Tamsin", "Evershed", "2014-06-07"
        )
        cls.users = {
            name: new_test_user(
                env, login=f"wf_{name}", password=f"wf-{name}-pass-2030", groups=group
            )
            for name, group in (
                ("registrar", "focus_transfers.group_registrar"),
                ("approver", "focus_transfers.group_focus_transfers_edit"),
                ("plain", "base.group_user"),
                ("transfer_to_viewer", "focus_transfers.group_transfer_to_view"),
                ("district_admin", "focus_transfers.group_district_transfer_admin"),
            )
        }
        cls.passwords = {
            user: f"wf-{name}-pass-2030" for name, user in cls.users.items()
        }
        cls.admin = env.ref("base.user_admin")
        cls.passwords[cls.admin] = "admin"
        cls.incoming = env["fl.transfer.request"].create(
            {
                "direction": "incoming",
                "student_id": cls.student.id,
                "first_name": "Marlow",
                "last_name": "Quenby",
                "birthdate": datetime.date(2015, 3, 4),
                "district_id": cls.requester.id,
                "requester": "R. Registrar",
                "enrollment_date": datetime.date(2030, 10, 6),
                "remote_reference": "R-77",
            }
        )
        cls.outgoing = env["fl.transfer.request"].create(
            {
                "direction": "outgoing",
                "student_id": cls.other.id,
                "first_name": "Tamsin",
                "last_name": "Evershed",
                "birthdate": datetime.date(2014, 6, 7),
                "district_id": cls.requester.id,
                "enrollment_date": datetime.date(2030, 10, 6),
                "remote_reference": "41",
            }
        )
        cls.disclosure = env["fl.transfer.disclosure"].create(
            {
                "student_id": cls.student.id,
                "district_id": cls.requester.id,
                "basis": "request",
                "sections": "demographics",
            }
        )
        cls.log = env["fl.transfer.import.log"].create(
            {
                "student_id": cls.other.id,
                "district_id": cls.requester.id,
                "sections": "grades",
            }
        )

    @classmethod
    def _enrolled(cls, first, last, birthdate):
        student = cls.env["fl.student"].create(
            {"first_name": first, "last_name": last, "birthdate": birthdate}
        )
        enrollment = cls.env["fl.enrollment"].create(
            {
                "student_id": student.id,
                "school_id": cls.school.id,
                "school_year_id": cls.year.id,
                "grade_level_id": cls.env["fl.grade.level"]._lookup("09").id,
                "enrollment_date": datetime.date(2030, 8, 15),
            }
        )
        return student, enrollment

    # -- the two RPC routes, with real passwords ------------------------------

    def _post(self, path, params):
        response = self.url_open(
            path,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        return response.json()

    def web_session(self, user):
        """A web client session of ``user``, opened with its password."""
        if getattr(self, "_session_user", None) == (self.opener, user):
            return
        self.opener.cookies.clear()
        self.opener.cookies[TEST_CURSOR_COOKIE_NAME] = self.http_request_key
        reply = self._post(
            "/web/session/authenticate",
            {
                "db": self.env.cr.dbname,
                "login": user.login,
                "password": self.passwords[user],
            },
        )
        self.assertEqual(reply.get("result", {}).get("uid"), user.id, reply)
        self._session_user = (self.opener, user)

    def call_kw(self, user, model, method, args, **kwargs):
        """The web client's call: /web/dataset/call_kw in ``user``'s session."""
        self.web_session(user)
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def execute_kw(self, user, model, method, args, **kwargs):
        """An external client's call: /jsonrpc, login then execute_kw."""
        db, password = self.env.cr.dbname, self.passwords[user]
        login = self._post(
            "/jsonrpc",
            {
                "service": "common",
                "method": "login",
                "args": [db, user.login, password],
            },
        )
        self.assertEqual(login.get("result"), user.id, login)
        return self._post(
            "/jsonrpc",
            {
                "service": "object",
                "method": "execute_kw",
                "args": [db, user.id, password, model, method, args, kwargs],
            },
        )

    def assertRefused(self, reply, error=ACCESS):
        self.assertIn("error", reply, reply)
        self.assertEqual(reply["error"]["data"]["name"], error, reply["error"])

    def assertOk(self, reply):
        self.assertNotIn("error", reply, reply.get("error"))
        return reply["result"]

    def attack(self, users, model, method, args, error=ACCESS, **kwargs):
        """Each of ``users`` tries the call over both routes (the forged
        context included): all refused."""
        kwargs.setdefault("context", FORGED_CONTEXT)
        with mute_logger("odoo.http"):
            for user in users:
                for route in (self.call_kw, self.execute_kw):
                    with self.subTest(user=user.login, route=route.__name__):
                        self.assertRefused(
                            route(user, model, method, args, **kwargs), error
                        )

    def snapshot(self, records, fnames):
        self.env.invalidate_all()
        return records.sudo().read(fnames)

    @property
    def staff(self):
        """Every internal actor, the Settings administrator included."""
        return [*self.users.values(), self.admin]

    # -- transfer requests ----------------------------------------------------

    REQUEST_FIELDS = [
        "state",
        "direction",
        "student_id",
        "district_id",
        "deny_reason",
        "deny_note",
        "withdrawn_enrollment_id",
        "outcome_to_send",
        "remote_reference",
        "enrollment_date",
    ]

    def test_request_state_and_decision_not_writable(self):
        requests = self.incoming | self.outgoing
        before = self.snapshot(requests, self.REQUEST_FIELDS)
        for forged in (
            {"state": "approved"},
            {"state": "denied", "deny_reason": "other"},
            {"outcome_to_send": True},
            {"withdrawn_enrollment_id": self.enrollment.id},
            {"remote_reference": "R-78"},
            {"direction": "outgoing"},
            {"district_id": self.stranger.id},
            {"enrollment_date": "2030-09-01"},
        ):
            self.attack(
                self.staff, "fl.transfer.request", "write", [requests.ids, forged]
            )
        # the outgoing request cannot be marked approved by the other district
        self.attack(
            self.staff,
            "fl.transfer.request",
            "write",
            [self.outgoing.ids, {"state": "approved"}],
        )
        self.assertEqual(self.snapshot(requests, self.REQUEST_FIELDS), before)
        self.assertFalse(self.enrollment.drop_date)
        self.assertIsNone(self.student._peer_release_basis(self.requester))

    def test_request_not_created_directly(self):
        count = self.env["fl.transfer.request"].search_count([])
        base = {
            "student_id": self.student.id,
            "first_name": "Marlow",
            "last_name": "Quenby",
            "birthdate": "2015-03-04",
            "district_id": self.stranger.id,
            "enrollment_date": "2030-10-06",
        }
        for forged in (
            dict(base, direction="incoming", state="approved"),
            dict(base, direction="incoming"),
            dict(base, direction="outgoing", state="approved"),
        ):
            self.attack(self.staff, "fl.transfer.request", "create", [forged])
        self.attack(self.staff, "fl.transfer.request", "copy", [self.incoming.id])
        self.assertEqual(self.env["fl.transfer.request"].search_count([]), count)
        self.assertIsNone(self.student._peer_release_basis(self.stranger))

    def test_request_not_deleted(self):
        self.attack(
            self.staff,
            "fl.transfer.request",
            "unlink",
            [(self.incoming | self.outgoing).ids],
        )
        self.assertTrue((self.incoming | self.outgoing).exists())

    def test_student_and_reason_only_for_an_approver_while_pending(self):
        before = self.snapshot(self.incoming, self.REQUEST_FIELDS)
        others = [
            self.users["registrar"],
            self.users["plain"],
            self.users["transfer_to_viewer"],
        ]
        for forged in (
            {"student_id": self.other.id},
            {"deny_reason": "legal_hold"},
            {"deny_note": "forged"},
        ):
            self.attack(
                others, "fl.transfer.request", "write", [self.incoming.ids, forged]
            )
            self.attack(
                others,
                "fl.transfer.request",
                "web_save",
                [self.incoming.ids, forged],
                specification={},
            )
        # an approver on an outgoing request: not theirs to choose
        self.attack(
            [self.users["approver"]],
            "fl.transfer.request",
            "write",
            [self.outgoing.ids, {"student_id": self.student.id}],
        )
        self.assertEqual(self.snapshot(self.incoming, self.REQUEST_FIELDS), before)

    def test_approver_chooses_student_and_reason_then_denies(self):
        """The web client's own calls: save the form (web_save), then Deny."""
        approver = self.users["approver"]
        result = self.assertOk(
            self.call_kw(
                approver,
                "fl.transfer.request",
                "web_save",
                [
                    self.incoming.ids,
                    {
                        "student_id": self.other.id,
                        "deny_reason": "identity_mismatch",
                        "deny_note": "Birthdate differs.",
                    },
                ],
                specification={"state": {}},
            )
        )
        self.assertEqual(result[0]["state"], "pending")
        self.assertOk(
            self.call_kw(
                approver, "fl.transfer.request", "action_deny", [self.incoming.ids]
            )
        )
        self.env.invalidate_all()
        self.assertEqual(self.incoming.state, "denied")
        self.assertEqual(self.incoming.student_id, self.other)
        self.assertTrue(self.incoming.outcome_to_send)
        # who chose the student is on the request's chatter
        tracked = self.incoming.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "student_id"
        )
        self.assertEqual(tracked.mail_message_id.author_id, approver.partner_id)
        # decided: the reason and the student are frozen, for the approver too
        self.attack(
            [approver, self.users["district_admin"]],
            "fl.transfer.request",
            "write",
            [
                self.incoming.ids,
                {"deny_reason": "other", "student_id": self.student.id},
            ],
        )
        self.assertEqual(self.incoming.deny_reason, "identity_mismatch")

    def test_approve_button_is_the_way(self):
        """Only Approve withdraws the student and authorises the requester:
        refused to a registrar, done for an approver who may not set
        Transfer To by hand."""
        self.attack(
            [self.users["registrar"], self.users["plain"]],
            "fl.transfer.request",
            "action_approve",
            [self.incoming.ids],
        )
        self.assertFalse(self.enrollment.drop_date)
        approver = self.users["approver"]
        self.assertOk(
            self.execute_kw(
                approver, "fl.transfer.request", "action_approve", [self.incoming.ids]
            )
        )
        self.env.invalidate_all()
        self.assertEqual(self.incoming.state, "approved")
        self.assertEqual(self.incoming.withdrawn_enrollment_id, self.enrollment)
        self.assertEqual(self.enrollment.withdrawal_code_id, self.w3a)
        self.assertEqual(self.enrollment.transfer_to_id, self.requester)
        self.assertEqual(
            self.student._peer_release_basis(self.requester)[0], "transfer_to"
        )

    def test_our_own_request_is_not_decided_here(self):
        """Our outgoing request is decided by the other district: neither
        Approve nor Deny here, for an approver either."""
        self.outgoing.deny_reason = "other"
        for method in ("action_approve", "action_deny"):
            self.attack(
                [self.users["approver"]],
                "fl.transfer.request",
                method,
                [self.outgoing.ids],
                error=USER,
            )
        self.env.invalidate_all()
        self.assertEqual(self.outgoing.state, "pending")

    def test_cancel_and_submit_need_no_direct_write(self):
        """Cancel Request writes the state as the system: a registrar can."""
        self.outgoing.remote_reference = False  # nothing to tell the peer
        self.assertOk(
            self.call_kw(
                self.users["registrar"],
                "fl.transfer.request",
                "action_cancel",
                [self.outgoing.ids],
            )
        )
        self.env.invalidate_all()
        self.assertEqual(self.outgoing.state, "cancelled")

    # -- record of disclosures -------------------------------------------------

    DISCLOSURE_FIELDS = [
        "student_id",
        "district_id",
        "disclosure_date",
        "sections",
        "basis",
        "receipt_by",
    ]

    def test_disclosures_append_only(self):
        before = self.snapshot(self.disclosure, self.DISCLOSURE_FIELDS)
        count = self.env["fl.transfer.disclosure"].search_count([])
        model = "fl.transfer.disclosure"
        for forged in (
            {"student_id": self.other.id},
            {"district_id": self.stranger.id},
            {"sections": "demographics, grades"},
            {"receipt_by": "Nobody"},
        ):
            self.attack(self.staff, model, "write", [self.disclosure.ids, forged])
        self.attack(self.staff, model, "unlink", [self.disclosure.ids])
        self.attack(
            self.staff,
            model,
            "create",
            [
                {
                    "student_id": self.other.id,
                    "district_id": self.stranger.id,
                    "basis": "transfer_to",
                }
            ],
        )
        # through the student's one2many, as the web client would save it
        for command in (
            [1, self.disclosure.id, {"student_id": self.other.id}],
            [2, self.disclosure.id, 0],
            [0, 0, {"district_id": self.stranger.id, "basis": "transfer_to"}],
        ):
            self.attack(
                [self.users["registrar"], self.users["district_admin"], self.admin],
                "fl.student",
                "write",
                [self.student.ids, {"disclosure_ids": [command]}],
            )
        self.assertEqual(self.snapshot(self.disclosure, self.DISCLOSURE_FIELDS), before)
        self.assertEqual(self.env["fl.transfer.disclosure"].search_count([]), count)

    def test_peer_user_changes_nothing_by_hand_either(self):
        """Were the peer's technical user given rights on its requests and
        disclosures, the models would refuse it all the same (what it may do
        goes through the peer API's methods)."""
        tech = new_test_user(
            self.env, login="wf_peer_tech", groups="focus_transfers.group_peer_api"
        )
        for model in ("fl.transfer.request", "fl.transfer.disclosure"):
            self.env["ir.model.access"].create(
                {
                    "name": f"{model} granted by this test",
                    "model_id": self.env["ir.model"]._get_id(model),
                    "group_id": self.env.ref("focus_transfers.group_peer_api").id,
                    "perm_read": True,
                    "perm_write": True,
                    "perm_create": True,
                }
            )
        own = (
            self.env["fl.transfer.request"]
            .with_user(tech)
            .sudo()
            ._peer_receive(
                self.env["fl.transfer.peer"].create(
                    {"district_id": self.requester.id, "base_url": "http://127.0.0.1:9"}
                ),
                self.student,
                {
                    "first_name": "Marlow",
                    "last_name": "Quenby",
                    "birthdate": datetime.date(2015, 3, 4),
                    "enrollment_date": datetime.date(2030, 10, 6),
                    "remote_reference": "R-79",
                },
            )
            .with_user(tech)
        )
        self.assertEqual(own.create_uid, tech)
        for forged in ({"state": "approved"}, {"student_id": self.other.id}):
            with self.assertRaisesRegex(AccessError, "cannot be written"):
                own.write(forged)
        with self.assertRaisesRegex(AccessError, "not created directly"):
            own.create({"direction": "incoming", "state": "approved"})
        self.assertEqual(own.sudo().state, "pending")
        mine = self.env["fl.transfer.disclosure"].create(
            {
                "student_id": self.student.id,
                "district_id": self.requester.id,
                "user_id": tech.id,
                "basis": "transfer_to",
            }
        )
        with self.assertRaisesRegex(AccessError, "kept by the system"):
            mine.with_user(tech).write({"student_id": self.other.id})
        with self.assertRaisesRegex(AccessError, "kept by the system"):
            self.env["fl.transfer.disclosure"].with_user(tech).create(
                {
                    "student_id": self.other.id,
                    "district_id": self.requester.id,
                    "basis": "transfer_to",
                }
            )
        self.assertEqual(mine.student_id, self.student)

    # -- transfer import log ---------------------------------------------------

    LOG_FIELDS = ["student_id", "district_id", "user_id", "sections", "receipt_state"]

    def test_import_log_kept_by_the_system(self):
        before = self.snapshot(self.log, self.LOG_FIELDS)
        count = self.env["fl.transfer.import.log"].search_count([])
        model = "fl.transfer.import.log"
        self.attack(
            self.staff,
            model,
            "create",
            [{"student_id": self.student.id, "district_id": self.requester.id}],
        )
        for forged in (
            {"student_id": self.student.id},
            {"receipt_state": "sent"},
            {"sections": "demographics"},
        ):
            self.attack(self.staff, model, "write", [self.log.ids, forged])
        self.attack(self.staff, model, "unlink", [self.log.ids])
        for command in (
            [1, self.log.id, {"sections": "tests"}],
            [2, self.log.id, 0],
            [0, 0, {"district_id": self.stranger.id}],
        ):
            self.attack(
                [self.users["registrar"], self.admin],
                "fl.student",
                "write",
                [self.other.ids, {"transfer_import_log_ids": [command]}],
            )
        self.assertEqual(self.snapshot(self.log, self.LOG_FIELDS), before)
        self.assertEqual(self.env["fl.transfer.import.log"].search_count([]), count)

    # -- Transfer To -------------------------------------------------------------

    def _w3a(self, district=None, code=None):
        return {
            "drop_date": "2030-09-30",
            "withdrawal_code_id": (code or self.w3a).id,
            "transfer_to_id": (district or self.stranger).id,
        }

    def test_transfer_to_only_for_its_editors(self):
        """Without 'Transfer To: View and Edit' (a viewer of it, an approver,
        a plain user), on no route, with no context."""
        fnames = ["drop_date", "withdrawal_code_id", "transfer_to_id"]
        before = self.snapshot(self.enrollment, fnames)
        users = [
            self.users["transfer_to_viewer"],
            self.users["approver"],
            self.users["plain"],
        ]
        self.attack(users, "fl.enrollment", "write", [self.enrollment.ids, self._w3a()])
        self.attack(
            users,
            "fl.enrollment",
            "web_save",
            [self.enrollment.ids, self._w3a()],
            specification={},
        )
        self.attack(
            users,
            "fl.student",
            "write",
            [
                self.student.ids,
                {"enrollment_ids": [[1, self.enrollment.id, self._w3a()]]},
            ],
        )
        self.assertEqual(self.snapshot(self.enrollment, fnames), before)

    def test_transfer_to_only_on_a_w3a_withdrawal(self):
        registrar = self.users["registrar"]
        self.attack(
            [registrar],
            "fl.enrollment",
            "write",
            [self.enrollment.ids, {"transfer_to_id": self.stranger.id}],
            error=VALIDATION,
        )
        self.attack(
            [registrar],
            "fl.enrollment",
            "write",
            [self.enrollment.ids, self._w3a(code=self.w3b)],
            error=VALIDATION,
        )
        self.assertFalse(self.enrollment.sudo().transfer_to_id)
        self.assertFalse(self.enrollment.drop_date)

    def test_transfer_to_saved_by_its_editor_and_the_approval_follows(self):
        """The web client saves a registrar's W3A + Transfer To through the
        same RPC: accepted, and it is an approved outgoing transfer (the
        hook runs) whatever context the client sends."""
        hook = FlEnrollment._on_outgoing_transfer_approved
        with patch.object(
            FlEnrollment,
            "_on_outgoing_transfer_approved",
            autospec=True,
            side_effect=hook,
        ) as called:
            self.assertOk(
                self.call_kw(
                    self.users["registrar"],
                    "fl.enrollment",
                    "web_save",
                    [self.enrollment.ids, self._w3a()],
                    specification={"state": {}},
                    context=FORGED_CONTEXT,
                )
            )
            self.assertOk(
                self.execute_kw(
                    self.users["district_admin"],
                    "fl.enrollment",
                    "write",
                    [self.enrollment.ids, {"transfer_to_id": self.requester.id}],
                    context=FORGED_CONTEXT,
                )
            )
        self.assertEqual(called.call_count, 2)
        self.env.invalidate_all()
        self.assertEqual(self.enrollment.transfer_to_id, self.requester)
        self.assertEqual(self.enrollment.withdrawal_code_id, self.w3a)

    def _transferred_out(self, **extra):
        """The student withdrawn W3A with Transfer To = 61, by the system."""
        self.enrollment.write(
            dict(
                drop_date=datetime.date(2030, 9, 30),
                withdrawal_code_id=self.w3a.id,
                transfer_to_id=self.requester.id,
                **extra,
            )
        )

    def test_withdrawal_carrying_transfer_to_kept_by_its_editors(self):
        """Its dates, drop code and student are the authorisation: without
        the Transfer To right nobody moves them (e.g. a drop date within 60
        days again), on any route."""
        self._transferred_out()
        fnames = ["student_id", "enrollment_date", "drop_date", "withdrawal_code_id"]
        before = self.snapshot(self.enrollment, fnames)
        users = [
            self.users["transfer_to_viewer"],
            self.users["approver"],
            self.users["plain"],
        ]
        for forged in (
            {"drop_date": "2031-06-01"},
            {"enrollment_date": "2030-08-01"},
            {"student_id": self.other.id},
            {"withdrawal_code_id": self.w3b.id, "drop_date": "2030-10-01"},
        ):
            self.attack(users, "fl.enrollment", "write", [self.enrollment.ids, forged])
        self.assertEqual(self.snapshot(self.enrollment, fnames), before)
        # its editor may
        self.assertOk(
            self.call_kw(
                self.users["registrar"],
                "fl.enrollment",
                "write",
                [self.enrollment.ids, {"drop_date": "2030-10-01"}],
            )
        )
        self.env.invalidate_all()
        self.assertEqual(self.enrollment.drop_date, datetime.date(2030, 10, 1))

    def test_older_transfer_to_not_brought_back_by_dates(self):
        """A student who left with Transfer To = 61 and came back: moving the
        new enrollment's dates before the old one (what any staff member may
        edit) does not make the old authorisation the last again."""
        self._transferred_out()
        back = self.env["fl.enrollment"].create(
            {
                "student_id": self.student.id,
                "school_id": self.school.id,
                "school_year_id": self.year.id,
                "grade_level_id": self.env["fl.grade.level"]._lookup("09").id,
                "enrollment_date": datetime.date(2030, 11, 2),
            }
        )
        self.assertIsNone(self.student._peer_release_basis(self.requester))
        self.assertOk(
            self.call_kw(
                self.users["plain"],
                "fl.enrollment",
                "web_save",
                [
                    back.ids,
                    {
                        "enrollment_date": "2030-08-01",
                        "drop_date": "2030-08-10",
                        "withdrawal_code_id": self.w3b.id,
                    },
                ],
                specification={"state": {}},
            )
        )
        self.env.invalidate_all()
        self.assertEqual(back.state, "withdrawn")
        self.assertIsNone(self.student._peer_release_basis(self.requester))
