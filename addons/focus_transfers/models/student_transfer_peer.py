"""The sending side of the peer API on the student: which student a peer
means, whether its records may be released to that peer, and the release
itself (package + record of disclosure)."""

from odoo import api, fields, models

from . import import_rules as rules
from .transfer_request import TRANSFER_WINDOW_DAYS

PACKAGE_SECTIONS = ("demographics", *rules.NATURAL_KEYS)


class FlStudent(models.Model):
    _inherit = "fl.student"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _peer_find(
        self, florida_student_id=None, first_name=None, last_name=None, birthdate=None
    ):
        """Our students a peer's identifiers designate: by Florida student
        number first, else by first name, last name and birthdate.

        Searched as superuser: a peer's technical user reads no student; the
        API only ever learns whether there is a match."""
        students = self.sudo()
        if florida_student_id:
            found = students.search(
                [("florida_student_id", "=", florida_student_id.strip())]
            )
            if found:
                return found
        if first_name and last_name and birthdate:
            return students._find_returning(first_name, last_name, birthdate)
        return students.browse()

    def _transfer_window_expired(self, today=None):
        """The last drop date when this student left more than 60 days ago
        (no active enrollment), else False: no request and no pull then."""
        self.ensure_one()
        student = self.sudo()
        today = today or fields.Date.context_today(self)
        if student.enrollment_ids.filtered(lambda e: e.state == "active"):
            return False
        last = student.enrollment_ids.filtered("drop_date").sorted("drop_date")[-1:]
        if last and (today - last.drop_date).days > TRANSFER_WINDOW_DAYS:
            return last.drop_date
        return False

    def _release_window_expired(self, basis, today=None):
        """No release when the student left more than 60 days ago, measured
        from the latest drop date and from the authorising withdrawal's own:
        that one only its Transfer To editors or Approve change, while any
        staff member may re-date another enrollment to reopen the window."""
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        if self._transfer_window_expired(today):
            return True
        kind, record = basis
        withdrawal = record if kind == "transfer_to" else record.withdrawn_enrollment_id
        left = withdrawal.sudo().drop_date
        return bool(left) and (today - left).days > TRANSFER_WINDOW_DAYS

    def _peer_release_basis(self, district):
        """What authorises releasing this student's records to ``district``:
        ('transfer_to', enrollment) when the last enrollment's Transfer To is
        that district, ('request', request) when its request was approved;
        None otherwise."""
        self.ensure_one()
        student = self.sudo()
        enrollments = student.enrollment_ids
        last = enrollments.sorted(lambda e: (e.enrollment_date, e.id))[-1:]
        # The last by date must be the last entered too: dates that any staff
        # member may edit do not bring back an older withdrawal's Transfer To.
        if (
            last
            and last.transfer_to_id == district
            and last == enrollments.sorted("id")[-1:]
        ):
            return "transfer_to", last
        request = (
            self.env["fl.transfer.request"]
            .sudo()
            .search(
                [
                    ("direction", "=", "incoming"),
                    ("student_id", "=", self.id),
                    ("district_id", "=", district.id),
                    ("state", "=", "approved"),
                ],
                order="request_date desc, id desc",
                limit=1,
            )
        )
        if request:
            return "request", request
        return None

    def _peer_release(self, peer, sections, basis):
        """Build the package for ``peer`` and write the disclosure row, as the
        system: the peer's technical user holds no right on any model."""
        self.ensure_one()
        package = self.sudo()._transfer_package(sections)
        kind, record = basis
        self.env["fl.transfer.disclosure"].sudo().create(
            {
                "student_id": self.id,
                "district_id": peer.district_id.id,
                "peer_id": peer.id,
                "user_id": peer.user_id.id or self.env.uid,
                "sections": ", ".join(sorted(package["sections"])),
                "basis": kind,
                "request_id": record.id if kind == "request" else False,
                "enrollment_id": record.id if kind == "transfer_to" else False,
            }
        )
        return package

    def _peer_receipt(self, peer, values):
        """The peer acknowledged an import: noted on our last disclosure to it
        (the receipt fields only)."""
        self.ensure_one()
        disclosure = (
            self.env["fl.transfer.disclosure"]
            .sudo()
            .search(
                [
                    ("student_id", "=", self.id),
                    ("district_id", "=", peer.district_id.id),
                ],
                limit=1,
            )
        )
        if disclosure:
            disclosure.write(
                {
                    "receipt_date": fields.Datetime.now(),
                    "receipt_by": (values.get("by") or "")[:128],
                    "receipt_sections": ", ".join(values.get("sections") or []),
                }
            )
        return disclosure
