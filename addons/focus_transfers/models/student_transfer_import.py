"""Entry points of the import wizard on the student and the enrollment."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .transfer_client import PeerError


class FlStudent(models.Model):
    _inherit = "fl.student"  # pylint: disable=consider-merging-classes-inherited

    transfer_import_district_id = fields.Many2one(
        "fl.district",
        compute="_compute_transfer_import_district_id",
        string="Import Data From",
        help="Set for the rest of the school year once a transfer exists.",
    )

    @api.depends(
        "enrollment_ids.prior_district_id",
        "enrollment_ids.school_year_id",
        "enrollment_ids.enrollment_date",
    )
    def _compute_transfer_import_district_id(self):
        today = fields.Date.context_today(self)
        for student in self:
            enrollments = student.enrollment_ids.filtered(
                lambda e: (
                    e.prior_district_id
                    and (
                        not e.school_year_id.date_end
                        or e.school_year_id.date_end >= today
                    )
                )
            ).sorted("enrollment_date", reverse=True)
            student.transfer_import_district_id = enrollments[:1].prior_district_id

    transfer_import_log_ids = fields.One2many(
        "fl.transfer.import.log", "student_id", string="Transfer Imports"
    )

    def _transfer_identity(self):
        """How a peer district finds this student (the Focus Student Transfers
        guide: first name, last name, complete birthdate; the Florida student
        number when we have it)."""
        self.ensure_one()
        return {
            "florida_student_id": self.florida_student_id or "",
            "first_name": self.first_name or "",
            "last_name": self.last_name or "",
            "birthdate": fields.Date.to_string(self.birthdate) or "",
        }

    def _transfer_send_receipt(self, log):
        """Acknowledge an import to the sending district (POST /receipts):
        True when it answered, False when it is not a peer of ours."""
        self.ensure_one()
        peer = self.env["fl.transfer.peer"]._for_district(log.district_id)
        if not peer:
            return False
        sections = [s.strip() for s in (log.sections or "").split(",") if s.strip()]
        self.env["fl.transfer.client"]._call(
            peer,
            "POST",
            "/receipts",
            dict(
                self._transfer_identity(),
                sections=sections,
                imported_at=fields.Datetime.to_string(log.import_date),
                by=log.user_id.name,
            ),
        )
        return True

    def _transfer_fetch_package(self, district, sections=None):
        """The record package of this student at ``district`` (POST /package)."""
        self.ensure_one()
        Peer = self.env["fl.transfer.peer"]
        peer = Peer._for_district(district)
        if not peer:
            if Peer.sudo().search_count([("district_id", "=", district.id)]):
                raise UserError(
                    self.env["fl.transfer.client"]._unavailable_message(district)
                )
            raise UserError(
                self.env._(
                    "No transfer connection to district %(district)s is configured.",
                    district=district.display_name,
                )
            )
        payload = self._transfer_identity()
        if sections is not None:
            payload["sections"] = list(sections)
        try:
            return self.env["fl.transfer.client"]._call(
                peer, "POST", "/package", payload
            )
        except PeerError as error:
            if error.code != "not_authorised":
                raise
            raise UserError(
                self.env._(
                    "District %(district)s has not released %(student)s's records "
                    "to this district yet (no Transfer To, no approved request). "
                    "Use Submit Focus Transfer Request, then import once the request "
                    "is approved.",
                    district=district.display_name,
                    student=self.display_name,
                )
            ) from error

    def action_submit_transfer_request(self):
        """*Submit Focus Transfer Request* next to *Import data* (the guide,
        step 8): for the enrollment that names the Prior District."""
        self.ensure_one()
        enrollment = self.enrollment_ids.filtered(
            lambda e: e.prior_district_id == self.transfer_import_district_id
        ).sorted("enrollment_date", reverse=True)[:1]
        if not enrollment:
            raise UserError(
                self.env._(
                    "%(student)s has no enrollment with a Prior District this "
                    "school year.",
                    student=self.display_name,
                )
            )
        return enrollment.action_submit_transfer_request()

    def action_open_transfer_import(self):
        """The *Import data* icon on Primary Info."""
        self.ensure_one()
        if not self.transfer_import_district_id:
            raise UserError(
                self.env._(
                    "%(student)s has no transfer from another district this "
                    "school year.",
                    student=self.display_name,
                )
            )
        return self.env["fl.transfer.import.wizard"]._open_for(
            self, self.transfer_import_district_id
        )


class FlEnrollment(models.Model):
    _inherit = "fl.enrollment"  # pylint: disable=consider-merging-classes-inherited

    def action_open_transfer_import(self):
        """The pop-up after enrollment: *Import from [## - District Name]*."""
        self.ensure_one()
        if not self.prior_district_id:
            raise UserError(self.env._("The enrollment has no Prior District."))
        return self.env["fl.transfer.import.wizard"]._open_for(
            self.student_id, self.prior_district_id
        )

    def action_submit_transfer_request(self):
        """*Submit Focus Transfer Request*: ask the Prior District for the
        student's records. The outgoing request exists only if the prior
        district recorded it: nothing is half-created."""
        self.ensure_one()
        student = self.student_id
        missing = [
            label
            for label, value in (
                (self.env._("first name"), student.first_name),
                (self.env._("last name"), student.last_name),
                (self.env._("complete birthdate"), student.birthdate),
                (self.env._("Prior District"), self.prior_district_id),
            )
            if not value
        ]
        if missing:
            raise UserError(
                self.env._(
                    "To submit a Focus Transfer Request for %(student)s, fill in: "
                    "%(missing)s.",
                    student=student.display_name,
                    missing=", ".join(missing),
                )
            )
        Request = self.env["fl.transfer.request"]
        # Recorded by this method only, as the system (users create no
        # request directly): the create right still decides who may submit.
        Request.check_access("create")
        if Request.search_count(
            [
                ("direction", "=", "outgoing"),
                ("student_id", "=", student.id),
                ("district_id", "=", self.prior_district_id.id),
                ("state", "=", "pending"),
            ]
        ):
            raise UserError(
                self.env._(
                    "A request to %(district)s for %(student)s is already pending: "
                    "see Focus Transfers > Outgoing Requests.",
                    district=self.prior_district_id.display_name,
                    student=student.display_name,
                )
            )
        client = self.env["fl.transfer.client"]
        peer = self.env["fl.transfer.peer"]._for_district(self.prior_district_id)
        if not peer:
            raise UserError(client._unavailable_message(self.prior_district_id))
        with self.env.cr.savepoint():
            outgoing = Request.sudo().create(
                {
                    "direction": "outgoing",
                    "student_id": student.id,
                    "florida_student_id": student.florida_student_id or False,
                    "first_name": student.first_name,
                    "last_name": student.last_name,
                    "birthdate": student.birthdate,
                    "district_id": self.prior_district_id.id,
                    "requester": self.env.user.name,
                    "enrollment_date": self.enrollment_date,
                }
            )
            payload = dict(
                student._transfer_identity(),
                reference=str(outgoing.id),
                enrollment_date=fields.Date.to_string(self.enrollment_date),
                requester=self.env.user.name,
            )
            reply = client._call(peer, "POST", "/requests", payload)
            outgoing.remote_reference = str(reply.get("id") or "")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Outgoing Request"),
            "res_model": "fl.transfer.request",
            "res_id": outgoing.id,
            "view_mode": "form",
            "target": "current",
        }
