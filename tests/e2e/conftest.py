"""Fixtures that start real Odoo servers on loopback for the e2e tier.

The test command (tools/run_tests.py) passes the database it installed in
FL_TEST_DB; a test that needs more databases registers them in
``$FL_TEST_LOGS/databases.txt`` so the test command drops them afterwards.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OdooServer:
    """One `odoo` server process on 127.0.0.1 serving one database."""

    def __init__(self, db, data_dir, log_path):
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = open(log_path, "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "odoo",
                "-c",
                str(ROOT / "odoo.conf"),
                "-d",
                db,
                "--db-filter",
                f"^{db}$",
                "--data-dir",
                str(data_dir),
                "--http-port",
                str(self.port),
                "--gevent-port",
                str(free_port()),
                "--max-cron-threads",
                "0",
                "--no-database-list",
            ],
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"odoo exited early, see {self.log_path}")
            try:
                if requests.get(self.url + "/web/login", timeout=10).status_code == 200:
                    return self
            except requests.RequestException:  # not listening yet, or slow (load)
                pass
            time.sleep(0.5)
        raise RuntimeError(f"odoo not ready in {timeout}s, see {self.log_path}")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


@pytest.fixture(scope="session")
def test_db():
    db = os.environ.get("FL_TEST_DB")
    if not db:
        pytest.fail("FL_TEST_DB is not set: run the e2e tier through scripts/test")
    return db


@pytest.fixture(scope="session")
def logs_dir(tmp_path_factory):
    path = os.environ.get("FL_TEST_LOGS")
    return Path(path) if path else tmp_path_factory.mktemp("logs")


@pytest.fixture(scope="session")
def server(test_db, logs_dir):
    data_dir = os.environ.get("FL_TEST_DATA_DIR", str(ROOT / "var" / "data"))
    srv = OdooServer(test_db, data_dir, logs_dir / "e2e-server.log")
    try:  # stopped even when it never became ready
        yield srv.wait_ready()
    finally:
        srv.stop()
