import datetime
import inspect
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from odoo.exceptions import UserError
from odoo.modules.module import get_module_path
from odoo.tests import tagged

from odoo.addons.focus_transfers.models.faster_field_map import FIELD_MAP, targets

from ..faster import LAYOUTS, RECORD_LENGTH, decode, read_records
from ..models import transcript
from .common import TODAY, FasterCase


def run_cli(*args):
    """``python -m faster ...`` in a subprocess, the codec found on its path."""
    env = dict(os.environ, PYTHONPATH=get_module_path("faster_export"))
    return subprocess.run(
        [sys.executable, "-m", "faster", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@tagged("post_install", "-at_install")
class TestFasterCron(FasterCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["fl.academic.demo"].build_history(
            cls.student, years=4, ese=True, incident=False, today=TODAY
        )
        cls.student.faster_comment = "Transferred mid-year.\nGrading scale: A=90-100"

    def decoded(self, row):
        return [decode(record) for record in read_records(row.file_path)]

    def test_cron_writes_a_valid_transcript_file(self):
        row = self.queue()
        self.assertEqual(self.run_cron(), 1)
        self.assertEqual(row.status, "sent", row.error_message)
        self.assertEqual(row.attempts, 1)
        self.assertTrue(row.sent_datetime)
        path = Path(row.file_path)
        self.assertEqual(path.parent, self.outbound)
        data = path.read_bytes()
        lines = data.split(b"\r\n")
        self.assertEqual(lines.pop(), b"")  # CR LF after the last record
        self.assertEqual(len(lines), row.record_count)
        self.assertTrue(all(len(line) == RECORD_LENGTH for line in lines))
        self.assertEqual(len(data), row.record_count * (RECORD_LENGTH + 2))
        self.assertEqual(row.attachment_id.raw, data)
        self.assertEqual(row.attachment_id.name, path.name)
        self.assertFalse(list(self.outbound.glob(".*")), "temporary file left over")
        result = run_cli("validate", str(path))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("valid", result.stdout)

        records = self.decoded(row)
        types = [r["record_type"] for r in records]
        self.assertEqual(types[:3], ["I00", "I01", "I02"])
        header = records[0]
        self.assertEqual(header["message_type"], "Q01")
        self.assertEqual(header["test_indicator"], "T")
        self.assertEqual(header["addressed_institution"][0], "0000061")
        self.assertEqual(header["sending_institution"], ("0000012", "9001"))
        self.assertEqual(header["last_name"], "Thornbury")
        years = [r["school_year"] for r in records if r["record_type"] == "I03"]
        self.assertEqual(len(years), 4)
        self.assertEqual(years, sorted(years))
        self.assertEqual(years[-1], (2025, 2026))
        courses = [r for r in records if r["record_type"] == "I04"]
        self.assertEqual(len(courses), len(self.student.course_history_ids))
        current = [c for c in courses if c["school_year"] == (2025, 2026)]
        self.assertTrue(current)
        for course in current:
            self.assertIn("P", course["course_flags"])
            self.assertIsNone(course["final_grade"])
            self.assertIsNone(course["credit_earned"])
            self.assertTrue(course["block1_p1"] or course["block2_p1"])
        self.assertIn("I06", types)
        self.assertIn("I07", types)
        self.assertIn("I08", types)
        self.assertEqual(records[1]["school_phone"], 3865550142)
        self.assertEqual(records[1]["school_name"], "Test School")

    def test_mid_year_transfer_courses_in_progress(self):
        """The FASTER I/S04 attachment: a course in progress is flagged P, has
        no final grade nor credit earned, and its grades sit in the block
        (term) and period they were given in; a first-semester course already
        finished is final."""
        student = self.make_student("Rowan", "Ellery", "1287654321", history=False)
        enrollment = student.current_enrollment_id
        year = self.current_year
        code = self.env["fl.term.code"]._lookup
        flag = self.env["fl.course.flag"]._lookup
        grade9 = self.env["fl.grade.level"]._lookup("09")
        History = self.env["fl.course.history"]

        def line(number, title, term, credit, **extra):
            return History.create(
                {
                    "student_id": student.id,
                    "school_year_id": year.id,
                    "school_id": self.school.id,
                    "grade_level_id": grade9.id,
                    "term_code_id": code(term).id,
                    "course_number": number,
                    "course_title": title,
                    "credit_attempted": credit,
                    **extra,
                }
            )

        def cells(*triples):
            return [
                (0, 0, {"block": b, "period": p, "grade": g}) for b, p, g in triples
            ]

        annual = line(
            "1001310",
            "English 1",
            "3",
            1.0,
            course_flag_ids=[(6, 0, flag("P").ids)],
            in_progress_hours=95,
            absences=3,
            weeks_in_grading_cycle=9,
            grade_ids=cells(
                (1, "1", "B"),
                (1, "2", "A"),
                (1, "exam", "B"),
                (1, "cumulative", "B"),
                (2, "1", "C"),
            ),
        )
        second = line(
            "2102330",
            "Comp Econ Systems",
            "2",
            0.5,
            course_flag_ids=[(6, 0, flag("P").ids)],
            weeks_in_grading_cycle=9,
            grade_ids=cells((2, "1", "C")),
        )
        first = line(
            "2106310",
            "US Government",
            "1",
            0.5,
            final_grade="A",
            credit_earned=0.5,
            grade_ids=cells((1, "1", "A"), (1, "2", "A")),
        )
        request = self.env["fl.transfer.request"].create(
            {
                "direction": "incoming",
                "student_id": student.id,
                "first_name": "Rowan",
                "last_name": "Ellery",
                "birthdate": student.birthdate,
                "district_id": self.other_district.id,
                "enrollment_date": datetime.date(2026, 2, 10),
            }
        )
        request.action_approve()
        self.assertEqual(enrollment.drop_date, datetime.date(2026, 2, 9))
        row = self.Request.search([("student_id", "=", student.id)])
        self.run_cron()
        self.assertEqual(row.status, "sent", row.error_message)
        records = self.decoded(row)
        self.assertEqual(run_cli("validate", row.file_path).returncode, 0)
        (i03,) = [r for r in records if r["record_type"] == "I03"]
        self.assertEqual(i03["school_year"], (2025, 2026))
        self.assertEqual(i03["promotion_status"], "N")  # left before the year ended
        i01 = records[1]
        self.assertEqual(i01["withdrawal_code"], "W3A")
        self.assertEqual(i01["withdrawal_date"], datetime.date(2026, 2, 9))
        by_number = {
            r["course_number"]: r for r in records if r["record_type"] == "I04"
        }
        self.assertEqual(list(by_number), ["2106310", "2102330", "1001310"])  # terms
        a = by_number[annual.course_number]
        self.assertEqual(a["term"], "3")
        self.assertEqual(a["course_flags"][0], "P")
        self.assertIsNone(a["final_grade"])
        self.assertIsNone(a["credit_earned"])
        self.assertEqual(a["credit_attempted"], 1)
        self.assertEqual(a["in_progress_hours"], 95)
        self.assertEqual(a["weeks_in_cycle"], "09")
        self.assertEqual(
            [a[f"block1_{k}"] for k in ("p1", "p2", "p3", "exam", "cum")],
            ["B", "A", None, "B", "B"],
        )
        self.assertEqual(a["block2_p1"], "C")
        self.assertIsNone(a["block2_p2"])
        self.assertTrue(all(a[f"block{n}_p1"] is None for n in range(3, 7)))
        b = by_number[second.course_number]
        self.assertEqual(b["term"], "2")
        self.assertIsNone(b["block1_p1"])
        self.assertEqual(b["block2_p1"], "C")
        f = by_number[first.course_number]
        self.assertIsNone(f["course_flags"])
        self.assertEqual(f["final_grade"], "A")
        self.assertEqual(str(f["credit_earned"]), "0.50")
        self.assertIsNone(f["block1_p1"])  # a final grade: no grades in progress

    def test_error_in_one_transcript_leaves_the_batch_alone(self):
        good = self.make_student("Indigo", "Marsh", "1211112222")
        bad = self.make_student("Juniper", "Vale", False)
        rows = self.queue() | self.queue(good) | self.queue(bad)
        self.run_cron(batch_size=10)
        by_student = {row.student_id: row for row in rows}
        self.assertEqual(by_student[self.student].status, "sent")
        self.assertEqual(by_student[good].status, "sent")
        failed = by_student[bad]
        self.assertEqual(failed.status, "error")
        self.assertEqual(failed.attempts, 1)
        self.assertFalse(failed.attachment_id)
        self.assertIn("record 2 (I01) item 2 bytes 4-13", failed.error_message)
        self.assertIn("[required]", failed.error_message)
        self.assertEqual(len(list(self.outbound.glob("*.txt"))), 2)  # this test's
        # fixed and retried: sent on the next run
        bad.florida_student_id = "1233334444"
        failed.action_retry()
        self.run_cron()
        self.assertEqual(failed.status, "sent", failed.error_message)
        self.assertEqual(failed.attempts, 2)
        self.assertFalse(failed.error_message)

    def test_one_file_name_a_request_and_no_leftovers(self):
        """Send Again writes the request's file under the same name (an
        atomic replace), whatever the settings now say, and removes the
        temporary file a killed run left while writing it (the codec's
        ``.NAME.`` and 8 characters)."""
        row = self.queue()
        self.run_cron()
        name = row.file_name
        self.assertIn(f"_{row.id}_", name)
        fd, leftover = tempfile.mkstemp(prefix=f".{name}.", dir=self.outbound)
        os.close(fd)
        other = self.outbound / f".{name}.keep"  # not the codec's: not ours
        other.write_bytes(b"x")
        self.env["ir.config_parameter"].sudo().set_param(
            "faster_export.file_name_pattern", "{student_number}_{request_id}.dat"
        )  # for new requests: this one keeps its name
        row.action_retry()
        self.run_cron()
        self.assertEqual((row.status, row.attempts), ("sent", 2), row.error_message)
        self.assertEqual(row.file_name, name)
        self.assertFalse(Path(leftover).exists(), "temporary file left over")
        self.assertEqual(
            sorted(p.name for p in self.outbound.iterdir()), [other.name, name]
        )
        self.assertEqual(row.attachment_id.raw, Path(row.file_path).read_bytes())

    def test_a_value_that_cannot_be_encoded_is_a_located_error(self):
        self.student.native_language = "Spanish"  # FASTER item 50 holds 2 bytes
        row = self.queue()
        self.run_cron()
        self.assertEqual(row.status, "error")
        self.assertIn("record 2 (I01)", row.error_message)
        self.assertIn("item 50 (Native Language)", row.error_message)

    def test_record_types_and_file_name_settings(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("faster_export.record_types", "I02")
        params.set_param(
            "faster_export.file_name_pattern", "{addressed_district}/{student_number}"
        )
        row = self.queue()
        self.run_cron()
        self.assertEqual(row.status, "sent", row.error_message)
        self.assertEqual(row.file_name, "61_1212345678")
        types = {r["record_type"] for r in self.decoded(row)}
        self.assertEqual(types, {"I00", "I01", "I02", "I03", "I04"})

    def test_comments_overflow(self):
        self.student.faster_comment = "\n".join(f"line {n}" for n in range(70))
        row = self.queue()
        self.run_cron()
        comments = [r for r in self.decoded(row) if r["record_type"] == "I07"]
        self.assertEqual(len(comments), 5)
        self.assertEqual(
            comments[-1]["comment"][-1], "Exceeded Maximum Comments Allowed"
        )

    def test_cron_reports_progress(self):
        cron = self.env.ref("faster_export.ir_cron_outgoing_faster_responses")
        self.assertEqual(cron.code.strip(), "model._cron_send_pending()")
        self.queue()
        self.queue(self.make_student("Sage", "Holloway", "1255556666"))
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Request = self.Request.with_context(ir_cron_progress_id=progress.id)
        self.assertEqual(Request._cron_send_pending(batch_size=1), 1)
        self.assertEqual((progress.done, progress.remaining), (1, 1))
        self.assertEqual(Request._cron_send_pending(batch_size=1), 1)
        self.assertEqual((progress.done, progress.remaining), (1, 0))

    def test_parallel_workers_setting_keeps_that_many_cron_records(self):
        def save(count):
            self.env["res.config.settings"].create(
                {"faster_parallel_workers": count}
            ).execute()
            return self.Request._worker_crons()

        main = self.env.ref("faster_export.ir_cron_outgoing_faster_responses")
        crons = save(3)
        self.assertEqual(crons[0], main)
        self.assertEqual(
            crons[1:].mapped("name"),
            [f"{main.name} (worker 2)", f"{main.name} (worker 3)"],
        )
        self.assertEqual(set(crons.mapped("code")), {main.code})
        self.assertEqual(save(2), crons[:2])
        self.assertFalse(crons[2].exists())
        for bad in (0, 33):
            with self.subTest(bad=bad), self.assertRaisesRegex(UserError, "between"):
                save(bad)
        self.assertEqual(save(1), main)

    def test_builder_reads_every_item_of_the_field_map(self):
        """focus_transfers' faster_field_map says where each FASTER item lives:
        every stored item the codec has a field for is read by the builder."""
        source = inspect.getsource(transcript.TranscriptBuilder)
        for record_type in ("I02", "I03", "I04", "I06", "I08"):
            layout = LAYOUTS[record_type]
            for item, entry in FIELD_MAP[record_type].items():
                names = [target.rsplit(".", 1)[1] for target in targets(entry)]
                if not names or item not in layout.by_item:
                    continue  # not stored, or a filler in the codec's layout
                with self.subTest(record_type=record_type, item=item):
                    self.assertTrue(
                        any(re.search(rf"\b{name}\b", source) for name in names),
                        f"{record_type} item {item}: {names} not read",
                    )
