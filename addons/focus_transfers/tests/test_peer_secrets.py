"""The API key we call a peer district with is write-only: a Settings
administrator sets or replaces it, nobody reads it back over any route, and
the client still calls the peer with it. Each actor attacks over real HTTP
with its own credentials (rpc_common)."""

from odoo.tests import new_test_user, tagged

from .peer_common import PeerCase
from .rpc_common import RpcMixin
from .self_peer import SelfPeerMixin

ACTORS = {
    "plain": "base.group_user",
    "registrar": "focus_transfers.group_registrar",
    "approver": "focus_transfers.group_focus_transfers_edit",
    "district_admin": "focus_transfers.group_district_transfer_admin",
    "portal": "base.group_portal",
    "settings_admin": "base.group_system",
}
FIELDS = ["api_key", "api_key_changed", "base_url"]


@tagged("post_install", "-at_install")
class TestPeerSecrets(RpcMixin, SelfPeerMixin, PeerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.actors = {
            name: new_test_user(cls.env, login=f"peer_secret_{name}", groups=groups)
            for name, groups in ACTORS.items()
        }

    def routes(self):
        return self.read_routes(self.peer.ids, FIELDS, "api_key")

    def test_nobody_reads_the_api_key_back(self):
        self.assertEqual(self.peer._get_api_key(), self.key)
        for name, user in self.actors.items():
            with self.subTest(actor=name):
                outcomes = self.attack(
                    user.login, user.login, "fl.transfer.peer", self.routes()
                )
                self.assertNoSecret(outcomes, [self.key], name)
                # the key field alone, in the actor's session
                read = self.call_kw(
                    "fl.transfer.peer", "read", self.peer.ids, ["api_key"]
                )
                if name == "settings_admin":  # write-only: empty, but readable
                    self.assertFalse(read.error, read.text[:300])
                    self.assertFalse(read.result[0]["api_key"])
                    self.assertTrue(
                        outcomes["call_kw", "read"].result[0]["api_key_changed"]
                    )
                else:  # field groups: only Settings administrators
                    self.assertEqual(read.error, "odoo.exceptions.AccessError", name)
        # the peer's own technical user, with its real API key
        outcomes = {}
        for route, method, args, kwargs in self.routes():
            outcomes["jsonrpc", route] = self.execute_kw(
                self.tech.login, self.key, "fl.transfer.peer", method, *args, **kwargs
            )
        self.assertNoSecret(outcomes, [self.key], "the peer's technical user")

    def test_no_search_tells_the_key(self):
        """No domain on the key: it would tell it character by character."""
        admin = self.actors["settings_admin"]
        self.web_login(admin.login, admin.login)
        for operator, value in (("=", self.key), ("=like", self.key[:4] + "%")):
            outcome = self.call_kw(
                "fl.transfer.peer", "search_count", [("api_key", operator, value)]
            )
            self.assertTrue(outcome.error, f"search on api_key {operator}")

    def test_admin_replaces_the_key_and_the_client_uses_it(self):
        self._allow_calls_to_self()  # Test connection calls this server
        admin = self.actors["settings_admin"]
        new_key = self._api_key(self.tech)
        self.web_login(admin.login, admin.login)
        saved = self.call_kw(
            "fl.transfer.peer",
            "web_save",
            self.peer.ids,
            {"api_key": new_key},
            specification={name: {} for name in FIELDS},
        )
        self.assertFalse(saved.error, saved.error)
        self.assertNotIn(new_key, saved.text, "the form does not show it back")
        self.assertEqual(self.peer._get_api_key(), new_key)
        tested = self.call_kw(
            "fl.transfer.peer", "action_test_connection", self.peer.ids
        )
        self.assertEqual(tested.result["params"]["type"], "success", tested.text)
        # an empty input keeps the stored key
        for empty in ("", False):
            self.call_kw("fl.transfer.peer", "write", self.peer.ids, {"api_key": empty})
            self.assertEqual(self.peer._get_api_key(), new_key)
        # cleared: the peer is called with no key, and refuses
        cleared = self.call_kw(
            "fl.transfer.peer", "action_clear_api_key", self.peer.ids
        )
        self.assertFalse(cleared.error, cleared.error)
        self.assertFalse(self.peer._get_api_key())
        self.assertFalse(self.peer.api_key_changed)
        tested = self.call_kw(
            "fl.transfer.peer", "action_test_connection", self.peer.ids
        )
        self.assertEqual(tested.result["params"]["type"], "danger", tested.text)

    def test_only_settings_admins_set_or_clear_the_key(self):
        for name in ("district_admin", "approver", "registrar", "plain"):
            user = self.actors[name]
            self.web_login(user.login, user.login)
            for method, args in (
                ("write", [self.peer.ids, {"api_key": "f" * 40}]),
                ("action_clear_api_key", [self.peer.ids]),
            ):
                with self.subTest(actor=name, method=method):
                    outcome = self.call_kw("fl.transfer.peer", method, *args)
                    self.assertEqual(outcome.error, "odoo.exceptions.AccessError")
        self.assertEqual(self.peer._get_api_key(), self.key)

    def test_the_key_does_not_follow_a_url_a_district_admin_sets(self):
        """Moving the peer would send its key to that URL (Test connection)."""
        user = self.actors["district_admin"]
        self.web_login(user.login, user.login)
        moved = self.call_kw(
            "fl.transfer.peer",
            "write",
            self.peer.ids,
            {"base_url": "https://collector.example"},
        )
        self.assertEqual(moved.error, "odoo.exceptions.AccessError")
        self.assertEqual(self.peer.base_url, self.base_url())
        # other fields stay theirs to manage, and a Settings administrator may move it
        self.assertFalse(
            self.call_kw(
                "fl.transfer.peer", "write", self.peer.ids, {"enabled": False}
            ).error
        )
        admin = self.actors["settings_admin"]
        self.web_login(admin.login, admin.login)
        self.assertFalse(
            self.call_kw(
                "fl.transfer.peer",
                "write",
                self.peer.ids,
                {"base_url": "https://sis.district61.example"},
            ).error
        )

    def test_the_form_shows_the_key_field_to_settings_admins_only(self):
        for name, shown in (("district_admin", False), ("settings_admin", True)):
            user = self.actors[name]
            self.web_login(user.login, user.login)
            views = self.call_kw(
                "fl.transfer.peer", "get_views", [[False, "form"]], options={}
            )
            self.assertFalse(views.error, views.text[:300])
            arch = views.result["views"]["form"]["arch"]
            self.assertEqual('name="api_key"' in arch, shown, name)
            self.assertEqual('name="action_clear_api_key"' in arch, shown, name)
