"""The server configuration shipped with the project follows SECURITY.md:
no database manager, a hashed master password, loopback only."""

import configparser
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "odoo.conf"


def options():
    parser = configparser.RawConfigParser()
    parser.read(CONF)
    return parser["options"]


def test_database_manager_is_off():
    assert options()["list_db"] == "False"


def test_master_password_is_stored_hashed():
    stored = options()["admin_passwd"]
    assert stored.startswith("$pbkdf2-sha512$"), stored[:16]


def test_development_server_listens_on_loopback_only():
    assert options()["http_interface"] == "127.0.0.1"
