"""Concurrency on real, committed data: two cron workers, two approvals, a
worker killed in the middle of a batch, the queue drained by Odoo's cron
runner in several workers at once.

A TransactionCase's own cursor never commits, and other cursors cannot see
its data; these tests therefore create their records through their own
cursors (``registry.cursor()``), commit them, and delete everything they
created when the class ends. Nothing is mocked: real PostgreSQL row locks,
a real Odoo process (``odoo shell``) killed with SIGKILL.
"""

import collections
import contextlib
import datetime
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg2

from odoo import SUPERUSER_ID, api, sql_db
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

from odoo.addons.base.models.ir_cron import MAX_BATCH_PER_CRON_JOB

from ..faster import decode
from .sftp_server import SftpServer, delivery_params

PARAMS = [("key", "=like", "faster_export.%")]
STUDENTS = 6
# More rows than the cron runner calls a job for in one run, at one a batch.
RUNNER_ROWS = MAX_BATCH_PER_CRON_JOB + 2
# The job as the cron runs it, in a process of its own, the queue in batches
# of two in one transaction.
# A cron worker of an Odoo server, for the job's cron records only (the
# runner's _process_jobs takes every ready job of the database): each record
# taken with the runner's lock and run by the runner, until none is ready.
CRON_WORKER = """
import time
from psycopg2.extensions import TransactionRollbackError
from odoo.sql_db import db_connect

IrCron = env.registry["ir.cron"]
db = db_connect(env.cr.dbname)
cron_ids = {cron_ids!r}


def run(cron_id):
    with db.cursor() as cron_cr:
        try:
            job = IrCron._acquire_one_job(cron_cr, cron_id)
        except TransactionRollbackError:
            return False
        if job:
            IrCron._process_job(db, cron_cr, job)
        return bool(job)


def ready():
    with db.cursor() as cr:
        return [j["id"] for j in IrCron._get_all_ready_jobs(cr) if j["id"] in cron_ids]


def work(deadline):
    while time.monotonic() < deadline:
        if not [cron_id for cron_id in cron_ids if run(cron_id)]:
            if not ready():
                return "nothing left to run"
            time.sleep(0.05)  # held by another worker
    return "still running"
"""
CRON_WORKER_RUN = "print('cron worker:', work(time.monotonic() + 240))\n"
JOB = """
env["faster.request"]._cron_send_pending(batch_size={batch_size}, max_batches=None)
env.cr.commit()
"""


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
            cls.saved_params = cls._params(env)
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
                    for n in range(RUNNER_ROWS + 1)
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
        cls._set_params(cls.saved_params)

    @classmethod
    def _params(cls, env):
        return {
            param.key: param.value
            for param in env["ir.config_parameter"].search(PARAMS)
        }

    @classmethod
    def _set_params(cls, values):
        """The faster_export.* parameters exactly ``values``."""
        with cls.registry.cursor() as cr:
            params = cls._env(cr)["ir.config_parameter"]
            params.search(PARAMS).unlink()
            for key, value in values.items():
                params.set_param(key, value)

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

    # -- a worker killed in the middle of a batch --------------------------------

    def _start_job(self, batch_size):
        """The job in an Odoo process of its own, as a cron worker runs it."""
        return self._start_shell(JOB.format(batch_size=batch_size))

    def _start_shell(self, script):
        """``script`` run by ``odoo shell`` in a process of its own."""
        output = self.enterContext(tempfile.TemporaryFile(mode="w+"))
        command = [
            *(sys.executable, "-m", "odoo", "shell", "--no-http"),
            *("-c", config.rcfile, "-d", self.env.cr.dbname),
            *("--addons-path", config["addons_path"], "--data-dir", config["data_dir"]),
            *("--log-level", "warn"),
        ]
        environ = dict(os.environ)
        environ.pop("ODOO_PGAPPNAME", None)  # its sessions named odoo-<pid>
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=output,
            stderr=output,
            text=True,
            env=environ,
        )
        process.output = output
        process.stdin.write(script)
        process.stdin.close()
        self.addCleanup(self._kill, process)
        return process

    def _kill(self, process):
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        # its PostgreSQL session ends (rolled back) once it sees the client gone
        self._wait_for(lambda: not self._sessions(process), "the session to end")

    def _sessions(self, process, waiting_for_lock=False):
        """The job process's PostgreSQL sessions (those waiting for a lock)."""
        with self.registry.cursor() as cr:
            cr.execute(
                """
                SELECT pid FROM pg_stat_activity
                 WHERE application_name = %s
                   AND (NOT %s OR wait_event_type = 'Lock')
                """,
                [f"odoo-{process.pid}", waiting_for_lock],
            )
            return cr.fetchall()

    def _wait_for(self, condition, what, process=None, timeout=240):
        deadline = time.monotonic() + timeout
        while not condition():
            if process is not None and process.poll() is not None:
                process.output.seek(0)
                self.fail(f"the job ended before {what}:\n{process.output.read()}")
            if time.monotonic() > deadline:
                self.fail(f"no {what} after {timeout} s")
            time.sleep(0.05)

    def _files(self, folder):
        return {path.name: path.read_bytes() for path in folder.iterdir()}

    def _assert_one_file_each(self, ids, folder):
        """Each request Sent once, with one file in ``folder``: its own
        transcript, the bytes of its attachment; nothing else there."""
        states, attachments = self._state(ids)
        self.assertEqual(set(states.values()), {("sent", 1)})
        self.assertEqual(attachments, len(ids))
        files = self._files(folder)
        with self.registry.cursor() as cr:
            for row in self._env(cr)["faster.request"].browse(ids):
                header = decode(files.pop(row.file_name).split(b"\r\n")[0])
                self.assertEqual(header["first_name"], row.student_id.first_name)
                attachment = row.attachment_id
                self.assertEqual(attachment.raw, Path(row.file_path).read_bytes())
        self.assertEqual(files, {}, "a second file (or a temporary one)")

    def test_a_worker_killed_mid_batch_leaves_one_file_a_request(self):
        ids = self._queue_all()
        with self.registry.cursor() as blocker:
            # the job writes a batch's files, then stores their attachments:
            # held there, it is killed between the two, before its commit
            blocker.execute("LOCK TABLE ir_attachment IN SHARE MODE")
            job = self._start_job(batch_size=2)
            self._wait_for(
                lambda: (
                    # names only: a file being written is renamed meanwhile
                    len(list(self.outbound.iterdir())) == 2
                    and self._sessions(job, waiting_for_lock=True)
                ),
                "job waiting to store its first batch",
                job,
            )
            os.kill(job.pid, signal.SIGKILL)
            job.wait(timeout=60)
            blocker.rollback()
        self._kill(job)
        left = self._files(self.outbound)
        self.assertEqual(len(left), 2, "the killed batch's files")
        states, attachments = self._state(ids)
        self.assertEqual(set(states.values()), {("pending", 0)}, "rolled back")
        self.assertEqual(attachments, 0)
        time.sleep(1.1)  # the next run comes later: another time of day
        self._drain(ids)
        # the same names again: the killed run's files replaced, not doubled
        self.assertLessEqual(set(left), set(self._files(self.outbound)))
        self._assert_one_file_each(ids, self.outbound)

    def _sftp_server(self):
        """A real SFTP server on loopback over a fresh folder with outgoing/."""
        remote = Path(tempfile.mkdtemp(prefix="faster_workers_sftp_"))
        self.addCleanup(shutil.rmtree, remote, True)
        (remote / "outgoing").mkdir()
        server = SftpServer(str(remote), password="Fl-sftp-worker-pw").__enter__()
        self.addCleanup(server.__exit__, None, None, None)
        return remote, server

    def test_a_worker_killed_mid_upload_leaves_one_upload_a_request(self):
        ids = self._queue_all()
        remote, server = self._sftp_server()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            self.addCleanup(self._set_params, self._params(env))
            for key, value in delivery_params(server, "Fl-sftp-worker-pw").items():
                env["ir.config_parameter"].set_param(f"faster_export.{key}", value)
        opened, held, release = [], threading.Event(), threading.Event()

        def hold_the_second_upload(path):
            opened.append(path)
            if len(opened) == 2:  # its temporary file exists, empty
                held.set()
                release.wait(120)

        server.on_write_open = hold_the_second_upload
        self.addCleanup(release.set)
        job = self._start_job(batch_size=STUDENTS)
        self._wait_for(held.is_set, "second upload", job)
        os.kill(job.pid, signal.SIGKILL)
        self._kill(job)
        release.set()
        # one file uploaded (renamed), the second one's temporary file left
        first, second = (Path(path).name for path in opened)
        uploaded = first.removeprefix(".").removesuffix(".part")
        self.assertEqual(sorted(self._files(remote / "outgoing")), [second, uploaded])
        self.assertEqual(second, f".{Path(second).stem.lstrip('.')}.part")
        self.assertEqual(len(self._files(self.outbound)), STUDENTS)
        self.assertEqual(set(self._state(ids)[0].values()), {("pending", 0)})
        del opened[:]
        time.sleep(1.1)
        self._drain(ids)
        self.assertEqual(len(opened), STUDENTS - 1)
        self.assertNotIn(f"/outgoing/{first}", opened, "the uploaded file reused")
        self._assert_one_file_each(ids, self.outbound)
        self.assertEqual(self._files(remote / "outgoing"), self._files(self.outbound))

    # -- the queue drained by Odoo's cron runner ---------------------------------

    def _set_batch_size(self, size, workers=1):
        """Batches of ``size`` and ``workers`` cron records of the job, until
        the test ends; none of them ready to run."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            self.addCleanup(self._set_params, self._params(env))
            env["ir.config_parameter"].set_param("faster_export.batch_size", size)
            env["faster.request"]._set_parallel_workers(workers)
            self.addCleanup(self._set_workers, 1)
            crons = env["faster.request"]._worker_crons()
            self.assertEqual(len(crons), workers)
            cron_ids = crons.ids
        while any(self._run_cron(cron_id) for cron_id in self._ready(cron_ids)):
            pass  # an empty queue: each run once, then waiting for its interval
        self.assertFalse(self._ready(cron_ids))
        return cron_ids

    def _set_workers(self, count):
        with self.registry.cursor() as cr:
            self._env(cr)["faster.request"]._set_parallel_workers(count)

    def _queue_and_trigger(self, count):
        """Queue ``count`` rows, as approvals do: the job triggered."""
        ids = self._queue_all(count)
        with self.registry.cursor() as cr:
            self._env(cr)["faster.request"]._trigger_send()
        return ids

    def _ready(self, cron_ids):
        """Those of ``cron_ids`` the cron runner finds ready to run."""
        with self.registry.cursor() as cr:
            jobs = self.registry["ir.cron"]._get_all_ready_jobs(cr)
        return [job["id"] for job in jobs if job["id"] in cron_ids]

    def _run_cron(self, cron_id):
        """One run of the cron record as a cron worker runs it (the cron
        runner's ``_process_jobs`` for this record only): the record taken
        with the runner's own lock, the job called until it is done or has
        been called ten times, then rescheduled. False if another worker
        holds it or it is not ready."""
        IrCron = self.registry["ir.cron"]
        db = sql_db.db_connect(self.env.cr.dbname)
        with db.cursor() as cron_cr:
            self._env(cron_cr)
            try:
                job = IrCron._acquire_one_job(cron_cr, cron_id)
            except psycopg2.extensions.TransactionRollbackError:
                cron_cr.rollback()
                return False
            if not job:
                return False
            IrCron._process_job(db, cron_cr, job)
            return True

    @contextlib.contextmanager
    def _cron_wakeups(self):
        """The wake-up calls cron workers listen to (``NOTIFY cron_trigger``)
        sent while the block runs, whatever ODOO_NOTIFY_CRON_CHANGES says."""
        wakeups = []
        listener = sql_db.db_connect("postgres").cursor()
        try:
            listener.execute("LISTEN cron_trigger")
            listener.commit()
            saved = os.environ.pop("ODOO_NOTIFY_CRON_CHANGES", None)
            try:
                yield wakeups
            finally:
                if saved is not None:
                    os.environ["ODOO_NOTIFY_CRON_CHANGES"] = saved
            listener._cnx.poll()
            wakeups.extend(
                notify.payload
                for notify in listener._cnx.notifies
                if notify.payload == self.env.cr.dbname
            )
        finally:
            listener.close()

    def test_the_runner_goes_on_at_once_while_rows_remain(self):
        (cron_id,) = self._set_batch_size(1)
        ids = self._queue_and_trigger(RUNNER_ROWS)
        with self._cron_wakeups() as wakeups:
            self.assertTrue(self._run_cron(cron_id))
        states = self._state(ids)[0]
        # the runner stopped after its ten calls, a batch each, committed...
        self.assertEqual(
            collections.Counter(status for status, _attempts in states.values()),
            {"sent": MAX_BATCH_PER_CRON_JOB, "pending": 2},
        )
        # ...and the cron workers are woken to go on now, not at their next
        # poll (a minute later): the job is ready for them
        self.assertTrue(wakeups, "no wake-up while rows remain")
        self.assertEqual(self._ready([cron_id]), [cron_id])
        self.assertTrue(self._run_cron(cron_id))
        self.assertEqual(set(self._state(ids)[0].values()), {("sent", 1)})

    def test_as_many_workers_woken_as_batches_remain(self):
        main, second, third = self._set_batch_size(2, workers=3)
        ids = self._queue_and_trigger(4)  # two batches
        self.assertEqual(self._ready([main, second, third]), [main])
        self.assertTrue(self._run_cron(main))
        self.assertEqual(set(self._state(ids)[0].values()), {("sent", 1)})
        # one batch was left after the first: one worker woken for it
        self.assertNotIn(second, self._ready([main, second, third]))
        self.assertNotIn(third, self._ready([main, second, third]))
        ids = self._queue_and_trigger(RUNNER_ROWS)  # six batches
        with self._cron_wakeups() as wakeups:
            self.assertTrue(self._run_cron(main))
        self.assertTrue(wakeups)
        # more batches than workers: each of the job's records was made ready
        # while they remained, for as many cron workers (of this server or
        # another one) as there are
        self.assertIn(second, self._ready([main, second, third]))
        self.assertIn(third, self._ready([main, second, third]))

    def test_two_cron_workers_drain_the_queue_each_row_sent_once(self):
        cron_ids = self._set_batch_size(2, workers=2)
        remote, server = self._sftp_server()
        with self.registry.cursor() as cr:
            params = self._env(cr)["ir.config_parameter"]
            for key, value in delivery_params(server, "Fl-sftp-worker-pw").items():
                params.set_param(f"faster_export.{key}", value)
        uploads = []
        server.on_write_open = uploads.append
        ids = self._queue_and_trigger(RUNNER_ROWS)
        script = self.enterContext(tempfile.NamedTemporaryFile("w", suffix=".py"))
        script.write(CRON_WORKER.format(cron_ids=cron_ids))
        script.flush()
        workers = [
            self._start_shell(f"exec(open({script.name!r}).read())\n{CRON_WORKER_RUN}")
            for _ in range(2)
        ]
        for worker in workers:
            worker.wait(timeout=300)
            worker.output.seek(0)
            output = worker.output.read()
            self.assertIn("cron worker: nothing left to run", output)
            self.assertNotIn("Traceback", output)
        # none lost, none sent twice: each row Sent after one attempt, with
        # one file, uploaded once
        self._assert_one_file_each(ids, self.outbound)
        uploaded = collections.Counter(Path(path).name for path in uploads)
        self.assertEqual(len(uploaded), RUNNER_ROWS)
        self.assertEqual(set(uploaded.values()), {1}, f"uploaded twice: {uploaded}")
        self.assertEqual(self._files(remote / "outgoing"), self._files(self.outbound))
