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


def test_sis_models_read_over_jsonrpc(server):
    """fl.student, fl.school and fl.enrollment with their Florida fields, read
    from outside as any integration would."""
    uid = jsonrpc(server.url, "common", "login", server.db, "admin", "admin")

    def call(model, method, *args, **kwargs):
        return jsonrpc(server.url, "object", "execute_kw", server.db, uid, "admin",
                       model, method, list(args), kwargs)  # fmt: skip

    students = call(
        "fl.student",
        "search_read",
        [("local_student_id", "=like", "12-%")],
        fields=["name", "first_name", "last_name", "birthdate", "florida_student_id",
                "sex_id", "grade_level_id", "school_id", "enrollment_state"],
    )  # fmt: skip
    assert len(students) >= 30
    assert all(len(s["florida_student_id"]) == 10 for s in students)
    assert {"active", "withdrawn"} <= {s["enrollment_state"] for s in students}
    enrollment_fields = call("fl.enrollment", "fields_get", attributes=["type"])
    for name in ("student_id", "school_id", "school_year_id", "grade_level_id",
                 "enrollment_date", "entry_code_id", "drop_date",
                 "withdrawal_code_id", "transfer_to_id", "prior_district_id",
                 "state"):  # fmt: skip
        assert name in enrollment_fields, name
    schools = call(
        "fl.school",
        "search_read",
        [("is_local", "=", True)],
        fields=["code", "name", "drop_schedule_on_transfer", "district_id"],
    )
    assert schools and all(s["district_id"][1] == "12 - Columbia" for s in schools)
