"""The faster_requests queue: one row a FASTER transcript to send.

Seed 000: approving an outgoing transfer inserts a row (student_id,
request_type, requested_district_number, status Pending, created_user_id,
created_datetime); the scheduled action *Outgoing MSIX FASTER Responses*
turns each Pending row into the student's FASTER transcript.
"""

import contextlib
import datetime
import logging
import os
import re
import time
from pathlib import Path

import psycopg2
from psycopg2 import errorcodes, errors

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from ..faster import FasterError, validate_transcript, write_records
from . import transcript

_logger = logging.getLogger(__name__)

REQUEST_TYPES = [
    ("outgoing_transfer", "Outgoing transfer"),
    ("manual", "Manual transcript"),
    ("reply", "Reply to a FASTER request"),
    ("transcript_request", "Request for a transcript (R01)"),
]
STATUSES = [
    ("pending", "Pending"),
    ("processing", "Processing"),
    ("sent", "Sent"),
    ("error", "Error"),
]
DEFAULT_BATCH_SIZE = 100
# The job's cron record; its copies, one a further parallel worker, are
# named WORKER_CRON_2, WORKER_CRON_3, ...
WORKER_CRON = "ir_cron_outgoing_faster_responses"
MAX_PARALLEL_WORKERS = 32
# An upload that failed for a passing reason (the SFTP server down) is tried
# again by itself, after 15, 30, 60 and 120 minutes; then it is an Error.
MAX_UPLOAD_ATTEMPTS = 5
FIRST_UPLOAD_WAIT = datetime.timedelta(minutes=15)
PARAM = "faster_export."
# The codec's temporary file for NAME while it writes it (faster.write_records).
PARTIAL_FILE = re.compile(r"\.(.+)\.[a-z0-9_]{8}")
# What a user may change on a request over any route (the web client saves
# the form through the same RPC): its message type, before it is sent. The
# status and what follows from processing change in this model's own methods.
USER_WRITABLE = frozenset({"message_type_id"})
USER_WRITABLE_STATUSES = ("pending", "error")


class FasterRequest(models.Model):
    _name = "faster.request"
    _table = "faster_requests"
    _description = "FASTER Request"
    _order = "created_datetime desc, id desc"

    student_id = fields.Many2one(
        "fl.student",
        index=True,
        ondelete="restrict",
        help="Empty only on the S02 reply to a request for a student this "
        "district cannot identify.",
    )
    florida_student_id = fields.Char(
        related="student_id.florida_student_id", string="Student Number"
    )
    request_type = fields.Selection(
        REQUEST_TYPES, required=True, default="outgoing_transfer", index=True
    )
    requested_district_id = fields.Many2one(
        "fl.district",
        required=True,
        ondelete="restrict",
        help="The district the transcript is addressed to (the receiving district).",
    )
    requested_district_number = fields.Char(
        related="requested_district_id.code", store=True, index=True
    )
    status = fields.Selection(
        STATUSES,
        required=True,
        default="pending",
        index=True,
        readonly=True,
        copy=False,
    )
    created_user_id = fields.Many2one(
        "res.users",
        string="Created By",
        default=lambda self: self.env.user,
        readonly=True,
        ondelete="set null",
    )
    created_datetime = fields.Datetime(
        string="Created On", default=fields.Datetime.now, readonly=True, index=True
    )
    message_type_id = fields.Many2one(
        "fl.message.type",
        string="FASTER Message Type",
        default=lambda self: self._default_message_type(),
        ondelete="restrict",
        help="Header item 5: Q01 for a transcript nobody asked for through "
        "FASTER (an approved transfer, a manual send), S01 for the reply to a "
        "FASTER request.",
    )
    reason = fields.Text(help="Why the transcript was sent by hand.")
    request_header = fields.Char(
        help="The FASTER request header (I00) a reply answers: its bytes 4-256 "
        "are copied into the response's Section B.",
    )
    transfer_request_id = fields.Many2one(
        "fl.transfer.request", ondelete="set null", readonly=True, index=True
    )
    enrollment_id = fields.Many2one("fl.enrollment", ondelete="set null", readonly=True)
    attachment_id = fields.Many2one(
        "ir.attachment", string="FASTER File", readonly=True, ondelete="set null"
    )
    file_name = fields.Char(readonly=True)
    file_path = fields.Char(string="Written To", readonly=True)
    uploaded_to = fields.Char(
        readonly=True,
        help="Where the file was uploaded, when FASTER files are delivered to "
        "the FDOE SFTP server (Settings > Students > FASTER).",
    )
    record_count = fields.Integer(readonly=True)
    error_message = fields.Text(readonly=True)
    attempts = fields.Integer(readonly=True)
    upload_attempts = fields.Integer(
        readonly=True, copy=False, help="Failed uploads since the last success."
    )
    retry_after = fields.Datetime(
        string="Next Attempt",
        readonly=True,
        copy=False,
        help="A Pending request whose upload failed waits until then.",
    )
    sent_datetime = fields.Datetime(string="Sent On", readonly=True)

    def init(self):
        # Exactly one Pending row per student, district and kind: double
        # clicks and concurrent approvals cannot queue a transcript twice.
        if not tools.index_exists(self.env.cr, "faster_requests_one_pending"):
            self.env.cr.execute(
                """
                CREATE UNIQUE INDEX faster_requests_one_pending
                    ON faster_requests (student_id, requested_district_id, request_type)
                 WHERE status = 'pending'
                """
            )

    @api.depends("student_id", "requested_district_id", "request_header")
    def _compute_display_name(self):
        for row in self:
            who = row.student_id.display_name
            if not who and row.request_header:
                try:
                    asked = transcript.request_values(row)
                    names = (asked.get("first_name"), asked.get("last_name"))
                except FasterError:  # not a header: the request says no name
                    names = ()
                who = self.env._(
                    "%s (not identified)", " ".join(filter(None, names))
                ).strip()
            row.display_name = f"{who or ''} → {row.requested_district_number or ''}"

    @api.constrains("student_id", "request_type", "message_type_id")
    def _check_student(self):
        for row in self:
            if not row.student_id and not row._is_unidentified_reply():
                raise ValidationError(
                    self.env._(
                        "A FASTER transcript needs its student; only the S02 reply "
                        "(cannot identify the student) goes without one."
                    )
                )

    def _is_unidentified_reply(self):
        return (
            self.request_type == "reply"
            and self.message_type_id.code == "S02"
            and bool(self.request_header)
        )

    # -- CRUD: the queue changes through this model's methods -----------------

    @api.model_create_multi
    def create(self, vals_list):
        """Rows are queued by ``_queue`` (approvals, the send and reply
        wizards), never created directly: a row created as Sent, or for any
        student and district without the wizard's checks, is refused."""
        self._check_system(self.env._("create a FASTER request"))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            refused = set(vals) - USER_WRITABLE
            if refused:
                self._check_system(
                    self.env._(
                        "change %(fields)s of a FASTER request",
                        fields=", ".join(
                            sorted(
                                self._fields[name].string
                                if name in self._fields
                                else name
                                for name in refused
                            )
                        ),
                    )
                )
            if self.filtered(lambda row: row.status not in USER_WRITABLE_STATUSES):
                raise AccessError(
                    self.env._(
                        "The message type of a FASTER request changes only while "
                        "it is pending or in error."
                    )
                )
        return super().write(vals)

    def unlink(self):
        """The queue is the record of what was sent to whom: kept."""
        self._check_system(self.env._("delete a FASTER request"))
        return super().unlink()

    def _check_system(self, what):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "You cannot %(what)s: the queue changes only through its "
                    "actions (Send FASTER Transcript, Answer FASTER Requests, "
                    "Retry) and the Outgoing MSIX FASTER Responses job.",
                    what=what,
                )
            )

    @api.model
    def _default_message_type(self):
        return self._message_type_for("outgoing_transfer")

    @api.model
    def _message_type_for(self, request_type):
        code = {"reply": "S01", "transcript_request": "R01"}.get(
            request_type
        ) or self.env["ir.config_parameter"].sudo().get_param(
            PARAM + "unsolicited_message_type", "Q01"
        )
        return self.env["fl.message.type"]._lookup(code, raise_if_missing=False)

    # -- queueing ---------------------------------------------------------------

    @api.model
    def _queue(self, student, district, request_type="outgoing_transfer", **extra):
        """The Pending row of (student, district, kind), created if none.

        Safe under concurrency (double clicks, two approvers at once): the
        student's row is locked by a no-op update, so a second transaction
        waits for the first and then fails with a serialization error, which
        Odoo answers by replaying it (``odoo.service.model.retrying``) —
        the replay sees the first one's row and reuses it. The partial unique
        index ``faster_requests_one_pending`` is the last guard.
        """
        student.ensure_one()
        district.ensure_one()
        self.env.cr.execute(
            # a real row version, not just a lock: under repeatable read the
            # waiting transaction must be replayed to see the committed row
            "UPDATE fl_student SET write_date = write_date WHERE id = %s",
            [student.id],
            log_exceptions=False,
        )
        domain = [
            ("student_id", "=", student.id),
            ("requested_district_id", "=", district.id),
            ("request_type", "=", request_type),
            ("status", "=", "pending"),
        ]
        existing = self.sudo().search(domain, limit=1)
        if existing:
            return existing
        vals = {
            "student_id": student.id,
            "requested_district_id": district.id,
            "request_type": request_type,
            "message_type_id": self._message_type_for(request_type).id,
            **extra,
        }
        try:
            with self.env.cr.savepoint():
                return self.sudo().create(vals)
        except psycopg2.IntegrityError as error:
            if error.pgcode != errorcodes.UNIQUE_VIOLATION:
                raise
            _logger.info(
                "FASTER request for student %s to district %s already queued by "
                "a concurrent transaction",
                student.id,
                district.code,
            )
            return self.browse()

    @api.model
    def _queue_unidentified(self, district, request_header):
        """The Pending S02 reply to a request for a student this district
        cannot identify (created if none: one a request)."""
        district.ensure_one()
        domain = [
            ("student_id", "=", False),
            ("requested_district_id", "=", district.id),
            ("request_type", "=", "reply"),
            ("request_header", "=", request_header),
            ("status", "=", "pending"),
        ]
        existing = self.sudo().search(domain, limit=1)
        if existing:
            return existing
        s02 = self.env["fl.message.type"]._lookup("S02")
        return self.sudo().create(
            {
                "requested_district_id": district.id,
                "request_type": "reply",
                "message_type_id": s02.id,
                "request_header": request_header,
            }
        )

    @api.model
    def _trigger_send(self):
        """Run Outgoing MSIX FASTER Responses soon: what a user just queued
        goes out now, not at the next scheduled run."""
        cron = self.env.ref(f"faster_export.{WORKER_CRON}", raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger()

    # -- actions ----------------------------------------------------------------

    def action_retry(self):
        """Back to Pending: the next run of the job sends it again (a request
        waiting to retry an upload: now). Needs the Send and Retry right."""
        self.check_access("write")
        for row in self:
            waiting = row.status == "pending" and row.retry_after
            if row.status not in ("error", "sent", "processing") and not waiting:
                raise UserError(
                    self.env._(
                        "%(row)s is %(status)s: only a request in error, stuck in "
                        "processing or already sent can be retried.",
                        row=row.display_name,
                        status=dict(STATUSES)[row.status].lower(),
                    )
                )
            duplicate = self.search(
                [
                    ("id", "!=", row.id),
                    ("student_id", "=", row.student_id.id),
                    ("requested_district_id", "=", row.requested_district_id.id),
                    ("request_type", "=", row.request_type),
                    ("status", "=", "pending"),
                ],
                limit=1,
            )
            if duplicate:
                raise UserError(
                    self.env._(
                        "%(row)s: another request for this student and district "
                        "is already pending.",
                        row=row.display_name,
                    )
                )
        self.sudo().write(
            {
                "status": "pending",
                "error_message": False,
                "retry_after": False,
                "upload_attempts": 0,
            }
        )
        return True

    def action_download(self):
        self.ensure_one()
        if not self.attachment_id:
            raise UserError(self.env._("%s has no FASTER file yet.", self.display_name))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "self",
        }

    # -- the scheduled action -------------------------------------------------------

    @api.model
    def _settings(self):
        return transcript.Settings.from_env(self.env)

    @api.model
    def _cron_send_pending(self, batch_size=None, max_batches=1):
        """Outgoing MSIX FASTER Responses: send Pending rows, a batch a call.

        A batch is taken with ``FOR UPDATE SKIP LOCKED``: two workers never
        take the same row. The cron runner commits after each call and calls
        again while ``_notify_progress`` reports rows remaining, up to 10
        times a run; ``_wake_workers`` has it (and the other workers) go on
        at once rather than at the runner's next poll.
        ``max_batches=None`` processes the whole queue in this transaction.
        """
        batch_size = batch_size or int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(PARAM + "batch_size", DEFAULT_BATCH_SIZE)
        )
        done = batches = 0
        started = time.monotonic()
        while max_batches is None or batches < max_batches:
            rows = self._lock_pending_batch(batch_size)
            if not rows:
                break
            self._process_batch(rows)
            done += len(rows)
            batches += 1
        remaining = self.search_count(self._due_domain())
        if done:
            _logger.info(
                "Outgoing MSIX FASTER Responses: %s transcript(s) processed in "
                "%.1f s, %s pending",
                done,
                time.monotonic() - started,
                remaining,
            )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        if done and remaining:
            self._wake_workers(-(-remaining // batch_size))
        return done

    @api.model
    def _wake_workers(self, batches):
        """Rows remain: the job's cron records run again now, as many as
        there are ``batches`` left, up to the Parallel Workers setting.

        Odoo's cron runner calls a job at most 10 times a run and then waits
        for its next poll (a minute), unless a trigger for now wakes it (at
        this transaction's commit). One cron record runs in one worker at a
        time: each record of the job lets one more cron worker, of this
        server or another one on the database, drain the queue with this one.
        Without rows done nothing is woken: what is left is held by workers
        already running, or waits to retry.
        """
        for cron in self._worker_crons()[:batches]:
            cron._trigger()

    @api.model
    def _worker_crons(self):
        """The job's cron records, the shipped one first (worker 1)."""
        workers = self._worker_crons_by_number()
        return self.env["ir.cron"].union(*(workers[n] for n in sorted(workers)))

    @api.model
    def _worker_crons_by_number(self):
        """Worker number -> cron record: the shipped one is 1, its copies
        (``_set_parallel_workers``) are named after it with their number."""
        entries = (
            self.env["ir.model.data"]
            .sudo()
            .search(
                [
                    ("module", "=", "faster_export"),
                    ("model", "=", "ir.cron"),
                    ("name", "=like", f"{WORKER_CRON}%"),
                ]
            )
        )
        workers = {}
        for entry in entries:
            number = entry.name.removeprefix(WORKER_CRON).removeprefix("_") or "1"
            if number.isdigit():
                workers[int(number)] = self.env["ir.cron"].sudo().browse(entry.res_id)
        return workers

    @api.model
    def _set_parallel_workers(self, count):
        """One cron record of the job a parallel worker (Settings > FASTER >
        Parallel Workers): copies of the shipped one, created or removed
        (not while they run: the runner holds them)."""
        if not 1 <= count <= MAX_PARALLEL_WORKERS:
            raise UserError(
                self.env._(
                    "FASTER Parallel Workers must be between 1 and %(most)s, "
                    "not %(count)s.",
                    most=MAX_PARALLEL_WORKERS,
                    count=count,
                )
            )
        workers = self._worker_crons_by_number()
        main = workers.pop(1)
        self.env["ir.cron"].union(
            *(cron for number, cron in workers.items() if number > count)
        ).unlink()
        for number in range(2, count + 1):
            if number in workers:
                continue
            cron = main.copy(
                {
                    "name": self.env._(
                        "%(name)s (worker %(number)s)", name=main.name, number=number
                    ),
                    "active": main.active,
                }
            )
            self.env["ir.model.data"].sudo().create(
                {
                    "module": "faster_export",
                    "name": f"{WORKER_CRON}_{number}",
                    "model": "ir.cron",
                    "res_id": cron.id,
                    # kept by module updates, removed with the module
                    "noupdate": True,
                }
            )

    @api.model
    def _due_domain(self):
        """Pending rows the job may take now (not waiting to retry)."""
        return [
            ("status", "=", "pending"),
            "|",
            ("retry_after", "=", False),
            ("retry_after", "<=", fields.Datetime.now()),
        ]

    @api.model
    def _lock_pending_batch(self, size):
        """Pending rows nobody else holds, locked until this transaction ends."""
        self.env.flush_all()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    """
                    SELECT id FROM faster_requests
                     WHERE status = 'pending'
                       AND (retry_after IS NULL OR retry_after <= %s)
                     ORDER BY created_datetime, id
                     LIMIT %s
                     FOR UPDATE SKIP LOCKED
                    """,
                    [fields.Datetime.now(), size],
                    log_exceptions=False,
                )
                ids = [row[0] for row in self.env.cr.fetchall()]
        except errors.SerializationFailure:
            # Another worker sent rows this transaction still sees as
            # Pending (repeatable read): leave the rest to the next run.
            _logger.info(
                "Outgoing MSIX FASTER Responses: rows taken by another worker, "
                "stopping this run"
            )
            return self.browse()
        return self.browse(ids)

    def _process_batch(self, rows):
        """Build, validate and write the transcripts of ``rows``, then upload
        them when delivery is by SFTP (faster.sftp).

        Reads for the whole batch at once (a fixed number of queries whatever
        the history's length); each row in its own savepoint, so a transcript
        that fails leaves the others of the batch untouched.
        """
        rows = rows.sudo()
        settings = self._settings()
        rows.write({"status": "processing"})
        builder = transcript.TranscriptBuilder(self.env, settings, rows)
        partials = self._partial_files(settings.outbound_dir)
        outcomes = {}
        for row in rows:
            try:
                with self.env.cr.savepoint(flush=False):
                    outcomes[row.id] = row._build_and_write(builder, settings, partials)
            except (FasterError, UserError, OSError, ValueError) as error:
                outcomes[row.id] = {"error": str(error)}
            except Exception as error:  # a bug must not stop the batch
                _logger.exception("FASTER request %s failed", row.id)
                outcomes[row.id] = {"error": f"{type(error).__name__}: {error}"}
        self.env["faster.sftp"]._deliver(outcomes)
        self._store_outcomes(rows, outcomes)

    def _build_and_write(self, builder, settings, partials):
        """Outcome of one row: its file and attachment, or its located errors."""
        self.ensure_one()
        records = builder.records_for(self)
        issues = validate_transcript(records)
        if issues:
            shown = issues[:50]
            lines = [str(issue) for issue in shown]
            if len(issues) > len(shown):
                lines.append(self.env._("… and %s more", len(issues) - len(shown)))
            return {"error": "\n".join(lines)}
        name = self._file_name(builder, settings)
        path = Path(settings.outbound_dir) / name
        for leftover in partials.pop(name, ()):
            # this run holds the row: nobody else is writing its file
            _logger.info("FASTER: removing %s, left by an interrupted run", leftover)
            leftover.unlink(missing_ok=True)
        count = write_records(path, records)
        return {"records": records, "name": name, "path": str(path), "count": count}

    def _file_name(self, builder, settings):
        """The request's one file name, the same on every attempt: a run
        killed before its commit leaves the row Pending and its file written;
        the next run writes the same name again (an atomic replace), never a
        second file. Its time is when the request was queued; once a file is
        written, later attempts (Retry, Send Again) keep its name."""
        if self.file_name:
            return self.file_name
        return settings.file_name(
            self,
            builder.student_number(self),
            builder.schools.get(self.id),
            when=self.created_datetime,
        )

    @api.model
    def _partial_files(self, folder):
        """Target name -> the codec's temporary files for it in ``folder``
        (``.NAME.`` and 8 random characters): what a killed run left
        half-written. Listed once a batch."""
        found = {}
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(folder):
                match = PARTIAL_FILE.fullmatch(entry.name)
                if match and entry.is_file(follow_symlinks=False):
                    found.setdefault(match[1], []).append(Path(entry.path))
        return found

    def _outcome_values(self, outcome, now):
        """The row's new status: Sent; Error; or, for an upload that failed
        for a passing reason, Pending again until its next attempt."""
        self.ensure_one()
        values = {"attempts": self.attempts + 1, "retry_after": False}
        error = outcome.get("error")
        if not error:
            values.update(status="sent", sent_datetime=now, error_message=False)
            values["upload_attempts"] = 0
            return values
        values.update(status="error", sent_datetime=False, error_message=error)
        if "transient" not in outcome:  # not an upload: a transcript's error
            return values
        tried = values["upload_attempts"] = self.upload_attempts + 1
        values["error_message"] = self.env._(
            "%(error)s (upload attempt %(tried)s of %(most)s)",
            error=error,
            tried=tried,
            most=MAX_UPLOAD_ATTEMPTS,
        )
        if outcome["transient"] and tried < MAX_UPLOAD_ATTEMPTS:
            retry_after = now + FIRST_UPLOAD_WAIT * 2 ** (tried - 1)
            values.update(status="pending", retry_after=retry_after)
            values["error_message"] += " " + self.env._(
                "Tried again by itself after %s (UTC); Retry sends it now.",
                fields.Datetime.to_string(retry_after),
            )
        return values

    def _store_outcomes(self, rows, outcomes):
        """Sent, or Error with its message; a written file is kept on the row
        (attachment, name, path) either way: one not uploaded can still be
        downloaded, and Retry sends it again."""
        now = fields.Datetime.now()
        good = rows.filtered(lambda r: "error" not in outcomes[r.id])
        written = rows.filtered(lambda r: "records" in outcomes[r.id])
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": outcomes[row.id]["name"],
                        "raw": b"".join(
                            record + b"\r\n" for record in outcomes[row.id]["records"]
                        ),
                        # not text/plain: Odoo would copy the whole file into
                        # index_content for the full-text search
                        "mimetype": "application/octet-stream",
                        "res_model": self._name,
                        "res_id": row.id,
                    }
                    for row in written
                ]
            )
        )
        for row, attachment in zip(written, attachments, strict=True):
            outcome = outcomes[row.id]
            row.write(
                {
                    "attachment_id": attachment.id,
                    "file_name": outcome["name"],
                    "file_path": outcome["path"],
                    "uploaded_to": outcome.get("uploaded_to") or False,
                    "record_count": outcome["count"],
                }
            )
        for row in rows:
            row.write(row._outcome_values(outcomes[row.id], now))
        if rows - good:
            _logger.info(
                "Outgoing MSIX FASTER Responses: %s transcript(s) in error: %s",
                len(rows - good),
                ", ".join(str(i) for i in (rows - good).ids),
            )
