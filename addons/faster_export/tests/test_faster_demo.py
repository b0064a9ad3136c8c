"""The demo districts' students get valid FASTER transcripts: someone trying
the two-district demo sees transcripts Sent, not errors of the demo data."""

import datetime
import shutil
import tempfile

from odoo.tests import TransactionCase, tagged

TODAY = datetime.date(2026, 2, 10)


@tagged("post_install", "-at_install")
class TestFasterDemo(TransactionCase):
    def test_demo_students_transcripts_are_valid(self):
        outbound = tempfile.mkdtemp(prefix="faster_demo_")
        self.addCleanup(shutil.rmtree, outbound, True)
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("faster_export.outbound_dir", outbound)
        params.set_param("faster_export.delivery", "directory")
        self.env["fl.sis.demo"]._build("61", today=TODAY)
        students = self.env["fl.student"].search(
            [("local_student_id", "=like", "61-%")], order="id"
        )
        # one student a school band: elementary, middle, high (KG, 06, 09...)
        chosen = students[0] | students[6] | students[9]
        receiving = self.env["fl.district"]._lookup("12")
        Request = self.env["faster.request"]
        for student in chosen:
            self.env["fl.academic.demo"].build_history(
                student, years=3, ese=True, today=TODAY
            )
            Request._queue(student, receiving, "manual")
        rows = Request.search([("student_id", "in", chosen.ids)])
        Request._cron_send_pending(max_batches=None)
        for row in rows:
            with self.subTest(
                school=row.student_id.current_enrollment_id.school_id.name
            ):
                self.assertEqual(row.status, "sent", row.error_message)
