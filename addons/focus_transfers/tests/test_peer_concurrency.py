"""Two approvals of one request at the same time, on two real database
connections (two registrars clicking Approve together): exactly one
withdrawal. Not a TransactionCase: the data must be committed for the two
connections to see it, so the test commits its set-up on its own cursor and
deletes it afterwards."""

import datetime
import threading
import time
from contextlib import closing

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools.misc import dumpstacks

SCHOOL_NUMBER = "9877"
YEAR_CODE = "20492050"


@tagged("post_install", "-at_install")
class TestConcurrentApproval(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        self.admin_id = None
        with self.registry.cursor() as cr:
            env = api.Environment(
                cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True}
            )
            self.admin_id = env.ref("base.user_admin").id
            district = env["fl.district"]._lookup("12")
            school = env["fl.school"].create(
                {
                    "district_id": district.id,
                    "number": SCHOOL_NUMBER,
                    "name": "Concurrency School",
                }
            )
            year = env["fl.school.year"].create(
                {
                    "name": "2049-2050",
                    "code": YEAR_CODE,
                    "date_start": datetime.date(2049, 8, 1),
                    "date_end": datetime.date(2050, 6, 30),
                }
            )
            student = env["fl.student"].create(
                {
                    "first_name": "Quill",
                    "last_name": "Marchetti",
                    "birthdate": datetime.date(2031, 3, 3),
                }
            )
            enrollment = env["fl.enrollment"].create(
                {
                    "student_id": student.id,
                    "school_id": school.id,
                    "school_year_id": year.id,
                    "grade_level_id": env["fl.grade.level"]._lookup("09").id,
                    "enrollment_date": datetime.date(2049, 8, 15),
                }
            )
            request = env["fl.transfer.request"].create(
                {
                    "direction": "incoming",
                    "student_id": student.id,
                    "first_name": "Quill",
                    "last_name": "Marchetti",
                    "birthdate": datetime.date(2031, 3, 3),
                    "district_id": env["fl.district"]._lookup("61").id,
                    "enrollment_date": datetime.date(2049, 10, 6),
                }
            )
            self.ids = {
                "school": school.id,
                "year": year.id,
                "student": student.id,
                "partner": student.partner_id.id,
                "enrollment": enrollment.id,
                "request": request.id,
            }
        self.addCleanup(self._delete)

    def _delete(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            ids = self.ids
            env["mail.message"].search(
                [
                    "|",
                    "&",
                    ("model", "=", "fl.transfer.request"),
                    ("res_id", "=", ids["request"]),
                    "&",
                    ("model", "in", ("fl.enrollment", "fl.student")),
                    ("res_id", "in", (ids["enrollment"], ids["student"])),
                ]
            ).unlink()
            # Rows other addons hang on the approval (e.g. faster_export's
            # faster_requests) go first: their foreign keys would refuse ours.
            for comodel, key in (
                ("fl.transfer.request", "request"),
                ("fl.enrollment", "enrollment"),
                ("fl.student", "student"),
            ):
                _unlink_dependents(env, comodel, [ids[key]])
            env["fl.transfer.request"].browse(ids["request"]).unlink()
            env["fl.enrollment"].browse(ids["enrollment"]).unlink()
            env["fl.student"].browse(ids["student"]).unlink()
            env["res.partner"].browse(ids["partner"]).unlink()
            env["fl.school"].browse(ids["school"]).unlink()
            env["fl.school.year"].browse(ids["year"]).unlink()

    def _approve(self, barrier, outcomes):
        """One registrar: their own connection, commit or rollback on that
        connection only, and Odoo's answer to a serialization failure (roll
        back, try again) as ``odoo.service.model.retrying`` gives an HTTP
        request. (``retrying`` itself is not usable here: it re-opens the
        registry, whose lock the test loader holds while tests run.)"""
        threading.current_thread().testing = True  # never send mail from here
        try:
            with closing(self.registry.cursor()) as cr:
                cr.transaction = api.Transaction(self.registry)
                env = api.Environment(cr, self.admin_id, {})
                request = env["fl.transfer.request"].browse(self.ids["request"])
                barrier.wait(timeout=30)
                for __ in range(5):
                    try:
                        request.action_approve()
                        # each registrar's own transaction, committed on its own
                        # connection: what the test is about
                        cr.commit()  # pylint: disable=invalid-commit
                    except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                        cr.rollback()
                        env.transaction.clear()
                        time.sleep(0.2)
                        continue
                    except UserError as error:
                        cr.rollback()
                        outcomes.append(("refused", str(error)))
                    else:
                        outcomes.append(("approved", ""))
                    break
        except Exception as error:  # noqa: BLE001 - reported by the assertion
            outcomes.append(("crashed", repr(error)))

    def test_two_approvals_at_once_withdraw_once(self):
        barrier = threading.Barrier(2)
        outcomes = []
        threads = [
            threading.Thread(target=self._approve, args=(barrier, outcomes))
            for __ in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
        if any(thread.is_alive() for thread in threads):
            dumpstacks()
        self.assertEqual(
            sorted(kind for kind, __ in outcomes), ["approved", "refused"], outcomes
        )
        refused = next(text for kind, text in outcomes if kind == "refused")
        self.assertIn("already approved", refused)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            request = env["fl.transfer.request"].browse(self.ids["request"])
            enrollment = env["fl.enrollment"].browse(self.ids["enrollment"])
            self.assertEqual(request.state, "approved")
            self.assertEqual(enrollment.drop_date, datetime.date(2049, 10, 5))
            self.assertEqual(enrollment.withdrawal_code_id.code, "W3A")
            approvals = request.message_ids.filtered(
                lambda m: "Approved:" in (m.body or "")
            )
            self.assertEqual(len(approvals), 1)
            # the student was withdrawn once: one drop-date tracking message
            withdrawals = env["mail.tracking.value"].search(
                [
                    ("mail_message_id.model", "=", "fl.enrollment"),
                    ("mail_message_id.res_id", "=", enrollment.id),
                    ("field_id.name", "=", "drop_date"),
                ]
            )
            self.assertEqual(len(withdrawals), 1)


def _unlink_dependents(env, comodel, ids):
    """Delete the records of other models (transient ones aside) that point
    at ``comodel`` ``ids`` through a stored many2one, apart from this test's own."""
    own = {"fl.transfer.request", "fl.enrollment", "fl.student", "res.partner"}
    own |= {"mail.message", "mail.followers", "mail.activity"}
    for name, model in env.registry.models.items():
        if name in own or model._transient or model._abstract:
            continue
        for field in model._fields.values():
            if (
                field.type == "many2one"
                and field.comodel_name == comodel
                and field.store
                and not field.compute
            ):
                env[name].sudo().with_context(active_test=False).search(
                    [(field.name, "in", ids)]
                ).unlink()
