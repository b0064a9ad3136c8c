"""Fixtures that start real Odoo servers on loopback for the e2e tier.

The test command (tools/run_tests.py) passes the database it installed in
FL_TEST_DB; a test that needs more databases registers them in
``$FL_TEST_LOGS/databases.txt`` so the test command drops them afterwards.
"""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import two_districts
from two_districts import free_port


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
    """The installed test database on a server of its own (no cron): the
    demo's Server class, so the e2e tier and ``scripts/run`` start Odoo
    the same way."""
    data_dir = os.environ.get("FL_TEST_DATA_DIR", str(ROOT / "var" / "data"))
    district = two_districts.District("test", "", "", test_db, free_port())
    srv = two_districts.Server(
        district, data_dir, logs_dir / "e2e-server.log", cron=False
    )
    try:  # stopped even when it never became ready
        yield srv.wait_ready()
    finally:
        srv.stop()
