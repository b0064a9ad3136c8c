"""A real Odoo server with the three addons serves the web client and JSON-RPC."""

import requests


def jsonrpc(url, service, method, *args):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"service": service, "method": method, "args": args},
        "id": 1,
    }
    reply = requests.post(url + "/jsonrpc", json=payload, timeout=30).json()
    assert "error" not in reply, reply.get("error")
    return reply["result"]


def test_login_page_is_served(server):
    page = requests.get(server.url + "/web/login", timeout=10)
    assert page.status_code == 200
    assert 'name="login"' in page.text


def test_addons_installed_over_jsonrpc(server):
    uid = jsonrpc(server.url, "common", "login", server.db, "admin", "admin")
    assert uid
    states = jsonrpc(
        server.url,
        "object",
        "execute_kw",
        server.db,
        uid,
        "admin",
        "ir.module.module",
        "search_read",
        [[("name", "in", ["fl_state_codes", "focus_transfers", "faster_export"])]],
        {"fields": ["name", "state"]},
    )
    assert {s["name"]: s["state"] for s in states} == {
        "fl_state_codes": "installed",
        "focus_transfers": "installed",
        "faster_export": "installed",
    }
