"""Fixtures: this district (12), a school with a phone, a student with a
four-year history (focus_transfers' demo builder), the FASTER settings
pointing at a temporary outbound directory."""

import datetime
import shutil
import tempfile
from pathlib import Path

from odoo.tests import new_test_user

from odoo.addons.focus_transfers.tests.common import SisCase

# A fixed "today" in the past: the history's last year (2025-2026) is the
# current one, its courses in progress; no date lies in the future.
TODAY = datetime.date(2026, 2, 10)


class FasterCase(SisCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outbound = Path(tempfile.mkdtemp(prefix="faster_test_"))
        cls.addClassCleanup(shutil.rmtree, cls.outbound, True)
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("faster_export.outbound_dir", str(cls.outbound))
        params.set_param("faster_export.delivery", "directory")
        params.set_param("faster_export.test_indicator", "T")
        params.set_param("faster_export.record_types", "I02,I05,I06,I07,I08")
        cls.school.phone = "(386) 555-0142"
        cls.current_year = cls.env["fl.academic.demo"]._school_year(2025)
        cls.female = cls.env["fl.sex"]._lookup("F")
        cls.student.write({"florida_student_id": "1212345678", "sex_id": cls.female.id})
        cls.enrollment = cls.enroll(
            school_year_id=cls.current_year.id, day=datetime.date(2025, 8, 12)
        )
        cls.Request = cls.env["faster.request"]

    @classmethod
    def faster_users(cls, prefix):
        """(a user with the Send and Retry right, a user with View only)."""
        return tuple(
            new_test_user(
                cls.env,
                login=f"{prefix}_{role}",
                groups=f"faster_export.group_faster_{role}",
            )
            for role in ("send", "view")
        )

    @classmethod
    def make_student(cls, first, last, number, history=True, **extra):
        student = cls.env["fl.student"].create(
            {
                "first_name": first,
                "last_name": last,
                "birthdate": datetime.date(2011, 5, 6),
                "florida_student_id": number,
                "sex_id": cls.female.id,
                **extra,
            }
        )
        cls.enroll(
            student, school_year_id=cls.current_year.id, day=datetime.date(2025, 8, 12)
        )
        if history:
            cls.env["fl.academic.demo"].build_history(
                student, years=4, ese=True, incident=False, today=TODAY
            )
        return student

    def setUp(self):
        super().setUp()
        # a directory of its own for each test
        self.outbound = Path(tempfile.mkdtemp(dir=self.__class__.outbound))
        self.env["ir.config_parameter"].sudo().set_param(
            "faster_export.outbound_dir", str(self.outbound)
        )

    def queue(self, student=None, district=None, request_type="outgoing_transfer"):
        return self.Request._queue(
            student or self.student, district or self.other_district, request_type
        )

    def run_cron(self, **kw):
        kw.setdefault("max_batches", None)
        return self.Request._cron_send_pending(**kw)
