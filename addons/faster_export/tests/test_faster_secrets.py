"""The FASTER SFTP secrets (password, private key) and the peers' API keys:
no actor reads them through any route — settings fields, default_get,
onchange, exports, groupings, the parameter table — and the Settings
administrator's own form never shows them back (write-only) while Test
Connection and the job still use them on the server. Each actor attacks over
real HTTP with its own login and password (RpcMixin); the SFTP server is a
real one on loopback (sftp_server.py)."""

import base64
import io
import shutil
import tempfile
from pathlib import Path

import paramiko

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.focus_transfers.tests.rpc_common import RpcMixin

from .common import FasterCase
from .sftp_server import SftpServer

PASSWORD = "Fl-sftp-S3cret-pw"
PEER_KEY = "f1e2d3c4b5a6" * 3
ACTORS = {
    "plain": "base.group_user",
    "registrar": "focus_transfers.group_registrar",
    "approver": "focus_transfers.group_focus_transfers_edit",
    "district_admin": "focus_transfers.group_district_transfer_admin",
    "faster_view": "faster_export.group_faster_view",
    "faster_send": "faster_export.group_faster_send",
    "portal": "base.group_portal",
}
SECRET_FIELDS = ["faster_sftp_password", "faster_sftp_private_key"]
FORM_FIELDS = [
    *SECRET_FIELDS,
    "faster_sftp_password_status",
    "faster_sftp_private_key_status",
    "faster_sftp_host",
    "faster_sftp_username",
]
PARAMS = ["faster_export.sftp_password", "faster_export.sftp_private_key"]


def key_file(key):
    """A private key as its file (text) and as the form uploads it (base64)."""
    pem = io.StringIO()
    key.write_private_key(pem)
    return pem.getvalue(), base64.b64encode(pem.getvalue().encode()).decode()


@tagged("post_install", "-at_install")
class TestFasterSecrets(RpcMixin, FasterCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_key = paramiko.ECDSAKey.generate()
        cls.pem, cls.pem_upload = key_file(cls.client_key)
        # the password, a line of the key, and the key as the form sends it
        cls.secrets = [PASSWORD, cls.pem.splitlines()[1][:40], cls.pem_upload[40:80]]
        cls.actors = {
            name: new_test_user(cls.env, login=f"faster_secret_{name}", groups=groups)
            for name, groups in ACTORS.items()
        }
        cls.admin = new_test_user(
            cls.env, login="faster_secret_admin", groups="base.group_system"
        )
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("faster_export.sftp_password", PASSWORD)
        params.set_param("faster_export.sftp_private_key", cls.pem)
        cls.peer = cls.env["fl.transfer.peer"].create(
            {
                "district_id": cls.other_district.id,
                "base_url": "https://sis.district61.example",
                "api_key": PEER_KEY,
            }
        )

    def stored(self, key):
        return self.env["ir.config_parameter"].sudo().get_param(f"faster_export.{key}")

    def save(self, values):
        """Save the settings as the form does (the administrator's session)."""
        saved = self.call_kw(
            "res.config.settings",
            "web_save",
            [],
            values,
            specification={name: {} for name in FORM_FIELDS},
        )
        self.assertFalse(saved.error, saved.text[:500])
        executed = self.call_kw(
            "res.config.settings", "execute", [saved.result[0]["id"]]
        )
        self.env.invalidate_all()
        return saved.result[0]["id"], executed

    def test_no_actor_reads_the_secrets(self):
        # what an administrator typed and did not save (Test Connection saves
        # the settings row, not the settings): still nobody else's to read
        typed = (
            self.env["res.config.settings"]
            .with_user(self.admin)
            .create(
                {
                    "faster_sftp_password": PASSWORD,
                    "faster_sftp_private_key": self.pem_upload,
                }
            )
        )
        attacks = {
            "res.config.settings": [
                *self.read_routes(typed.ids, FORM_FIELDS, "faster_sftp_password"),
                ("get_values", "get_values", [], {}),
            ],
            "fl.transfer.peer": self.read_routes(
                self.peer.ids, ["api_key", "base_url"], "api_key"
            ),
            "ir.config_parameter": [
                *(("get_param", "get_param", [param], {}) for param in PARAMS),
                ("search_read", "search_read", [[("key", "in", PARAMS)]], {}),
            ],
        }
        for name, user in self.actors.items():
            for model, routes in attacks.items():
                with self.subTest(actor=name, model=model):
                    outcomes = self.attack(user.login, user.login, model, routes)
                    self.assertNoSecret(outcomes, [*self.secrets, PEER_KEY], name)
            # the web client's file download, in the same session
            download = self.url_open(
                f"/web/content/res.config.settings/{typed.id}/faster_sftp_private_key"
            )
            self.assertNotEqual(download.status_code, 200, name)
            self.assertNotIn(self.pem.splitlines()[1][:40], download.text, name)

    def test_the_admin_form_shows_no_secret(self):
        self.web_login(self.admin.login, self.admin.login)
        spec = {name: {} for name in FORM_FIELDS}
        form = self.call_kw("res.config.settings", "onchange", [], {}, [], spec)
        self.assertFalse(form.error, form.text[:500])
        values = form.result["value"]
        self.assertFalse(values.get("faster_sftp_password"))
        self.assertFalse(values.get("faster_sftp_private_key"))
        self.assertIn("Set, last changed", values["faster_sftp_password_status"])
        self.assertIn("Set, last changed", values["faster_sftp_private_key_status"])
        for method, args in (
            ("default_get", [FORM_FIELDS]),
            ("get_values", []),
        ):
            outcome = self.call_kw("res.config.settings", method, *args)
            self.assertFalse(outcome.error, outcome.text[:500])
            self.assertNoSecret({("call_kw", method): outcome}, self.secrets, "admin")
        # saved from the form: stored, and no copy of it left to read back
        new_password = "Fl-sftp-N3w-pw"
        saved_id, _executed = self.save({"faster_sftp_password": new_password})
        self.assertEqual(self.stored("sftp_password"), new_password)
        outcomes = {
            ("call_kw", route): self.call_kw("res.config.settings", method, *a, **kw)
            for route, method, a, kw in self.read_routes(
                [saved_id], FORM_FIELDS, "faster_sftp_password"
            )
        }
        self.assertNoSecret(outcomes, [new_password, *self.secrets], "admin")
        self.assertEqual(
            outcomes["call_kw", "web_read"].result[0]["faster_sftp_password_status"][
                :17
            ],
            "Set, last changed",
        )
        self.assertIn(
            self.admin.name,
            outcomes["call_kw", "web_read"].result[0]["faster_sftp_password_status"],
        )

    def test_a_new_value_replaces_an_empty_one_keeps_clear_removes(self):
        self.web_login(self.admin.login, self.admin.login)
        self.save({"faster_sftp_password": "Fl-sftp-N3w-pw"})
        self.assertEqual(self.stored("sftp_password"), "Fl-sftp-N3w-pw")
        for empty in (
            {},
            {"faster_sftp_password": ""},
            {"faster_sftp_password": False},
        ):
            self.save(empty)
            self.assertEqual(self.stored("sftp_password"), "Fl-sftp-N3w-pw", empty)
        self.save({"faster_sftp_password_clear": True})
        self.assertFalse(self.stored("sftp_password"))
        form = self.call_kw(
            "res.config.settings",
            "onchange",
            [],
            {},
            [],
            {"faster_sftp_password_status": {}},
        )
        self.assertEqual(form.result["value"]["faster_sftp_password_status"], "Not set")
        # the private key: a key file replaces the stored key
        other_pem, other_upload = key_file(paramiko.ECDSAKey.generate())
        self.save({"faster_sftp_private_key": other_upload})
        self.assertEqual(self.stored("sftp_private_key"), other_pem)
        self.save({})
        self.assertEqual(self.stored("sftp_private_key"), other_pem)
        # a file that is no private key: a clear error, the stored key kept
        saved = self.call_kw(
            "res.config.settings",
            "web_save",
            [],
            {"faster_sftp_private_key": base64.b64encode(b"not a key").decode()},
            specification={},
        )
        refused = self.call_kw(
            "res.config.settings", "execute", [saved.result[0]["id"]]
        )
        self.assertEqual(refused.error, "odoo.exceptions.ValidationError")
        self.assertIn("not an OpenSSH or PEM private key", refused.text)
        self.assertEqual(self.stored("sftp_private_key"), other_pem)
        self.save({"faster_sftp_private_key_clear": True})
        self.assertFalse(self.stored("sftp_private_key"))

    def test_test_connection_and_the_job_use_the_stored_secrets(self):
        remote = Path(tempfile.mkdtemp(prefix="faster_sftp_"))
        self.addCleanup(shutil.rmtree, remote, True)
        server = SftpServer(str(remote), password=PASSWORD).__enter__()
        self.addCleanup(server.__exit__, None, None, None)
        params = self.env["ir.config_parameter"].sudo()
        for key, value in {
            "delivery": "sftp",
            "sftp_host": "127.0.0.1",
            "sftp_port": str(server.port),
            "sftp_username": "district12",
            "sftp_private_key": False,  # the password logs in
            "sftp_host_key": server.host_key_line,
            "sftp_directory": "",
        }.items():
            params.set_param(f"faster_export.{key}", value)
        self.web_login(self.admin.login, self.admin.login)

        def test_connection(values):
            saved = self.call_kw(
                "res.config.settings", "web_save", [], values, specification={}
            )
            tested = self.call_kw(
                "res.config.settings",
                "action_faster_sftp_test",
                [saved.result[0]["id"]],
            )
            self.assertFalse(tested.error, tested.text[:500])
            return tested.result["params"]

        # the password field is empty on screen: the stored one is used
        result = test_connection({})
        self.assertEqual(result["type"], "success", result["message"])
        # a password typed wins (and is not saved by testing it)
        result = test_connection({"faster_sftp_password": "not-the-password"})
        self.assertEqual(result["type"], "danger")
        self.assertIn("refused", result["message"])
        self.assertEqual(self.stored("sftp_password"), PASSWORD)
        result = test_connection({"faster_sftp_password_clear": True})
        self.assertEqual(result["type"], "danger")
        # the job logs in with the stored password
        row = self.queue()
        self.run_cron()
        self.assertEqual(row.status, "sent", row.error_message)
        self.assertEqual([p.name for p in remote.iterdir()], [row.file_name])

    def test_a_key_file_set_in_the_form_logs_in(self):
        remote = Path(tempfile.mkdtemp(prefix="faster_sftp_"))
        self.addCleanup(shutil.rmtree, remote, True)
        server = SftpServer(str(remote), client_key=self.client_key).__enter__()
        self.addCleanup(server.__exit__, None, None, None)
        params = self.env["ir.config_parameter"].sudo()
        for key, value in {
            "sftp_host": "127.0.0.1",
            "sftp_port": str(server.port),
            "sftp_username": "district12",
            "sftp_host_key": server.host_key_line,
            "sftp_private_key": False,
        }.items():
            params.set_param(f"faster_export.{key}", value)
        self.web_login(self.admin.login, self.admin.login)
        saved_id, _executed = self.save(
            {
                "faster_sftp_private_key": self.pem_upload,
                "faster_sftp_password_clear": True,
            }
        )
        self.assertEqual(self.stored("sftp_private_key"), self.pem)
        self.assertFalse(self.stored("sftp_password"))
        tested = self.call_kw(
            "res.config.settings", "action_faster_sftp_test", [saved_id]
        )
        self.assertEqual(tested.result["params"]["type"], "success", tested.text)

    def test_rows_saved_before_forget_their_copy_on_update(self):
        row = self.env["res.config.settings"].create({})
        self.env.cr.execute(
            "UPDATE res_config_settings SET faster_sftp_password = %s WHERE id = %s",
            [PASSWORD, row.id],
        )
        self.env["res.config.settings"].init()  # what an update of the module runs
        self.env.cr.execute(
            "SELECT faster_sftp_password FROM res_config_settings WHERE id = %s",
            [row.id],
        )
        self.assertEqual(self.env.cr.fetchone(), (None,))
