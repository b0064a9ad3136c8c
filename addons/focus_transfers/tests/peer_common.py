"""A peer district over real HTTP on loopback: the peer record of district
61 points at this very Odoo (``base_url()``), and the technical user that
stands for 61 holds a real Odoo API key. Calls go through the HTTP server of
the test run: no mock of Odoo, of PostgreSQL or of the peer."""

import datetime
import json

from odoo.tests import HttpCase, new_test_user

from odoo.addons.focus_transfers.models.transfer_peer import API_PREFIX

from .common import SisCase

STUDENT_NUMBER = "1212345678"


class PeerCase(SisCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.student.florida_student_id = STUDENT_NUMBER
        cls.enrollment = cls.enroll(
            prior_district_id=cls.other_district.id,
            day=datetime.date(2030, 8, 15),
        )
        cls.peer = cls.env["fl.transfer.peer"].create(
            {"district_id": cls.other_district.id, "base_url": cls.base_url()}
        )
        # the technical user that stands for 61 and its key, as an
        # administrator creates them
        cls.key = cls.peer._new_technical_user_key()
        cls.tech = cls.peer.user_id
        cls.peer.api_key = cls.key  # the peer is this very database
        cls.approver = new_test_user(
            cls.env,
            login="peer_approver",
            groups="focus_transfers.group_district_transfer_admin",
        )

    @classmethod
    def _api_key(cls, user):
        return (
            cls.env["res.users.apikeys"]
            .with_user(user)
            .sudo()
            ._generate(None, "peer test", None)
        )

    def submit(self, user):
        """Submit Focus Transfer Request as ``user``: our outgoing request and
        the incoming one the peer (this server) recorded."""
        action = self.enrollment.with_user(user).action_submit_transfer_request()
        self.env.invalidate_all()
        outgoing = self.env["fl.transfer.request"].browse(action["res_id"])
        return outgoing, outgoing.browse(int(outgoing.remote_reference))

    def call(self, method, path, body=None, key=None, raw=None, headers=None):
        """(status, decoded JSON) of a real HTTP call to our peer API: a JSON
        ``body``, or ``raw`` bytes as they are."""
        headers = {"Content-Type": "application/json", **(headers or {})}
        if key is not False and "Authorization" not in headers:
            headers["Authorization"] = f"Bearer {key or self.key}"
        data = raw if raw is not None else None
        if body is not None:
            data = json.dumps(body)
        response = self.opener.request(
            method,
            self.base_url() + API_PREFIX + path,
            data=data,
            headers=headers,
            timeout=30,
        )
        self.assertEqual(
            response.headers.get("Content-Type", "").split(";")[0],
            "application/json",
            response.text[:200],
        )
        return response.status_code, response.json()

    def request_body(self, **extra):
        body = {
            "reference": "R-1",
            "first_name": "Avery",
            "last_name": "Thornbury",
            "birthdate": "2015-04-02",
            "florida_student_id": STUDENT_NUMBER,
            "enrollment_date": "2030-10-06",
            "requester": "R. Registrar",
        }
        body.update(extra)
        return body

    def assertError(self, reply, status, code):
        self.assertEqual(reply[0], status, reply[1])
        self.assertEqual(reply[1]["error"]["code"], code, reply[1])
        text = json.dumps(reply[1])
        for personal in ("Avery", "Thornbury", STUDENT_NUMBER, "2015-04-02"):
            self.assertNotIn(personal, text)

    def _left_long_ago(self):
        """A student of ours who left in 2021 (W3A, Transfer To = the peer)."""
        old = self.env["fl.student"].create(
            {"first_name": "Noor", "last_name": "Halvorsen", "birthdate": "2014-01-09"}
        )
        year = self.env["fl.school.year"].search(
            [("code", "=", "20202021")]
        ) or self.env["fl.school.year"].create(
            {
                "name": "2020-2021",
                "code": "20202021",
                "date_start": datetime.date(2020, 8, 1),
                "date_end": datetime.date(2021, 6, 30),
            }
        )
        self.env["fl.enrollment"].create(
            {
                "student_id": old.id,
                "school_id": self.school.id,
                "school_year_id": year.id,
                "grade_level_id": self.grade.id,
                "enrollment_date": datetime.date(2020, 8, 15),
                "drop_date": datetime.date(2021, 1, 10),
                "withdrawal_code_id": self.w3a.id,
                "transfer_to_id": self.other_district.id,
            }
        )
        return old
