"""Concurrency on real, committed data: two cron workers, two approvals.

A TransactionCase's own cursor never commits, and other cursors cannot see
its data; these tests therefore create their records through their own
cursors (``registry.cursor()``), commit them, and delete everything they
created when the class ends. Nothing is mocked: real PostgreSQL row locks.
"""

import datetime
import shutil
import tempfile
import threading
from pathlib import Path

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged

PARAMS = ("outbound_dir", "sending_district_id", "sending_school_number")
STUDENTS = 6


@tagged("post_install", "-at_install")
class TestFasterWorkers(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outbound = Path(tempfile.mkdtemp(prefix="faster_workers_"))
        cls.addClassCleanup(shutil.rmtree, cls.outbound, True)
        with cls.registry.cursor() as cr:
            env = cls._env(cr)
            params = env["ir.config_parameter"]
            cls.saved_params = {
                key: params.get_param(f"faster_export.{key}") for key in PARAMS
            }
            cls.addClassCleanup(cls._cleanup)
            cls.student_ids, cls.school_id, cls.year_id = [], None, None
            district = env["fl.district"]._lookup("12")
            cls.receiving_id = env["fl.district"]._lookup("61").id
            params.set_param("faster_export.outbound_dir", str(cls.outbound))
            params.set_param("faster_export.sending_district_id", district.id)
            params.set_param("faster_export.sending_school_number", "9078")
            school = env["fl.school"].create(
                {
                    "district_id": district.id,
                    "number": "9078",
                    "name": "Worker Test School",
                    "phone": "3865550178",
                }
            )
            cls.school_id = school.id
            year = env["fl.school.year"].create(
                {
                    "name": "2045-2046",
                    "code": "20452046",
                    "date_start": datetime.date(2045, 8, 10),
                    "date_end": datetime.date(2046, 5, 31),
                }
            )
            cls.year_id = year.id
            grade = env["fl.grade.level"]._lookup("10")
            sex = env["fl.sex"]._lookup("M")
            students = env["fl.student"].create(
                [
                    {
                        "first_name": f"Worker{n}",
                        "last_name": "Testcase",
                        "birthdate": datetime.date(2010, 1, n + 1),
                        "florida_student_id": f"12990000{n:02d}",
                        "sex_id": sex.id,
                    }
                    for n in range(STUDENTS + 1)
                ]
            )
            cls.student_ids = students.ids
            env["fl.enrollment"].create(
                [
                    {
                        "student_id": student.id,
                        "school_id": school.id,
                        "school_year_id": year.id,
                        "grade_level_id": grade.id,
                        "enrollment_date": year.date_start,
                    }
                    for student in students
                ]
            )

    @classmethod
    def _env(cls, cr):
        if cr.transaction is None:
            # our registry object: Registry(dbname) would wait for the lock
            # the loading of the registry (which runs these tests) holds
            cr.transaction = api.Transaction(cls.registry)
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    @classmethod
    def _cleanup(cls):
        with cls.registry.cursor() as cr:
            env = cls._env(cr)
            rows = env["faster.request"].search([("student_id", "in", cls.student_ids)])
            env["ir.attachment"].search(
                [("res_model", "=", "faster.request"), ("res_id", "in", rows.ids)]
            ).unlink()
            rows.unlink()
            students = env["fl.student"].browse(cls.student_ids).exists()
            partners = students.partner_id
            students.unlink()
            partners.unlink()
            env["fl.school"].browse(cls.school_id).unlink()
            env["fl.school.year"].browse(cls.year_id).unlink()
            for key, value in cls.saved_params.items():
                env["ir.config_parameter"].set_param(f"faster_export.{key}", value)

    def _queue_all(self, count=STUDENTS):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            rows = env["faster.request"]
            for student in env["fl.student"].browse(self.student_ids[:count]):
                rows |= rows._queue(
                    student, env["fl.district"].browse(self.receiving_id), "manual"
                )
            return rows.ids

    def _state(self, ids):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            rows = env["faster.request"].browse(ids)
            attachments = env["ir.attachment"].search(
                [("res_model", "=", "faster.request"), ("res_id", "in", ids)]
            )
            return (
                {row.id: (row.status, row.attempts) for row in rows},
                len(attachments),
            )

    def _drain(self, ids):
        """Run the job until the queue is empty; clear for the next test."""
        with self.registry.cursor() as cr:
            self._env(cr)["faster.request"]._cron_send_pending(max_batches=None)

    def tearDown(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            rows = env["faster.request"].search(
                [("student_id", "in", self.student_ids)]
            )
            env["ir.attachment"].search(
                [("res_model", "=", "faster.request"), ("res_id", "in", rows.ids)]
            ).unlink()
            rows.unlink()
        for path in self.outbound.iterdir():
            path.unlink()
        super().tearDown()

    def test_two_workers_skip_each_others_rows(self):
        ids = self._queue_all()
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            worker1 = self._env(cr1)["faster.request"]
            worker2 = self._env(cr2)["faster.request"]
            held = worker1._lock_pending_batch(3)  # worker 1 holds three rows
            self.assertEqual(len(held), 3)
            # worker 2 runs the whole job meanwhile: it skips the held rows
            self.assertEqual(
                worker2._cron_send_pending(batch_size=2, max_batches=None), 3
            )
            cr2.commit()
            worker1._process_batch(held)
            cr1.commit()
        states, attachments = self._state(ids)
        self.assertEqual(set(states.values()), {("sent", 1)})
        self.assertEqual(attachments, STUDENTS)
        self.assertEqual(len(list(self.outbound.glob("*.txt"))), STUDENTS)

    def test_two_workers_in_parallel_process_each_row_once(self):
        ids = self._queue_all()
        barrier = threading.Barrier(2)
        done, failures = [], []

        def work():
            try:
                with self.registry.cursor() as cr:
                    barrier.wait(timeout=30)
                    count = self._env(cr)["faster.request"]._cron_send_pending(
                        batch_size=1, max_batches=None
                    )
                    done.append(count)
            except Exception as error:  # noqa: BLE001 - reported below
                failures.append(error)

        threads = [threading.Thread(target=work) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertFalse(failures)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        self.assertEqual(len(done), 2)
        self.assertTrue(all(done), f"each worker sent some rows: {done}")
        self.assertLessEqual(sum(done), STUDENTS)
        self._drain(ids)  # whatever a worker left to the next run
        states, attachments = self._state(ids)
        self.assertEqual(set(states.values()), {("sent", 1)})  # each row once
        self.assertEqual(attachments, STUDENTS)

    def test_concurrent_approvals_queue_one_row(self):
        student_id = self.student_ids[-1]
        results, failures, replays = [], [], []
        with self.registry.cursor() as cr1:
            env1 = self._env(cr1)
            first = env1["faster.request"]._queue(
                env1["fl.student"].browse(student_id),
                env1["fl.district"].browse(self.receiving_id),
            )

            def second_approval():
                try:
                    with self.registry.cursor() as cr2:
                        env2 = self._env(cr2)
                        for _attempt in range(3):
                            try:
                                row = env2["faster.request"]._queue(
                                    env2["fl.student"].browse(student_id),
                                    env2["fl.district"].browse(self.receiving_id),
                                )
                                cr2.commit()
                                results.append(row.id)
                                break
                            except psycopg2.errors.SerializationFailure:
                                # what Odoo does with every RPC
                                # (odoo.service.model.retrying): roll back
                                # and replay in a new transaction
                                replays.append(1)
                                cr2.rollback()
                                env2.invalidate_all()
                except Exception as error:  # noqa: BLE001 - reported below
                    failures.append(error)

            thread = threading.Thread(target=second_approval)
            thread.start()
            thread.join(timeout=1)  # it waits for the first one's lock
            self.assertTrue(thread.is_alive())
            cr1.commit()
            thread.join(timeout=60)
        self.assertFalse(failures)
        self.assertEqual(replays, [1])  # the waiting approval was replayed once
        self.assertEqual(results, [first.id])
        with self.registry.cursor() as cr:
            count = self._env(cr)["faster.request"].search_count(
                [("student_id", "=", student_id)]
            )
        self.assertEqual(count, 1)
