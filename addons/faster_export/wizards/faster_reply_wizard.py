"""Answer FASTER Requests: queue replies to the requests a district received.

Another district (or a college) asks for a transcript through FASTER with a
request header (I00/S00/P00/T00, message type R01-R96). The registrar loads
the file of requests received; each header is decoded and validated by the
codec in one pass (``faster.read_decoded``), matched to a student (Florida
student number, then FLEID, then names and birth date), and, once the
registrar has checked the list, queued as a *Reply to a FASTER request*:
the Outgoing MSIX FASTER Responses job answers with message type S01 and the
request's bytes 4-256 in Section B. A request for a student this district
cannot identify is answered S02 when the registrar says so: a header alone,
echoing who was asked for.
"""

import base64
import datetime
import io

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..faster import FasterError, read_decoded, read_records
from ..faster.layout import LOCAL_START

HEADER_TYPES = ("I00", "S00", "P00", "T00")
MATCHED_BY = (("florida_student_id", "student_number"), ("fleid", "fleid"))


class FasterReplyWizard(models.TransientModel):
    _name = "faster.reply.wizard"
    _description = "Answer FASTER Requests"

    request_file = fields.Binary(
        string="FASTER Requests File",
        attachment=False,
        help="The file of FASTER request headers this district received.",
    )
    file_name = fields.Char()
    state = fields.Selection(
        [("upload", "Upload"), ("review", "Review")], default="upload", required=True
    )
    line_ids = fields.One2many("faster.reply.wizard.line", "wizard_id")
    answerable_count = fields.Integer(compute="_compute_answerable_count")

    @api.depends(
        "line_ids.student_id", "line_ids.answerable", "line_ids.cannot_identify"
    )
    def _compute_answerable_count(self):
        for wizard in self:
            wizard.answerable_count = len(
                wizard.line_ids.filtered(
                    lambda ln: ln.answerable and (ln.student_id or ln.cannot_identify)
                )
            )

    def action_read(self):
        """Decode and check every record; one line a request (or a problem)."""
        self.ensure_one()
        if not self.request_file:
            raise UserError(self.env._("Choose the file of FASTER requests first."))
        data = base64.b64decode(self.request_file)
        try:
            read = list(_with_records(data))
        except FasterError as error:
            message = self.env._(
                "%(file)s cannot be read: %(error)s", file=self.file_name, error=error
            )
            raise UserError(message) from None
        known = self._known([values for _, (values, _), _ in read if values])
        lines = [
            self._line_values(number, values, issues, record, known)
            for number, (values, issues), record in read
        ]
        if not lines:
            raise UserError(self.env._("%s holds no FASTER record.", self.file_name))
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(values) for values in lines
        ]
        self.state = "review"
        return self._reopen()

    def action_queue(self):
        """Queue a reply for each answerable request with a student."""
        self.ensure_one()
        queued = self.env["faster.request"]
        for line in self.line_ids.filtered("answerable"):
            if line.student_id:
                queued |= queued._queue(
                    line.student_id,
                    line.district_id,
                    "reply",
                    request_header=line.request_header,
                )
            elif line.cannot_identify:
                queued |= queued._queue_unidentified(
                    line.district_id, line.request_header
                )
        if not queued:
            raise UserError(
                self.env._(
                    "No request to answer: each line says why, or has no student "
                    "(choose one, or tick Answer S02)."
                )
            )
        self.env["faster.request"]._trigger_send()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("FASTER Replies Queued"),
            "res_model": "faster.request",
            "view_mode": "list,form",
            "domain": [("id", "in", queued.ids)],
        }

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Answer FASTER Requests"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "context": {**self.env.context, "dialog_size": "extra-large"},
        }

    # -- reading one record ------------------------------------------------------

    def _line_values(self, number, values, issues, record, known):
        """The review line of one record: what it asks, who, and whether the
        district can answer it (``note`` says why not)."""
        line = {"record_number": number, "answerable": False}
        if values is None or values["record_type"] not in HEADER_TYPES:
            kind = values["record_type"] if values else "?"
            line["note"] = self.env._(
                "Not a FASTER request header (record type %s).", kind
            )
            return line
        birth_date = values["birth_date"]
        line.update(
            student_number=_shown(values["student_number"]),
            last_name=_shown(values["last_name"]),
            first_name=_shown(values["first_name"]),
            birth_date=birth_date if isinstance(birth_date, datetime.date) else False,
            message_type=_shown(values["message_type"]),
        )
        requester = known["district"].get(_district_code(values["sending_institution"]))
        problem = self._problem(values, issues, requester)
        if problem:
            line["note"] = problem
            return line
        # Bytes 1-1011, valid and displayable: the local-use filler after them
        # may hold LOW-VALUES, which a PostgreSQL text column refuses.
        line["request_header"] = record[: LOCAL_START - 1].decode("ascii")
        line["district_id"] = requester.id
        students = self._students(values, known)
        line["student_id"] = students.id if len(students) == 1 else False
        line["answerable"] = True
        if len(students) > 1:
            line["note"] = self.env._(
                "%s students match: choose the one asked for.", len(students)
            )
        elif not students:
            line["note"] = self.env._(
                "No student found: choose one, or tick Answer S02 (cannot "
                "identify the student)."
            )
        return line

    def _problem(self, values, issues, requester):
        """Why the request cannot be answered here, or None."""
        if issues:
            return "; ".join(str(issue) for issue in issues)
        if not (values["message_type"] or "").startswith("R"):
            return self.env._(
                "Message type %s is a response, not a request.",
                values["message_type"],
            )
        this = self.env.company.fl_district_id
        addressed = _district_code(values["addressed_institution"])
        if this and addressed != this.code:
            return self.env._(
                "Addressed to district %(addressed)s, not to %(this)s.",
                addressed=addressed,
                this=this.display_name,
            )
        if not requester:
            return self.env._(
                "The requesting district %s is not a Florida district number.",
                _district_code(values["sending_institution"]),
            )
        return None

    def _known(self, headers):
        """What the requests are matched against, read once for the file:
        {(field, value): students} for every Florida student number and FLEID
        asked for, and {"district": {code: district}}."""
        Student = self.env["fl.student"]
        known = {}
        for field, item in MATCHED_BY:
            wanted = {values[item] for values in headers if values.get(item)}
            for student in Student.search([(field, "in", sorted(wanted))]):
                key = (field, student[field])
                known[key] = known.get(key, Student) | student
        districts = self.env["fl.district"].with_context(active_test=False).search([])
        known["district"] = {district.code: district for district in districts}
        return known

    def _students(self, values, known):
        """The students a request asks for: by Florida student number, then
        FLEID, then names and birth date (as Add a Student matches)."""
        for field, item in MATCHED_BY:
            found = known.get((field, values[item]))
            if found:
                return found
        if values["last_name"] and isinstance(values["birth_date"], datetime.date):
            return self.env["fl.student"]._find_returning(
                values["first_name"], values["last_name"], values["birth_date"]
            )
        return self.env["fl.student"]


def _with_records(data):
    """(number, (values, issues), raw record) of each record of ``data``
    (read_decoded and read_records split a file the same way)."""
    decoded = read_decoded(io.BytesIO(data))
    records = read_records(io.BytesIO(data))
    for number, (pair, record) in enumerate(zip(decoded, records, strict=True), 1):
        yield number, pair, record


def _shown(text):
    """A record's text as the review list can hold it: a byte that is not
    displayable (a LOW-VALUE, which PostgreSQL text refuses) shows as "?"."""
    return "".join(c if c.isprintable() else "?" for c in text or "")


def _district_code(institution):
    """The 2-digit district of a header's institution item (7 digits + 4)."""
    district = (institution or ("",))[0] or ""
    return district[-2:] if district.strip().isdigit() else district.strip()
