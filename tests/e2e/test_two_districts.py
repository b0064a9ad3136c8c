"""Two districts, two real Odoo servers on loopback (issue 8, seed 000).

Built by the same code as ``scripts/run --two-districts``
(tools/two_districts.py): district 12 Columbia and 61 Suwannee, each with its
own demo data, peers configured both ways with Odoo API keys, and students
enrolled at one district with the other as Prior District.

Suwannee (receiving) submits a request for a Columbia student through its
Odoo; Columbia (sending) approves; Suwannee sees the outcome, pulls the
record package and imports it; Columbia has logged the disclosure. And the
failure path: the sending district's server is down.
"""

import os
from pathlib import Path

import pytest
import two_districts as td  # on the path: conftest puts tools/ there
from conftest import ROOT, free_port

DISCLOSURE_MODEL = "fl.transfer.disclosure"
CHECK_STATUS = "action_refresh_status"


def _xmlid_res_id(server, module, name):
    rows = server.rpc(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    return rows[0]["res_id"]


def _user(server, login, group):
    """A user of this district with one role (created once, over JSON-RPC)."""
    found = server.rpc("res.users", "search", [("login", "=", login)])
    if not found:
        server.rpc(
            "res.users",
            "create",
            {
                "name": login.title(),
                "login": login,
                "email": f"{login}@example.com",  # chatter posts need one
                "password": login + "-pw-2d",
                "groups_id": [
                    (6, 0, [_xmlid_res_id(server, "focus_transfers", group)])
                ],
            },
        )
    return (login, login + "-pw-2d")


@pytest.fixture(scope="module")
def two(test_db, logs_dir):
    data_dir = os.environ.get("FL_TEST_DATA_DIR", str(ROOT / "var" / "data"))
    dists = td.districts(prefix=f"{test_db}_", ports=(free_port(), free_port()))
    with open(logs_dir / "databases.txt", "a", encoding="utf-8") as listed:
        listed.writelines(f"{d.db}\n" for d in dists)  # dropped by scripts/test
    td.ensure_databases(dists, data_dir, logs_dir)
    info = td.configure(dists, data_dir, logs_dir)
    servers = {
        d.key: td.Server(d, data_dir, logs_dir / f"e2e-{d.db}.log", cron=False)
        for d in dists
    }
    try:
        for server in servers.values():
            server.wait_ready()
        yield servers, info["movers"]
    finally:
        for server in servers.values():
            server.stop()


def _cron_due(server, name):
    """How many times the cron was triggered (ir.cron.trigger) and not run
    by Odoo's cron runner (which these servers do not start)."""
    cron = _xmlid_res_id(server, "focus_transfers", name)
    return server.rpc("ir.cron.trigger", "search_count", [("cron_id", "=", cron)])


def _run_cron(server, name):
    """The cron's Run Manually, as the administrator."""
    cron = _xmlid_res_id(server, "focus_transfers", name)
    server.rpc("ir.cron", "method_direct_trigger", [cron])


def _outgoing(server, fleid):
    return server.rpc(
        "fl.transfer.request",
        "search_read",
        [("direction", "=", "outgoing"), ("florida_student_id", "=", fleid)],
        fields=["state", "remote_reference", "district_id"],
    )


def test_demo_databases_are_two_districts(two):
    servers, movers = two
    for key, code in (("columbia", "12"), ("suwannee", "61")):
        company = servers[key].rpc(
            "res.company", "search_read", [], fields=["fl_district_id"], limit=1
        )[0]
        assert company["fl_district_id"][1].startswith(f"{code} - ")
        students = servers[key].rpc(
            "fl.student", "search_count", [("local_student_id", "=like", f"{code}-%")]
        )
        assert students == 32
        # the other district's movers are enrolled here with a Prior District
        assert len(movers[key]) == len(td.MOVERS)


def test_request_approve_outcome_pull_disclosure(two):
    servers, movers = two
    columbia, suwannee = servers["columbia"], servers["suwannee"]
    mover = movers["suwannee"][0]
    registrar = _user(suwannee, "registrar_2d", "group_registrar")
    approver = _user(columbia, "approver_2d", "group_district_transfer_admin")

    # 1. Suwannee's registrar submits the request through Suwannee's Odoo
    td.submit(suwannee, mover["enrollment_id"], login=registrar)
    [outgoing] = _outgoing(suwannee, mover["florida_student_id"])
    assert outgoing["state"] == "pending"
    assert outgoing["remote_reference"]

    # 2. it arrived at Columbia as an incoming request for its student
    [incoming] = columbia.rpc(
        "fl.transfer.request",
        "search_read",
        [
            ("direction", "=", "incoming"),
            ("id", "=", int(outgoing["remote_reference"])),
        ],
        fields=["state", "student_id", "district_id", "requester", "enrollment_date"],
    )
    assert incoming["state"] == "pending"
    assert incoming["student_id"], "matched to Columbia's student"
    assert incoming["district_id"][1].startswith("61 - ")

    # 3. Columbia's approver approves: W3A the day before, Transfer To 61
    columbia.rpc(
        "fl.transfer.request", "action_approve", [incoming["id"]], login=approver
    )
    [enrollment] = columbia.rpc(
        "fl.enrollment",
        "search_read",
        [("student_id", "=", incoming["student_id"][0])],
        fields=["state", "withdrawal_code_id", "transfer_to_id", "drop_date"],
        order="enrollment_date desc",
        limit=1,
    )
    assert enrollment["state"] == "withdrawn"
    assert enrollment["withdrawal_code_id"][1].startswith("W3A")
    assert enrollment["transfer_to_id"][1].startswith("61 - ")

    # 4. Columbia tells Suwannee at once (its cron, triggered by the
    # approval, run here by hand: these servers run no cron); Suwannee reads
    # the state back (its refresh cron, now due) and its registrar is told
    assert _cron_due(columbia, "ir_cron_send_outcomes")
    due = _cron_due(suwannee, "ir_cron_refresh_outgoing_requests")
    _run_cron(columbia, "ir_cron_send_outcomes")
    assert _cron_due(suwannee, "ir_cron_refresh_outgoing_requests") == due + 1
    [outgoing] = _outgoing(suwannee, mover["florida_student_id"])
    assert outgoing["state"] == "pending", "nothing taken from the push itself"
    _run_cron(suwannee, "ir_cron_refresh_outgoing_requests")
    [outgoing] = _outgoing(suwannee, mover["florida_student_id"])
    assert outgoing["state"] == "approved"
    [activity] = suwannee.rpc(
        "mail.activity",
        "search_read",
        [("res_model", "=", "fl.transfer.request"), ("res_id", "=", outgoing["id"])],
        fields=["summary", "user_id"],
    )
    assert activity["summary"].startswith("Approved by 12 - ")
    assert activity["user_id"][1] == registrar[0].title()
    # Check status, by hand, changes nothing more
    suwannee.rpc("fl.transfer.request", CHECK_STATUS, [outgoing["id"]], login=registrar)
    assert _outgoing(suwannee, mover["florida_student_id"]) == [outgoing]

    # 5. Suwannee pulls the package: the import wizard previews it, imports
    action = suwannee.rpc(
        "fl.student", "action_open_transfer_import", [mover["student_id"]],
        login=registrar,
    )  # fmt: skip
    [wizard] = suwannee.rpc(
        "fl.transfer.import.wizard",
        "read",
        [action["res_id"]],
        fields=["district_id", "package_json", "grade_line_ids", "section_ids"],
        login=registrar,
    )
    assert wizard["district_id"][1].startswith("12 - ")
    assert mover["florida_student_id"] in wizard["package_json"]
    assert wizard["section_ids"]
    suwannee.rpc(
        "fl.transfer.import.wizard", "action_import", [wizard["id"]], login=registrar
    )
    logs = suwannee.rpc(
        "fl.transfer.import.log",
        "search_count",
        [("student_id", "=", mover["student_id"])],
    )
    assert logs == 1
    # the registrar's activity to import the records is done
    assert not suwannee.rpc(
        "mail.activity",
        "search_count",
        [("res_model", "=", "fl.transfer.request"), ("res_id", "=", outgoing["id"])],
    )

    # 6. Columbia logged what it released, to whom
    disclosures = columbia.rpc(
        DISCLOSURE_MODEL,
        "search_read",
        [("student_id", "=", incoming["student_id"][0])],
        fields=["district_id"],
    )
    assert disclosures
    assert all(d["district_id"][1].startswith("61 - ") for d in disclosures)


def test_sender_down_clear_error_nothing_created(two):
    """Columbia asks Suwannee, whose server is down: the seed-000 error, and
    no outgoing request at Columbia."""
    servers, movers = two
    columbia, suwannee = servers["columbia"], servers["suwannee"]
    mover = movers["columbia"][0]
    suwannee.stop()
    with pytest.raises(td.RpcError) as raised:
        td.submit(columbia, mover["enrollment_id"])
    # a UserError (PeerError) with seed 000's message, naming the district
    assert raised.value.name.endswith("PeerError")
    assert "61 - Suwannee does not have Focus Student Transfers" in (
        raised.value.message
    )
    assert "cannot be reached" in raised.value.message
    assert _outgoing(columbia, mover["florida_student_id"]) == []


def test_demo_path_is_the_tested_path():
    """scripts/run --two-districts runs the module the fixtures above use."""
    script = Path(ROOT, "scripts", "run").read_text(encoding="utf-8")
    assert "tools/two_districts.py" in script
