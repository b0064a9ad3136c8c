"""Calls as each actor makes them from outside, over real HTTP: Odoo's web
client route ``/web/dataset/call_kw`` in a session opened with the actor's
login and password, and the external ``/jsonrpc`` route with login and
password (or API key). Nothing is called through the ORM directly."""

import json
from collections import namedtuple

from odoo.tests.common import TEST_CURSOR_COOKIE_NAME
from odoo.tools import mute_logger

Outcome = namedtuple("Outcome", "text result error")


class RpcMixin:
    """For an HttpCase."""

    def _post_json(self, path, params):
        return self._rpc_outcome(self._post(path, params))

    def _post(self, path, params):
        body = {"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}
        # a refused call is logged as a warning: the test's own doing
        with mute_logger("odoo.http"):
            return self.url_open(
                path,
                data=json.dumps(body),
                headers={"Content-Type": "application/json"},
            )

    def _rpc_outcome(self, response):
        self.assertEqual(response.status_code, 200, response.text[:300])
        reply = response.json()
        error = reply.get("error")
        return Outcome(
            response.text,
            reply.get("result"),
            error and (error.get("data") or {}).get("name", error.get("message")),
        )

    def web_login(self, login, password):
        """Open a web session as the login form does (the password checked)."""
        self.authenticate(None, None)
        response = self._post(
            "/web/session/authenticate",
            {"db": self.env.cr.dbname, "login": login, "password": password},
        )
        outcome = self._rpc_outcome(response)
        self.assertFalse(outcome.error, f"{login} cannot log in: {outcome.error}")
        # the session the server opened, alone (see HttpCase.authenticate)
        self.opener.cookies.clear()
        self.opener.cookies["session_id"] = response.cookies["session_id"]
        self.opener.cookies[TEST_CURSOR_COOKIE_NAME] = self.http_request_key

    def call_kw(self, model, method, *args, **kwargs):
        """A call of the web client, in the session opened by web_login."""
        return self._post_json(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def execute_kw(self, login, password, model, method, *args, **kwargs):
        """An external client's call over /jsonrpc (login, then execute_kw)."""
        db = self.env.cr.dbname
        login_outcome = self._post_json(
            "/jsonrpc",
            {"service": "common", "method": "login", "args": [db, login, password]},
        )
        uid = login_outcome.result
        if not uid:  # refused at the door
            return login_outcome._replace(error=login_outcome.error or "login refused")
        return self._post_json(
            "/jsonrpc",
            {
                "service": "object",
                "method": "execute_kw",
                "args": [db, uid, password, model, method, list(args), kwargs],
            },
        )

    @staticmethod
    def read_routes(ids, fields, group_field):
        """Every way a client gets field values: (route, method, args, kwargs)."""
        spec = {name: {} for name in fields}
        return [
            ("read", "read", [ids, fields], {}),
            ("web_read", "web_read", [ids, spec], {}),
            ("search_read", "search_read", [[], fields], {}),
            ("default_get", "default_get", [fields], {}),
            ("onchange", "onchange", [[], {}, [], spec], {}),
            ("export_data", "export_data", [ids, fields], {}),
            ("read_group", "read_group", [[], [group_field], [group_field]], {}),
        ]

    def attack(self, login, password, model, routes):
        """Each route over both transports: {(transport, route): Outcome}."""
        outcomes = {}
        self.web_login(login, password)
        for route, method, args, kwargs in routes:
            outcomes["call_kw", route] = self.call_kw(model, method, *args, **kwargs)
        for route, method, args, kwargs in routes:
            outcomes["jsonrpc", route] = self.execute_kw(
                login, password, model, method, *args, **kwargs
            )
        return outcomes

    def assertNoSecret(self, outcomes, secrets, who):
        for (transport, route), outcome in outcomes.items():
            for secret in secrets:
                self.assertNotIn(
                    secret,
                    outcome.text,
                    f"{who} read a secret through {route} over {transport}",
                )
