"""FASTER transcripts for 1,000 students x 4 school years (issue 10).

Run against a database with faster_export installed (everything is created
in one transaction that is rolled back; files go to a temporary directory,
attachments into the filestore, where Odoo's garbage collection removes
those of the rolled-back transaction):

    python bench/faster_export_bench.py -d DB [--students 1000] [--batch 100] \
        [--addons-path addons] [--db_host 127.0.0.1 --db_user odoo --db_password odoo]

It builds the students' histories with focus_transfers' demo builder
(``fl.academic.demo.build_history``: courses, marking-period grades, tests,
immunizations, ESE), queues one faster_requests row a student, then runs the
job's batches (``faster.request._cron_send_pending``) and prints, per batch,
the seconds and the SQL queries (``cr.sql_log_count``). A second set of
students with 12-year histories shows that the query count of a batch does
not depend on the length of the histories. Target: <= 20 s for 1,000
transcripts; the same query count per batch for both history sizes.
"""

# A command line prints: pylint-odoo's rule is for Odoo server code.
# pylint: disable=print-used

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 2, 10)  # the histories' last year, 2025-2026, is in progress


def make_students(env, count, years, label, start=0):
    """``count`` students, enrolled here, each with ``years`` of history
    (numbered from ``start``: their student numbers are unique)."""
    school = env["fl.school"].search([("number", "=", "9091")], limit=1)
    district = env.company.fl_district_id
    if not school:
        school = env["fl.school"].create(
            {
                "district_id": district.id,
                "number": "9091",
                "name": "Bench High School",
                "phone": "3865550191",
            }
        )
    builder = env["fl.academic.demo"]
    year = builder._school_year(2025)
    grade = env["fl.grade.level"]._lookup("12" if years <= 4 else "11")
    sex = env["fl.sex"]._lookup("F")
    students = env["fl.student"].create(
        [
            {
                "first_name": f"Bench{n}",
                "last_name": f"{label}Student",
                "birthdate": date(2008, 1 + n % 12, 1 + n % 28),
                "florida_student_id": f"{12 if years <= 4 else 13}{n + 1:08d}",
                "sex_id": sex.id,
            }
            for n in range(start, start + count)
        ]
    )
    env["fl.enrollment"].create(
        [
            {
                "student_id": student.id,
                "school_id": school.id,
                "school_year_id": year.id,
                "grade_level_id": grade.id,
                "enrollment_date": date(2025, 8, 12),
            }
            for student in students
        ]
    )
    for student in students:
        builder.build_history(
            student, years=years, ese=True, incident=False, today=TODAY
        )
    env.flush_all()
    return students


def run_batches(env, rows, batch):
    """Run the job a batch at a time; (seconds, queries, rows) per batch."""
    Request = env["faster.request"]
    cr = env.cr
    figures = []
    while True:
        env.invalidate_all()
        count = cr.sql_log_count
        start = time.perf_counter()
        done = Request._cron_send_pending(batch_size=batch, max_batches=1)
        env.flush_all()
        seconds = time.perf_counter() - start
        if not done:
            break
        figures.append((seconds, cr.sql_log_count - count, done))
    statuses = rows.mapped("status")
    errors = rows.filtered(lambda r: r.status == "error")
    return figures, statuses, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--long-students", type=int, default=200)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--addons-path", default=str(ROOT / "addons"))
    parser.add_argument("--db_host", default="127.0.0.1")
    parser.add_argument("--db_user", default="odoo")
    parser.add_argument("--db_password", default="odoo")
    args = parser.parse_args()

    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.tools import config

    config.parse_config(
        [
            "-d",
            args.database,
            f"--addons-path={args.addons_path}",
            f"--db_host={args.db_host}",
            f"--db_user={args.db_user}",
            f"--db_password={args.db_password}",
            "--log-level=warn",
        ]
    )
    registry = odoo.modules.registry.Registry(args.database)
    outbound = tempfile.mkdtemp(prefix="faster_bench_")
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        params = env["ir.config_parameter"]
        params.set_param("faster_export.outbound_dir", outbound)
        if not env.company.fl_district_id:
            env.company.fl_district_id = env["fl.district"]._lookup("12")
        receiving = env["fl.district"]._lookup("61")
        results = []
        for label, count, years in (
            ("four", args.students, 4),
            ("twelve", args.long_students, 12),
        ):
            started = time.perf_counter()
            students = make_students(env, count, years, label.title())
            built = time.perf_counter() - started
            rows = env["faster.request"]
            for student in students:
                rows |= rows._queue(student, receiving)
            env.flush_all()
            courses = len(students.course_history_ids)
            cells = len(students.course_history_ids.grade_ids)
            figures, statuses, errors = run_batches(env, rows, args.batch)
            results.append(
                (label, count, years, courses, cells, built, figures, statuses, errors)
            )
        cr.rollback()

    print(f"batch size {args.batch}; files in {outbound}; load {os.getloadavg()}")
    print(
        f"{'history':>8} {'students':>8} {'courses':>8} {'cells':>7} "
        f"{'batch':>5} {'seconds':>8} {'queries':>8}"
    )
    per_batch = {}
    ok = True
    for (
        label,
        count,
        years,
        courses,
        cells,
        _built,
        figures,
        statuses,
        errors,
    ) in results:
        for number, (seconds, queries, done) in enumerate(figures, 1):
            print(
                f"{years:>6} y {done:>8} {courses:>8} {cells:>7} "
                f"{number:>5} {seconds:>8.2f} {queries:>8}"
            )
            # the very first batch also fills Odoo's caches (parameters, ...)
            if done == args.batch and not (label == results[0][0] and number == 1):
                per_batch.setdefault(label, set()).add(queries)
        total = sum(f[0] for f in figures)
        sent = statuses.count("sent")
        print(
            f"  {label}: {count} students x {years} years: {sent} sent, "
            f"{len(errors)} in error, {total:.2f} s in all "
            f"({statistics.mean(f[0] for f in figures) * 1000 / args.batch:.1f} ms "
            "a transcript)"
        )
        for row in errors[:3]:
            print(f"    error: {row.error_message.splitlines()[0]}")
        ok = ok and not errors
        if years == 4:
            ok = ok and total <= 20
            print(
                f"  target <= 20 s for {count} transcripts: "
                f"{'ok' if total <= 20 else 'TOO SLOW'}"
            )
    counts = set().union(*per_batch.values()) if per_batch else set()
    independent = len(counts) == 1
    print(
        f"queries per full batch: {per_batch}; independent of history length: "
        f"{independent}"
    )
    return 0 if ok and independent else 1


if __name__ == "__main__":
    sys.exit(main())
