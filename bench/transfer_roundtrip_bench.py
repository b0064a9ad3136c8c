"""Benchmark: a transfer request's round trip between two Odoo servers on
loopback, median of 20 <= 300 ms.

Run: ``python bench/transfer_roundtrip_bench.py`` (from the repository root;
about two minutes the first time, which creates the databases
``fl_bench_columbia`` and ``fl_bench_suwannee`` with tools/two_districts.py,
the code of ``scripts/run --two-districts``; they are kept for the next run:
``--reset`` re-creates them, ``--drop`` drops them at the end).

One round trip, as the receiving district's registrar lives it: Suwannee's
Odoo is asked over JSON-RPC to *Submit Focus Transfer Request* (it POSTs
/requests to Columbia's server, which creates the incoming request, then
creates its outgoing request) and then to *Check status* (GET
/requests/<id> at Columbia). Also printed: the peer API alone (POST
/requests then GET /requests/<id> with the peer's API key), i.e. the
server-to-server part. Every request is cancelled afterwards (not timed), so
the same 20 students serve every run.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import two_districts as td

RUNS = 20
TARGET_MS = 300
API = "/fl_transfers/api/v1"
CHECK_STATUS = "action_refresh_status"


def bench_students(columbia, suwannee, count):
    """``count`` active Columbia students, each enrolled at Suwannee with
    Prior District 12 (created once, over JSON-RPC, like Add a Student)."""
    found = columbia.rpc(
        "fl.student",
        "search_read",
        [("enrollment_state", "=", "active"), ("local_student_id", "=like", "12-%")],
        fields=["first_name", "last_name", "birthdate", "florida_student_id"],
        order="local_student_id desc",
        limit=count,
    )
    district = suwannee.rpc("fl.district", "search", [("code", "=", "12")])[0]
    enrollments = []
    for student in found:
        existing = suwannee.rpc(
            "fl.enrollment",
            "search",
            [
                ("student_id.florida_student_id", "=", student["florida_student_id"]),
                ("prior_district_id", "=", district),
            ],
        )
        if existing:
            enrollments.append(existing[0])
            continue
        school = suwannee.rpc(
            "fl.school",
            "search",
            [("district_id.code", "=", "61"), ("is_special", "=", False)],
            order="number desc",
            limit=1,
        )[0]
        today = time.strftime("%Y-%m-%d")
        wizard = suwannee.rpc(
            "fl.add.student.wizard",
            "create",
            {
                "first_name": student["first_name"],
                "last_name": student["last_name"],
                "birthdate": student["birthdate"],
                "school_id": school,
                "school_year_id": suwannee.rpc(
                    "fl.school.year",
                    "search",
                    [("date_start", "<=", today), ("date_end", ">=", today)],
                    limit=1,
                )[0],
                "grade_level_id": suwannee.rpc(
                    "fl.grade.level", "search", [("code", "=", "12")]
                )[0],
                "enrollment_date": today,
                "prior_district_id": district,
            },
        )
        suwannee.rpc("fl.add.student.wizard", "action_enroll", [wizard])
        [created] = suwannee.rpc(
            "fl.enrollment",
            "search_read",
            [
                ("student_id.first_name", "=", student["first_name"]),
                ("student_id.last_name", "=", student["last_name"]),
                ("student_id.birthdate", "=", student["birthdate"]),
                ("prior_district_id", "=", district),
            ],
            fields=["student_id"],
            order="id desc",
            limit=1,
        )
        suwannee.rpc(
            "fl.student",
            "write",
            [created["student_id"][0]],
            {"florida_student_id": student["florida_student_id"]},
        )
        enrollments.append(created["id"])
    return enrollments


def outgoing_for(suwannee, enrollment):
    [row] = suwannee.rpc("fl.enrollment", "read", [enrollment], fields=["student_id"])
    return suwannee.rpc(
        "fl.transfer.request",
        "search",
        [
            ("direction", "=", "outgoing"),
            ("state", "=", "pending"),
            ("student_id", "=", row["student_id"][0]),
        ],
    )


def user_round_trips(columbia, suwannee, enrollments):
    times = []
    for enrollment in enrollments:
        for stale in outgoing_for(suwannee, enrollment):
            suwannee.rpc("fl.transfer.request", "action_cancel", [stale])
        start = time.perf_counter()
        request = td.submit(suwannee, enrollment)["res_id"]  # the outgoing request
        suwannee.rpc("fl.transfer.request", CHECK_STATUS, [request])
        times.append(time.perf_counter() - start)
        suwannee.rpc("fl.transfer.request", "action_cancel", [request])
    return times


def api_round_trips(columbia, key, enrollments_students):
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {key}"
    times = []
    for number, student in enumerate(enrollments_students):
        body = {
            "reference": f"bench-{time.time_ns()}-{number}",
            "first_name": student["first_name"],
            "last_name": student["last_name"],
            "birthdate": student["birthdate"],
            "florida_student_id": student["florida_student_id"],
            "enrollment_date": time.strftime("%Y-%m-%d"),
            "requester": "Bench",
        }
        start = time.perf_counter()
        created = session.post(columbia.url + API + "/requests", json=body, timeout=30)
        created.raise_for_status()
        rid = created.json()["id"]
        status = session.get(f"{columbia.url}{API}/requests/{rid}", timeout=30)
        status.raise_for_status()
        times.append(time.perf_counter() - start)
        session.post(f"{columbia.url}{API}/requests/{rid}/cancel", timeout=30)
    return times


def line(label, times):
    ms = [t * 1000 for t in times]
    median = statistics.median(ms)
    verdict = "ok" if median <= TARGET_MS else "OVER TARGET"
    return (
        f"{label}: median {median:.0f} ms, min {min(ms):.0f}, max {max(ms):.0f} "
        f"over {len(ms)} runs (target median <= {TARGET_MS} ms: {verdict})"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--drop", action="store_true")
    parser.add_argument("--prefix", default="fl_bench_")
    parser.add_argument("--ports", default="18140,18141")
    args = parser.parse_args(argv)
    ports = tuple(int(p) for p in args.ports.split(","))
    dists = td.districts(prefix=args.prefix, ports=ports)
    data_dir, log_dir = ROOT / "var" / "data", ROOT / "var" / "log"
    td.ensure_databases(dists, data_dir, log_dir, reset=args.reset)
    info = td.configure(dists, data_dir, log_dir)
    servers = [
        td.Server(d, data_dir, log_dir / f"bench-{d.db}.log", cron=False) for d in dists
    ]
    try:
        for server in servers:
            server.wait_ready()
        columbia, suwannee = servers
        enrollments = bench_students(columbia, suwannee, RUNS)
        user_round_trips(columbia, suwannee, enrollments[:2])  # warm-up
        user = user_round_trips(columbia, suwannee, enrollments)
        students = columbia.rpc(
            "fl.student",
            "search_read",
            [
                ("enrollment_state", "=", "active"),
                ("local_student_id", "=like", "12-%"),
            ],
            fields=["first_name", "last_name", "birthdate", "florida_student_id"],
            limit=RUNS,
        )
        key = info["api_keys"]["suwannee"]  # Suwannee calls Columbia with it
        api = api_round_trips(columbia, key, students)
    finally:
        for server in servers:
            server.stop()
        if args.drop:
            for district in dists:
                td.drop_db(district.db, data_dir)
    print(f"two servers on loopback: {dists[0].url} ({dists[0].db}), "
          f"{dists[1].url} ({dists[1].db})")  # fmt: skip
    print(line("submit + check status, Suwannee's Odoo over JSON-RPC", user))
    print(line("peer API alone, POST /requests + GET /requests/<id>", api))
    return 0 if statistics.median(user) <= TARGET_MS / 1000 else 1


if __name__ == "__main__":
    sys.exit(main())
