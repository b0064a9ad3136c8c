"""The FASTER job through Odoo's real scheduler: rows a second, 1 and 2 workers.

    python bench/faster_scheduler_bench.py [--db sched_bench] [--port 18172] \
        [--rows 1000,10000] [--workers 1,2] [--years 1] [--batch 100] [--drop]

One database (created with the three addons and demo data by
tools/two_districts.py's functions, then kept; ``--drop`` drops it at the
end) holds the students (bench/faster_export_bench.py's ``make_students``,
``--years`` of history each), built once. For each number of rows and each
number of workers, the same run:

1. ``rows`` Pending faster_requests rows are queued (committed), the job's
   cron records (Parallel Workers = N, ``_set_parallel_workers``) set to
   run tomorrow, so nothing runs before the clock starts;
2. a real Odoo server is started on the database (tools/two_districts.py's
   ``Server``) with ``--workers 1 --max-cron-threads N``: N cron worker
   processes, Odoo's multi-process deployment;
3. the clock starts when the job is triggered as an approval does
   (``faster.request._trigger_send``, committed) and stops when no row is
   Pending (polled every 0.1 s): the scheduler's own pace, its polls, its
   ten calls a run, its commits;
4. the run is checked: every row Sent after one attempt, one attachment and
   one file each in a fresh outbound directory, nothing else there; then the
   rows are deleted and the server stopped.

It prints seconds and rows a second for each run, and the speed-up of 2
workers over 1 for each number of rows. Goals: 1,000 rows in <= 10 s with one
worker; 2 workers >= 1.7x as fast. The exit status is 1 when a check fails
(not when a goal is missed: the machine's load is printed with the figures).
"""

# A command line prints: pylint-odoo's rule is for Odoo server code.
# pylint: disable=print-used

import argparse
import dataclasses
import datetime
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tools"), str(ROOT / "bench")]

from faster_export_bench import make_students
from two_districts import District, Server, drop_db, ensure_databases

MODES = {
    "workers": "one server, --workers 1 --max-cron-threads N (N cron processes)",
    "servers": "N servers on the database, one cron thread each",
}
LABEL = "Sched"  # the bench students' last name: <LABEL>Student


def connect(db):
    conn = psycopg2.connect(
        host="127.0.0.1", port=5432, user="odoo", password="odoo", dbname=db
    )
    conn.autocommit = True
    return conn


def open_registry(db):
    import odoo
    from odoo.tools import config

    config.parse_config(
        [
            "-c",
            str(ROOT / "odoo.conf"),
            "-d",
            db,
            f"--addons-path={ROOT / 'addons'}",
            "--log-level=warn",
        ]
    )
    return odoo.modules.registry.Registry(db)


def environment(cr):
    from odoo import SUPERUSER_ID, api

    return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})


def ensure_students(registry, count, years):
    """The bench's students, ``count`` at least (built once, committed)."""
    with registry.cursor() as cr:
        env = environment(cr)
        students = env["fl.student"].search(
            [("last_name", "=", f"{LABEL}Student")], order="id"
        )
        if len(students) < count:
            if not env.company.fl_district_id:
                env.company.fl_district_id = env["fl.district"]._lookup("12")
            more = count - len(students)
            print(f"building {more} students, {years} year(s) of history each ...")
            started = time.perf_counter()
            students |= make_students(env, more, years, LABEL, start=len(students))
            print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
        return students[:count].ids


def prepare_run(registry, student_ids, workers, batch, outbound):
    """Queue one Pending row a student; N cron records, none due before
    the clock starts. The rows' ids."""
    with registry.cursor() as cr:
        env = environment(cr)
        params = env["ir.config_parameter"]
        params.set_param("faster_export.outbound_dir", outbound)
        params.set_param("faster_export.batch_size", batch)
        params.set_param("faster_export.delivery", "directory")
        params.set_param("faster_export.parallel_workers", workers)
        Request = env["faster.request"]
        Request._set_parallel_workers(workers)
        # no scheduled action due while measured (the database's others
        # would run first in a fresh database): only the job, once triggered
        crons = env["ir.cron"].search([])
        crons.write({"nextcall": datetime.datetime.now() + datetime.timedelta(days=1)})
        env["ir.cron.trigger"].search([]).unlink()
        clean(env, Request.search([]).ids)  # what an interrupted run left
        receiving = env["fl.district"]._lookup("61")
        rows = Request
        for student in env["fl.student"].browse(student_ids):
            rows |= Request._queue(student, receiving)
        env.flush_all()
        return rows.ids


def drain(db, registry):
    """Trigger the job as an approval does; seconds until no row is
    Pending."""
    with connect(db) as conn, conn.cursor() as cr:
        started = time.perf_counter()
        with registry.cursor() as trigger_cr:
            environment(trigger_cr)["faster.request"]._trigger_send()
        while True:
            # one row found by the status index, not a count: the poll must
            # not take the CPU it measures (Processing is never committed)
            cr.execute(
                "SELECT EXISTS (SELECT 1 FROM faster_requests WHERE status = 'pending')"
            )
            if not cr.fetchone()[0]:
                return time.perf_counter() - started
            time.sleep(0.1)


def check(db, ids, outbound):
    """Problems with the run (empty: every row Sent once, one file each)."""
    problems = []
    with connect(db) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT status, attempts, count(*) FROM faster_requests "
            "WHERE id IN %s GROUP BY status, attempts",
            [tuple(ids)],
        )
        states = {(status, attempts): n for status, attempts, n in cr.fetchall()}
        if states != {("sent", 1): len(ids)}:
            problems.append(f"statuses (status, attempts): {states}")
            cr.execute(
                "SELECT error_message FROM faster_requests "
                "WHERE id IN %s AND status = 'error' LIMIT 1",
                [tuple(ids)],
            )
            for (message,) in cr.fetchall():
                problems.append(f"first error: {message.splitlines()[0]}")
        cr.execute(
            "SELECT count(*), count(DISTINCT res_id) FROM ir_attachment "
            "WHERE res_model = 'faster.request' AND res_id IN %s",
            [tuple(ids)],
        )
        attachments, rows_with_one = cr.fetchone()
        if attachments != len(ids) or rows_with_one != len(ids):
            problems.append(f"{attachments} attachments for {len(ids)} rows")
        cr.execute("SELECT file_name FROM faster_requests WHERE id IN %s", [tuple(ids)])
        names = [name for (name,) in cr.fetchall()]
    files = sorted(path.name for path in Path(outbound).iterdir())
    if len(set(names)) != len(ids) or files != sorted(names):
        problems.append(
            f"{len(files)} files in the outbound directory, "
            f"{len(set(names))} distinct file names for {len(ids)} rows"
        )
    return problems


def clean(env, ids):
    """The rows and their attachments deleted."""
    env["ir.attachment"].search(
        [("res_model", "=", "faster.request"), ("res_id", "in", ids)]
    ).unlink()
    env["faster.request"].browse(ids).unlink()


def start_servers(district, data_dir, logs, mode, workers, size):
    """The cron workers: one server with ``workers`` cron processes, or
    ``workers`` servers with one cron worker each."""
    if mode == "workers":
        servers = [
            Server(
                district,
                data_dir,
                log_path=logs / f"{mode}-{size}-{workers}.log",
                cron=workers,
                extra=("--workers", "1"),
            )
        ]
    else:
        servers = [
            Server(
                dataclasses.replace(district, port=district.port + n),
                data_dir,
                log_path=logs / f"{mode}-{size}-{workers}-{n + 1}.log",
            )
            for n in range(workers)
        ]
    return [server.wait_ready() for server in servers]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sched_bench")
    parser.add_argument("--port", type=int, default=18172)
    parser.add_argument("--rows", default="1000,10000")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--modes", default="workers", help="workers,servers")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--data-dir", default=f"/tmp/{os.environ.get('USER', 'odoo')}-sched-bench"
    )
    parser.add_argument(
        "--drop", action="store_true", help="drop the database at the end"
    )
    args = parser.parse_args()
    sizes = [int(n) for n in args.rows.split(",")]
    worker_counts = [int(n) for n in args.workers.split(",")]
    district = District("bench", "12", "Columbia", args.db, args.port)
    logs = Path(args.data_dir) / "logs"
    ensure_databases([district], args.data_dir, logs)
    registry = open_registry(args.db)
    student_ids = ensure_students(registry, max(sizes), args.years)
    if args.build_only:
        return 0

    results, ok = {}, True
    try:
        for mode in args.modes.split(","):
            print(f"-- {MODES[mode]}", flush=True)
            for size in sizes:
                for workers in worker_counts:
                    outbound = tempfile.mkdtemp(prefix="faster_sched_bench_")
                    ids = prepare_run(
                        registry, student_ids[:size], workers, args.batch, outbound
                    )
                    servers = start_servers(
                        district, args.data_dir, logs, mode, workers, size
                    )
                    try:
                        load = os.getloadavg()[0]
                        seconds = drain(args.db, registry)
                        load = max(load, os.getloadavg()[0])
                    finally:
                        for server in servers:
                            server.stop()
                    problems = check(args.db, ids, outbound)
                    ok = ok and not problems
                    results[mode, size, workers] = seconds
                    speedup = ""
                    if (mode, size, 1) in results and workers > 1:
                        speedup = f"  {results[mode, size, 1] / seconds:.2f}x"
                    print(
                        f"{size:>6} rows  {workers} worker(s)  {seconds:7.2f} s  "
                        f"{size / seconds:7.1f} rows/s{speedup}  load {load:.1f}  "
                        + ("; ".join(problems) or "every row Sent once, one file each"),
                        flush=True,
                    )
                    with registry.cursor() as cr:
                        clean(environment(cr), ids)
                    shutil.rmtree(outbound, ignore_errors=True)
    finally:
        if args.drop:
            registry.delete(args.db)
            drop_db(args.db, args.data_dir)
    for (mode, size, workers), seconds in results.items():
        if size == 1000 and workers == 1:
            met = "met" if seconds <= 10 else "not met"
            print(f"goal ({mode}): 1,000 rows <= 10 s with one worker: {met}")
        if workers == 2 and (mode, size, 1) in results:
            ratio = results[mode, size, 1] / seconds
            print(f"goal ({mode}): {size} rows, 2 workers >= 1.7x: {ratio:.2f}x")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
