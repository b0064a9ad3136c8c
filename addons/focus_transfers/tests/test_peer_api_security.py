"""The peer API attacked as the other district would: with its technical
user's real API key over real HTTP, through Odoo's RPC, with names made of
pattern characters, probing who is enrolled, and with malformed input. Each
test asserts the refusal, that nothing changed, and a clean log."""

import datetime
import json
import xmlrpc.client
from contextlib import contextmanager

from odoo.exceptions import AccessError
from odoo.tests import get_db_name, tagged

from odoo.addons.focus_transfers.controllers.peer_api import MAX_BODY
from odoo.addons.focus_transfers.models.transfer_peer import (
    API_PREFIX,
    FAILED_LOOKUPS_PARAM,
    PEER_SCOPE,
)

from .peer_common import STUDENT_NUMBER, PeerCase

NOT_AUTHORISED = (403, "not_authorised")


class PeerAttackCase(PeerCase):
    @contextmanager
    def assertCleanLog(self, refused_logins=False):
        """No WARNING or ERROR from Odoo or werkzeug (what CI fails on) but,
        with ``refused_logins``, the one Odoo writes for each refused RPC
        login ("Access Denied"), whoever the user."""
        with (
            self.assertNoLogs("odoo", "WARNING"),
            self.assertNoLogs("werkzeug", "WARNING"),
        ):
            if not refused_logins:
                yield
                return
            with self.assertLogs("odoo.http", "WARNING") as logs:
                yield
            self.assertEqual(set(logs.output), {"WARNING:odoo.http:Access Denied"})

    def snapshot(self):
        """What a refused call must leave as it was."""
        self.env.invalidate_all()
        return {
            model: self.env[model].sudo().search_read([], fields, order="id")
            for model, fields in (
                ("fl.transfer.request", ["state", "student_id", "district_id"]),
                ("fl.transfer.disclosure", ["student_id", "receipt_date"]),
                ("fl.enrollment", ["drop_date", "transfer_to_id"]),
                ("fl.student", ["first_name", "last_name"]),
            )
        }

    def _withdraw_to_peer(self, day=datetime.date(2030, 9, 1)):
        """Transfer To = the peer: its package is released."""
        self.enrollment.write(
            {
                "drop_date": day,
                "withdrawal_code_id": self.w3a.id,
                "transfer_to_id": self.other_district.id,
            }
        )


@tagged("post_install", "-at_install")
class TestPeerUserHasNoRpc(PeerAttackCase):
    """The other district's technical user calls the peer API and nothing
    else: no JSON-RPC, no XML-RPC, no web session, no ``auth='bearer'``."""

    def jsonrpc(self, service, method, *args):
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {"service": service, "method": method, "args": args},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def assertNoRpc(self, password):
        """``password`` (a password or an API key of the technical user)
        opens no RPC door and no web session."""
        db, login, uid = get_db_name(), self.tech.login, self.tech.id
        for method in ("login", "authenticate"):
            args = (db, login, password) + (({},) if method == "authenticate" else ())
            reply = self.jsonrpc("common", method, *args)
            self.assertFalse(reply.get("result"), reply)
            self.assertFalse(self.xmlrpc_common.authenticate(db, login, password, {}))
        for model, method, args in (
            ("fl.student", "search_read", [[]]),
            ("fl.enrollment", "search_read", [[]]),
            ("fl.transfer.request", "search_read", [[]]),
            ("fl.transfer.disclosure", "search_read", [[]]),
            ("fl.transfer.request", "create", [{"direction": "incoming"}]),
            ("res.users", "read", [[uid], ["login"]]),
        ):
            with self.subTest(model=model, method=method):
                reply = self.jsonrpc(
                    "object", "execute_kw", db, uid, password, model, method, args
                )
                self.assertNotIn("result", reply)
                self.assertEqual(
                    reply["error"]["data"]["name"], "odoo.exceptions.AccessDenied"
                )
                with self.assertRaisesRegex(xmlrpc.client.Fault, "Access Denied"):
                    self.xmlrpc_object.execute_kw(
                        db, uid, password, model, method, args
                    )
        reply = self.make_jsonrpc_request_raw(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )
        self.assertNotIn("result", reply)
        self.assertIn("AccessDenied", reply["error"]["data"]["name"])

    def make_jsonrpc_request_raw(self, route, params):
        response = self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def test_its_api_key_is_scoped_to_the_peer_api(self):
        self.env.cr.execute(
            "SELECT scope FROM res_users_apikeys WHERE user_id = %s", [self.tech.id]
        )
        self.assertEqual(self.env.cr.fetchall(), [(PEER_SCOPE,)])

    def test_no_rpc_with_its_api_key(self):
        before = self.snapshot()
        with self.assertCleanLog(refused_logins=True):
            self.assertNoRpc(self.key)
        self.assertEqual(self.snapshot(), before)
        # the same key still opens the peer API
        self.assertEqual(self.call("GET", "/capabilities")[0], 200)

    def test_no_rpc_with_a_password_or_a_key_without_scope(self):
        """An administrator gave it a password, or a key made without a scope
        (as before this version, or by hand): still no RPC, no web session."""
        self.tech.password = "Peer-tech-pass-1"
        global_key = self._api_key(self.tech)  # scope NULL: any RPC, for Odoo
        before = self.snapshot()
        with self.assertCleanLog(refused_logins=True):
            for password in ("Peer-tech-pass-1", global_key):
                with self.subTest(password=password[:4]):
                    self.assertNoRpc(password)
        self.assertEqual(self.snapshot(), before)

    def test_new_api_key_for_settings_administrators_only(self):
        """The technical user cannot sign in to make a key: a Settings
        administrator makes one from the peer form, for the peer API only."""
        admin = self.env.ref("base.user_admin")
        action = self.peer.with_user(admin).action_new_api_key()
        key = action["context"]["default_key"]
        self.assertEqual(self.call("GET", "/capabilities", key=key)[0], 200)
        self.assertFalse(
            self.env["res.users.apikeys"]._check_credentials(scope="rpc", key=key)
        )
        with self.assertRaises(AccessError):
            self.peer.with_user(self.approver).action_new_api_key()

    def test_no_bearer_route_with_a_key_without_scope(self):
        """Odoo's own ``auth='bearer'`` routes (/json/1) refuse its keys."""
        self.env["ir.config_parameter"].set_param("web.json.enabled", "1")
        global_key = self._api_key(self.tech)
        for key in (self.key, global_key):
            with self.subTest(key=key[:4]), self.assertCleanLog():
                response = self.url_open(
                    "/json/1/action-focus_transfers.fl_transfer_request_action",
                    headers={"Authorization": f"Bearer {key}"},
                    allow_redirects=False,
                )
                self.assertEqual(response.status_code, 401)


@tagged("post_install", "-at_install")
class TestPeerNameMatching(PeerAttackCase):
    """Names are matched literally, case ignored: ``%``, ``_`` and ``\\``
    match only themselves."""

    def test_pattern_characters_match_no_student(self):
        self._withdraw_to_peer()
        before = self.snapshot()
        for first, last in (
            ("%", "%"),
            ("_very", "Thornbury"),
            ("Avery", "Thorn%"),
            ("A____", "T________"),
            ("\\Avery", "Thornbury"),
        ):
            body = {"first_name": first, "last_name": last, "birthdate": "2015-04-02"}
            with self.subTest(first=first, last=last):
                self.assertError(
                    self.call(
                        "POST",
                        "/requests",
                        self.request_body(**body, florida_student_id=""),
                    ),
                    *NOT_AUTHORISED,
                )
                self.assertError(self.call("POST", "/package", body), *NOT_AUTHORISED)
        self.assertEqual(self.snapshot(), before)

    def test_names_with_pattern_characters_match_themselves(self):
        odd = self.env["fl.student"].create(
            {"first_name": "Jo_n%", "last_name": "O\\Neil", "birthdate": "2015-04-02"}
        )
        Student = self.env["fl.student"]
        self.assertEqual(
            Student._find_returning("jo_n%", "o\\neil", datetime.date(2015, 4, 2)), odd
        )
        self.assertFalse(
            Student._find_returning("Joan%", "O\\Neil", datetime.date(2015, 4, 2))
        )
        status, reply = self.call(
            "POST",
            "/requests",
            self.request_body(
                florida_student_id="", first_name="JO_N%", last_name="o\\neil"
            ),
        )
        self.assertEqual(status, 201, reply)
        self.assertEqual(
            self.env["fl.transfer.request"].browse(reply["id"]).student_id, odd
        )


@tagged("post_install", "-at_install")
class TestPeerNoOracle(PeerAttackCase):
    """ "No such student" and "not released to you" are one answer in every
    endpoint, and no answer carries what the peer did not send."""

    def test_one_answer_for_unknown_and_not_authorised(self):
        """Unknown, known but not released, left > 60 days ago, twins: the
        same status, code and message, at /requests, /package, /receipts."""
        self._left_long_ago()  # Noor Halvorsen
        for __ in range(2):  # twins: same names and birthdate
            self.enroll(
                self.env["fl.student"].create(
                    {
                        "first_name": "Mira",
                        "last_name": "Castell",
                        "birthdate": "2016-05-05",
                    }
                )
            )
        cases = {
            "unknown": {
                "florida_student_id": "1299999999",
                "first_name": "Nobody",
                "last_name": "Known",
                "birthdate": "2015-04-02",
            },
            "not released": {"florida_student_id": STUDENT_NUMBER},
            "left long ago": {
                "first_name": "Noor",
                "last_name": "Halvorsen",
                "birthdate": "2014-01-09",
            },
            "twins": {
                "first_name": "Mira",
                "last_name": "Castell",
                "birthdate": "2016-05-05",
            },
        }
        before = self.snapshot()
        answers = {}
        with self.assertCleanLog():
            for case, identity in cases.items():
                answers["package", case] = self.call("POST", "/package", identity)
                answers["receipts", case] = self.call(
                    "POST", "/receipts", dict(identity, sections=["grades"])
                )
            # a request asks for a release: recorded for any student of ours
            # (twins included, the approver chooses), refused for the others
            for case in ("unknown", "left long ago"):
                body = self.request_body(florida_student_id="", reference=case)
                answers["requests", case] = self.call(
                    "POST", "/requests", dict(body, **cases[case])
                )
        first = answers["package", "unknown"]
        self.assertError(first, *NOT_AUTHORISED)
        for key, answer in answers.items():
            with self.subTest(endpoint=key[0], case=key[1]):
                self.assertEqual(answer, first)
        self.assertEqual(self.snapshot(), before)

    def test_status_tells_no_date_the_peer_did_not_send(self):
        """The student had already left (a W3B): approving authorises the
        peer on that enrollment, whose drop date the status does not tell."""
        self.enrollment.write(
            {
                "drop_date": datetime.date(2030, 9, 20),
                "withdrawal_code_id": self.env["fl.withdrawal.code"]._lookup("W3B").id,
            }
        )
        __, reply = self.call("POST", "/requests", self.request_body())
        request = self.env["fl.transfer.request"].browse(reply["id"])
        request.with_user(self.approver).action_approve()
        answers = [
            reply,
            self.call("GET", f"/requests/{request.id}")[1],
            self.call("POST", f"/requests/{request.id}/cancel")[1],
        ]
        self.assertEqual(answers[1]["state"], "approved")
        self.assertIsNone(answers[1]["withdrawal_date"])
        text = json.dumps(answers)
        for ours in ("2030-09-20", "2030-08-15", self.school.name, "9001"):
            self.assertNotIn(ours, text)

    def test_no_reason_told_before_the_decision(self):
        """An approver may note a reason on a pending request before deciding:
        the requesting district reads it only once the request is denied."""
        __, reply = self.call("POST", "/requests", self.request_body())
        request = self.env["fl.transfer.request"].browse(reply["id"])
        request.with_user(self.approver).write(
            {"deny_reason": "legal_hold", "deny_note": "custody papers to check"}
        )
        status = self.call("GET", f"/requests/{request.id}")[1]
        self.assertEqual(status["state"], "pending")
        self.assertIsNone(status["deny_reason"])
        self.assertIsNone(status["deny_note"])
        request.with_user(self.approver).action_deny()
        status = self.call("GET", f"/requests/{request.id}")[1]
        self.assertEqual(
            (status["state"], status["deny_reason"], status["deny_note"]),
            ("denied", "legal_hold", "custody papers to check"),
        )

    def test_answers_carry_only_what_the_peer_sent(self):
        """The peer sends a lower-case name: no answer has our spelling, our
        school, our dates or our student's record id."""
        body = self.request_body(first_name="avery", last_name="thornbury")
        status, created = self.call("POST", "/requests", body)
        self.assertEqual(status, 201, created)
        request = self.env["fl.transfer.request"].browse(created["id"])
        request.with_user(self.approver).action_approve()
        answers = {
            "create": created,
            "status": self.call("GET", f"/requests/{request.id}")[1],
            "decided": self.call(
                "POST", "/requests/decided", {"references": [request.id]}
            )[1],
        }
        self.assertEqual(
            set(answers["status"]),
            {"id", "state", "deny_reason", "deny_note", "withdrawal_date"},
        )
        self.assertEqual(answers["status"]["withdrawal_date"], "2030-10-05")
        text = json.dumps(answers)
        for ours in ("Avery", "Thornbury", self.school.name, "2030-08-15"):
            self.assertNotIn(ours, text)


@tagged("post_install", "-at_install")
class TestPeerMalformedInput(PeerAttackCase):
    """Every malformed input: a stable JSON error (4xx), no traceback and no
    WARNING in the log, nothing changed."""

    def send(self, method, path, data=None, headers=None):
        """(status, decoded JSON) of a raw HTTP call with the peer's key."""
        return self.call(method, path, raw=data, headers=headers)

    def assertRefused(self, reply, status, code="bad_request"):
        self.assertEqual(reply[0], status, reply[1])
        self.assertEqual(set(reply[1]), {"error"})
        self.assertEqual(reply[1]["error"]["code"], code, reply[1])
        self.assertNotIn("Traceback", reply[1]["error"]["message"])

    def test_ids_out_of_range(self):
        before = self.snapshot()
        with self.assertCleanLog():
            for request_id in (str(2**70), str(2**31), "-1", "0", "-" + str(2**70)):
                with self.subTest(request_id=request_id):
                    self.assertRefused(
                        self.send("GET", f"/requests/{request_id}"), 404, "not_found"
                    )
                    self.assertRefused(
                        self.send("POST", f"/requests/{request_id}/cancel"),
                        404,
                        "not_found",
                    )
            for number in (2**70, -(2**70), -1, 0, "²", "1" * 300):
                with self.subTest(florida_student_id=str(number)[:20]):
                    self.assertRefused(
                        self.send(
                            "POST",
                            "/package",
                            json.dumps({"florida_student_id": number}),
                        ),
                        *NOT_AUTHORISED,
                    )
            for request_id in ("%C2%B2", "%D9%A3" * 20, "1.5", "0x10", "%FF"):
                with self.subTest(request_id=request_id):
                    self.assertRefused(
                        self.send("GET", f"/requests/{request_id}"), 404, "not_found"
                    )
            for references in ([2**70], [-1], ["²"], [str(2**70)], ["1" * 5000]):
                with self.subTest(references=str(references)[:20]):
                    status, reply = self.send(
                        "POST",
                        "/requests/decided",
                        json.dumps({"references": references}),
                    )
                    self.assertEqual((status, reply), (202, {"refreshing": 0}))
        self.assertEqual(self.snapshot(), before)

    def test_control_characters_and_lone_surrogates(self):
        before = self.snapshot()
        with self.assertCleanLog():
            for value in ("Av\x00ery", "Av\x1bery", "Avery\x7f", "\ud800", "\udfff"):
                for field in ("first_name", "reference", "requester"):
                    with self.subTest(field=field, value=repr(value)):
                        body = json.dumps(self.request_body(**{field: value}))
                        self.assertRefused(self.send("POST", "/requests", body), 400)
                self.assertRefused(
                    self.send(
                        "POST",
                        "/receipts",
                        json.dumps({"florida_student_id": STUDENT_NUMBER, "by": value}),
                    ),
                    400,
                )
                self.assertRefused(
                    self.send(
                        "POST",
                        "/receipts",
                        json.dumps(
                            {"florida_student_id": STUDENT_NUMBER, "sections": [value]}
                        ),
                    ),
                    400,
                )
        self.assertEqual(self.snapshot(), before)

    def test_deep_nesting_oversize_and_invalid_utf8(self):
        deep = "[" * 10000 + "]" * 10000
        before = self.snapshot()
        with self.assertCleanLog():
            for path in ("/requests", "/package", "/receipts", "/requests/decided"):
                with self.subTest(path=path):
                    self.assertRefused(self.send("POST", path, deep), 400)
                    self.assertRefused(
                        self.send("POST", path, '{"reference": ' + deep + "}"), 400
                    )
                    self.assertRefused(
                        self.send("POST", path, b'{"first_name": "\xff\xfe"}'), 400
                    )
                    self.assertRefused(
                        self.send("POST", path, b"\xef\xbb\xbf\xc3("), 400
                    )
                    big = json.dumps(self.request_body(requester="x" * MAX_BODY))
                    self.assertRefused(self.send("POST", path, big), 413, "too_large")
                    chunks = (b"{}" for __ in range(1))  # no Content-Length
                    self.assertRefused(self.send("POST", path, chunks), 411)
        self.assertEqual(self.snapshot(), before)

    def test_wrong_types_and_stray_parameters(self):
        before = self.snapshot()
        bodies = [
            self.request_body(reference=["R-1"]),
            self.request_body(birthdate=20150402.0),
            self.request_body(first_name={"$ne": ""}),
            self.request_body(enrollment_date=True),
            self.request_body(birthdate="2015-02-30"),
            self.request_body(birthdate="9" * 300),
            [self.request_body()],
            "null",
        ]
        with self.assertCleanLog():
            for body in bodies:
                with self.subTest(body=str(body)[:40]):
                    self.assertRefused(
                        self.send("POST", "/requests", json.dumps(body)), 400
                    )
            for body in (
                {"florida_student_id": STUDENT_NUMBER, "sections": "grades"},
                {"florida_student_id": STUDENT_NUMBER, "sections": [1]},
                {"florida_student_id": STUDENT_NUMBER, "sections": ["x"] * 50},
                {"florida_student_id": [STUDENT_NUMBER]},
            ):
                with self.subTest(body=str(body)[:40]):
                    self.assertRefused(
                        self.send("POST", "/package", json.dumps(body)), 400
                    )
            for references in ([], [True], "1", [[1]], [None], list(range(101))):
                with self.subTest(references=str(references)[:20]):
                    self.assertRefused(
                        self.send(
                            "POST",
                            "/requests/decided",
                            json.dumps({"references": references}),
                        ),
                        400,
                    )
            # query-string and form parameters are no part of the API
            self.assertRefused(self.send("GET", "/capabilities?debug=1"), 400)
            self.assertRefused(
                self.send(
                    "POST",
                    "/requests",
                    "reference=R-1&first_name=Avery",
                    {"Content-Type": "application/x-www-form-urlencoded"},
                ),
                400,
            )
            # bodies Odoo parses before the controller runs
            for content_type, data in (
                ("multipart/form-data; boundary=x", b"--x\r\nbroken"),
                ("multipart/form-data", b"no boundary"),
                ("application/x-www-form-urlencoded", b"first_name=%ff%fe&x"),
                ("text/plain; charset=nope", b"{}"),
            ):
                with self.subTest(content_type=content_type):
                    self.assertRefused(
                        self.send(
                            "POST", "/requests", data, {"Content-Type": content_type}
                        ),
                        400,
                    )
            # a key that is no key, in any shape
            for header in ("Bearer \u00e9\u00e9", "Bearer " + "a" * 300, "Basic x"):
                with self.subTest(header=header[:12]):
                    self.assertRefused(
                        self.send(
                            "GET",
                            "/capabilities",
                            headers={"Authorization": header.encode("latin-1")},
                        ),
                        401,
                        "unauthorized",
                    )
        self.assertEqual(self.snapshot(), before)


@tagged("post_install", "-at_install")
class TestPeerFailedLookupLimit(PeerAttackCase):
    """A peer cannot try names one after the other: past N look-ups matching
    no released student in an hour, every look-up answers 429."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param(FAILED_LOOKUPS_PARAM, "3")

    def unknown(self, number):
        return {"florida_student_id": f"12{number:08d}"}

    def test_past_the_limit_every_lookup_is_refused_for_a_while(self):
        self._withdraw_to_peer()
        with self.assertCleanLog():
            for number in range(3):
                self.assertError(
                    self.call("POST", "/package", self.unknown(number)),
                    *NOT_AUTHORISED,
                )
            before = self.snapshot()
            for path, body in (
                ("/package", self.unknown(9)),
                ("/package", {"florida_student_id": STUDENT_NUMBER}),  # released
                ("/requests", self.request_body()),
                ("/receipts", {"florida_student_id": STUDENT_NUMBER}),
            ):
                with self.subTest(path=path):
                    response = self.opener.post(
                        self.base_url() + API_PREFIX + path,
                        data=json.dumps(body),
                        headers={"Authorization": f"Bearer {self.key}"},
                        timeout=30,
                    )
                    self.assertEqual(response.status_code, 429, response.text)
                    self.assertEqual(
                        response.json()["error"]["code"], "too_many_requests"
                    )
                    self.assertTrue(
                        0 < int(response.headers["Retry-After"]) <= 3600,
                        response.headers,
                    )
        self.assertEqual(self.snapshot(), before)
        # an hour later the allowance is back
        self.env.cr.execute(
            "UPDATE fl_transfer_peer_failed_lookup "
            "SET create_date = create_date - interval '61 minutes'"
        )
        self.assertEqual(
            self.call("POST", "/package", {"florida_student_id": STUDENT_NUMBER})[0],
            200,
        )

    def test_only_the_last_hour_is_kept(self):
        for number in range(2):
            self.call("POST", "/package", self.unknown(number))
        Failure = self.env["fl.transfer.peer.failed.lookup"]
        self.assertEqual(Failure.search_count([("peer_id", "=", self.peer.id)]), 2)
        self.env.cr.execute(
            "UPDATE fl_transfer_peer_failed_lookup SET create_date = "
            "create_date - interval '61 minutes' WHERE id = %s",
            [Failure.search([], limit=1).id],
        )
        Failure.invalidate_model()
        Failure._gc_failed_lookups()
        self.assertEqual(Failure.search_count([("peer_id", "=", self.peer.id)]), 1)

    def test_successful_lookups_do_not_count(self):
        self._withdraw_to_peer()
        for __ in range(5):
            status, reply = self.call(
                "POST", "/package", {"florida_student_id": STUDENT_NUMBER}
            )
            self.assertEqual(status, 200, reply)
        for number in range(3):
            self.assertError(
                self.call("POST", "/package", self.unknown(number)), *NOT_AUTHORISED
            )
        self.assertEqual(self.call("POST", "/package", self.unknown(3))[0], 429)
