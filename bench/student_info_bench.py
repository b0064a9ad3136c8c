"""Student Info form load for a long academic history (issue 6).

Run against an installed database (the data is created in a transaction that
is rolled back):

    python bench/student_info_bench.py -d DB [--addons-path addons] \
        [--db_host 127.0.0.1 --db_user odoo --db_password odoo]

It calls ``get_views`` once for the Student Info form, builds the web client's
field spec from the arch (x2many lists limited to 40 rows, as the client
does), then times ``web_read`` (server time, in process) and counts its
queries (``cr.sql_log_count``) for a 3-year and a 13-year history (~200
courses, 60 tests). Target: <= 0.5 s and the same query count for both.
"""

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]


def field_spec(node, fields, limit):
    """The web client's spec for the fields of an arch node."""
    spec = {}
    for child in node.iter("field"):
        # only the fields of this level (not those of an inline subview)
        parent = child.getparent()
        nested = False
        while parent is not None and parent is not node:
            if parent.tag == "field":
                nested = True
                break
            parent = parent.getparent()
        if nested:
            continue
        name = child.get("name")
        info = fields.get(name, {})
        ftype = info.get("type")
        if ftype == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif ftype in ("one2many", "many2many"):
            sub = child.find("list")
            if sub is None:
                spec[name] = {"fields": {"display_name": {}}}
                continue
            relation = info["relation"]
            spec[name] = {
                "fields": field_spec(sub, FIELDS[relation], limit),
                **({"limit": limit} if limit else {}),
            }
        else:
            spec[name] = {}
    return spec


FIELDS = {}


def measure(env, student, spec, rounds=5):
    times, queries = [], []
    for _round in range(rounds):
        env.invalidate_all()
        cr = env.cr
        count = cr.sql_log_count
        start = time.perf_counter()
        student.web_read(spec)
        times.append(time.perf_counter() - start)
        queries.append(cr.sql_log_count - count)
    return statistics.median(times), max(queries)


def make_student(env, name):
    Student = env["fl.student"]
    first, last = name.split(" ", 1)
    vals = {"name": name}
    for fname, value in (
        ("first_name", first),
        ("last_name", last),
        ("birthdate", date(2008, 9, 2)),
    ):
        if fname in Student._fields:
            vals[fname] = value
    if "sex_id" in Student._fields:
        vals["sex_id"] = env["fl.sex"].search([], limit=1).id
    return Student.create(vals)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
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
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        views = env["fl.student"].get_views([(False, "form")])
        for model, info in views["models"].items():
            FIELDS[model] = info["fields"]
        arch = etree.fromstring(views["views"]["form"]["arch"])
        builder = env["fl.academic.demo"]
        rows = []
        for years, per_year, tests in ((3, 15, 12), (13, 15, 60)):
            student = make_student(env, f"Bench Student{years}")
            builder.build_history(
                student,
                years=years,
                courses_per_year=per_year,
                tests=tests,
                ese=True,
                incident=True,
            )
            env.flush_all()
            courses = len(student.course_history_ids)
            cells = len(student.course_history_ids.grade_ids)
            for label, limit in (("client (40 rows)", 40), ("all rows", None)):
                spec = field_spec(arch, FIELDS["fl.student"], limit)
                seconds, queries = measure(env, student, spec)
                rows.append(
                    (
                        years,
                        courses,
                        len(student.test_history_ids),
                        cells,
                        label,
                        seconds,
                        queries,
                    )
                )
        cr.rollback()
    print(
        f"{'years':>5} {'courses':>7} {'tests':>5} {'cells':>5} "
        f"{'spec':<17} {'server s':>9} {'queries':>7}"
    )
    for years, courses, tests, cells, label, seconds, queries in rows:
        print(
            f"{years:>5} {courses:>7} {tests:>5} {cells:>5} {label:<17} "
            f"{seconds:>9.4f} {queries:>7}"
        )
    by_spec = {}
    for row in rows:
        by_spec.setdefault(row[4], []).append(row[6])
    independent = all(len(set(counts)) == 1 for counts in by_spec.values())
    worst = max(row[5] for row in rows)
    print(f"query count independent of history length: {independent}")
    print(
        f"worst server time: {worst:.4f} s (target <= 0.5 s): "
        f"{'ok' if worst <= 0.5 else 'TOO SLOW'}"
    )
    return 0 if independent and worst <= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
