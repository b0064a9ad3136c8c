"""Delivery to the FDOE Secured FTP server (the Focus Student Transfers guide: the
transcript "is transmitted electronically to the receiving district through the
FASTER system"; since 2024-25 FASTER files travel through the FDOE SFTP server),
tested against a real SFTP server on loopback (sftp_server.py)."""

import datetime
import io
import shutil
import tempfile
from pathlib import Path

import paramiko

from odoo.tests import tagged

from ..models.faster_request import MAX_UPLOAD_ATTEMPTS
from .common import TODAY, FasterCase
from .sftp_server import SftpServer, delivery_params, key_line

PASSWORD = "Fl-sftp-test-pw"


@tagged("post_install", "-at_install")
class TestFasterSftp(FasterCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["fl.academic.demo"].build_history(
            cls.student, years=2, ese=False, incident=False, today=TODAY
        )

    def setUp(self):
        super().setUp()
        self.remote = Path(tempfile.mkdtemp(prefix="faster_sftp_"))
        self.addCleanup(shutil.rmtree, self.remote, True)
        (self.remote / "outgoing").mkdir()
        self.server = self.start_server(password=PASSWORD)
        self.configure()

    def start_server(self, **account):
        server = SftpServer(str(self.remote), **account).__enter__()
        self.addCleanup(server.__exit__, None, None, None)
        return server

    def configure(self, server=None, **values):
        config = delivery_params(server or self.server, PASSWORD, **values)
        params = self.env["ir.config_parameter"].sudo()
        for key, value in config.items():
            params.set_param(f"faster_export.{key}", value)

    def uploaded(self):
        return sorted(p.name for p in (self.remote / "outgoing").iterdir())

    def test_cron_uploads_each_transcript_over_one_connection(self):
        other = self.make_student("Lena", "Okafor", "1298765432", history=False)
        rows = self.queue() | self.queue(other)
        self.run_cron()
        for row in rows:
            self.assertEqual(row.status, "sent", row.error_message)
            remote = self.remote / "outgoing" / row.file_name
            self.assertEqual(remote.read_bytes(), Path(row.file_path).read_bytes())
            self.assertEqual(
                row.uploaded_to,
                f"sftp://127.0.0.1:{self.server.port}/outgoing/{row.file_name}",
            )
        self.assertEqual(self.uploaded(), sorted(rows.mapped("file_name")))
        self.assertEqual(self.server.connections, 1, "one connection a batch")

    def test_server_down_waits_and_tries_again_by_itself(self):
        row = self.queue()
        self.configure(sftp_port="9")  # nobody listens there
        self.run_cron()
        self.assertEqual(row.status, "pending", "to be sent again")
        self.assertTrue(row.retry_after)
        self.assertIn("127.0.0.1:9", row.error_message)
        self.assertIn("not uploaded", row.error_message)
        self.assertIn("attempt 1 of 5", row.error_message)
        self.assertTrue(Path(row.file_path).exists(), "the file stays written")
        # not again before its time, even though the job runs again
        self.configure()
        self.run_cron()
        self.assertEqual((row.status, row.attempts), ("pending", 1))
        self.assertEqual(self.server.connections, 0)
        # its time has come: sent
        row.retry_after = datetime.datetime(2020, 1, 1)
        self.run_cron()
        self.assertEqual(row.status, "sent", row.error_message)
        self.assertFalse(row.retry_after)
        self.assertFalse(row.error_message)
        self.assertEqual(self.uploaded(), [row.file_name])

    def test_after_the_last_attempt_it_is_an_error_retry_sends_it(self):
        row = self.queue()
        self.configure(sftp_port="9")
        for attempt in range(1, MAX_UPLOAD_ATTEMPTS + 1):
            row.retry_after = False  # as if each wait were over
            self.run_cron()
            self.assertEqual(row.attempts, attempt)
        self.assertEqual(row.status, "error")
        self.assertFalse(row.retry_after)
        self.assertIn(f"attempt {MAX_UPLOAD_ATTEMPTS} of", row.error_message)
        self.configure()
        row.action_retry()
        self.run_cron()
        self.assertEqual(row.status, "sent", row.error_message)

    def test_retry_now_on_a_waiting_request(self):
        row = self.queue()
        self.configure(sftp_port="9")
        self.run_cron()
        self.assertTrue(row.retry_after)
        self.configure()
        row.action_retry()  # the administrator does not wait
        self.assertFalse(row.retry_after)
        self.run_cron()
        self.assertEqual(row.status, "sent", row.error_message)

    def test_a_server_with_another_host_key_gets_nothing(self):
        row = self.queue()
        self.configure(sftp_host_key=key_line(paramiko.ECDSAKey.generate()))
        self.run_cron()
        self.assertEqual(row.status, "error")
        self.assertIn("host key", row.error_message)
        self.assertIn(self.server.host_key_line.split()[1][:20], row.error_message)
        self.assertEqual(self.uploaded(), [])

    def test_no_host_key_configured_sends_nothing(self):
        row = self.queue()
        self.configure(sftp_host_key="")
        self.run_cron()
        self.assertEqual(row.status, "error")
        self.assertIn("Host Key", row.error_message)
        self.assertEqual(self.server.connections, 0)

    def test_the_configured_key_is_asked_for_among_several(self):
        """A server with several host keys (OpenSSH has RSA, ECDSA, Ed25519):
        the configured one is checked, whichever the client would prefer."""
        rsa = paramiko.RSAKey.generate(2048)
        server = self.start_server(password=PASSWORD, more_keys=[rsa])
        self.configure(server, sftp_host_key=f"sftp.example {key_line(rsa)}")
        row = self.queue()
        self.run_cron()
        self.assertEqual(row.status, "sent", row.error_message)

    def test_a_host_key_of_a_retired_type_is_a_clear_error(self):
        row = self.queue()
        self.configure(sftp_host_key="ssh-dss AAAAB3NzaC1kc3MAAACBAP")
        self.run_cron()
        self.assertEqual(row.status, "error")
        self.assertIn("type ssh-dss", row.error_message)
        self.assertEqual(self.uploaded(), [])

    def test_wrong_password_is_refused(self):
        row = self.queue()
        self.configure(sftp_password="not-the-password")
        self.run_cron()
        self.assertEqual(row.status, "error")
        self.assertIn("refused", row.error_message)
        self.assertIn("district12", row.error_message)
        self.assertEqual(self.uploaded(), [])

    def test_login_with_a_private_key(self):
        client_key = paramiko.ECDSAKey.generate()
        pem = io.StringIO()
        client_key.write_private_key(pem)
        server = self.start_server(client_key=client_key)
        self.configure(server, sftp_password="", sftp_private_key=pem.getvalue())
        row = self.queue()
        self.run_cron()
        self.assertEqual(row.status, "sent", row.error_message)
        self.assertEqual(self.uploaded(), [row.file_name])
        self.configure(server, sftp_password="", sftp_private_key="not a key")
        row.action_retry()
        self.run_cron()
        self.assertEqual(row.status, "error")
        self.assertIn("Private Key", row.error_message)

    def test_directory_delivery_uses_no_server(self):
        self.configure(delivery="directory")
        row = self.queue()
        self.run_cron()
        self.assertEqual(row.status, "sent", row.error_message)
        self.assertFalse(row.uploaded_to)
        self.assertEqual(self.server.connections, 0)

    def test_settings_test_connection(self):
        settings = self.env["res.config.settings"].create(
            {
                "faster_delivery": "sftp",
                "faster_sftp_host": "127.0.0.1",
                "faster_sftp_port": self.server.port,
                "faster_sftp_username": "district12",
                "faster_sftp_password": PASSWORD,
                "faster_sftp_host_key": self.server.host_key_line,
                "faster_sftp_directory": "/outgoing",
            }
        )
        (self.remote / "outgoing" / "earlier.fst").write_bytes(b"x")
        params = settings.action_faster_sftp_test()["params"]
        self.assertEqual(params["type"], "success", params["message"])
        self.assertIn("/outgoing holds 1 file", params["message"])
        # no key yet: the test says which key the server presents, to check
        settings.faster_sftp_host_key = False
        params = settings.action_faster_sftp_test()["params"]
        self.assertEqual(params["type"], "danger")
        self.assertIn(self.server.host_key_line, params["message"])
        self.assertIn("SHA256:", params["message"])
