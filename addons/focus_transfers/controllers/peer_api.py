"""The peer API (issue 8, PEER_CONTRACT.md): JSON over HTTP under
/fl_transfers/api/v1, Odoo 18 ``auth='bearer'`` API keys.

The caller district is the fl.transfer.peer whose technical user owns the key.
Every error is ``{"error": {"code", "message"}}`` with a stable code and a
message that names no student; errors are raised as ``ApiError`` (an HTTP
exception: the transaction is rolled back and Odoo logs nothing), see also
``ir.http._handle_error`` for the errors raised before the controller runs.
"""

import datetime
import json
import logging

from werkzeug.exceptions import HTTPException

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..models.student_transfer_peer import PACKAGE_SECTIONS
from ..models.transfer_peer import API_PREFIX
from ..models.transfer_request import MAX_REFERENCES

_logger = logging.getLogger(__name__)
API_VERSION = 1
MAX_TEXT = 256


class ApiError(HTTPException):
    """An API error: HTTP status, stable code, message without personal data."""

    def __init__(self, status, code, message):
        super().__init__(description=message)
        self.code = status
        self.api_code = code

    def get_response(self, environ=None, scope=None):
        return error_response(self.code, self.api_code, self.description)


def error_response(status, code, message):
    body = json.dumps({"error": {"code": code, "message": message}})
    return http.Response(
        body, status=status, headers=[("Content-Type", "application/json")]
    )


def api_route(path, method):
    """A peer API route: JSON over HTTP under the versioned prefix, an Odoo
    API key (``auth='bearer'``), no CSRF token and no session kept."""
    return http.route(
        f"{API_PREFIX}{path}",
        type="http",
        auth="bearer",
        methods=[method],
        csrf=False,
        save_session=False,
    )


def _text(body, name, required=True):
    value = body.get(name)
    if value in (None, ""):
        if required:
            raise ApiError(400, "bad_request", f"Missing field: {name}.")
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ApiError(400, "bad_request", f"Field {name} must be a string.")
    return str(value).strip()[:MAX_TEXT]


def _date(body, name, required=True):
    value = _text(body, name, required)
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ApiError(
            400, "bad_request", f"Field {name} must be a date YYYY-MM-DD."
        ) from None


def _sections(body):
    sections = body.get("sections")
    if sections is None:
        return None
    if not isinstance(sections, list) or not all(isinstance(s, str) for s in sections):
        raise ApiError(400, "bad_request", "Field sections must be a list of names.")
    unknown = sorted(set(sections) - set(PACKAGE_SECTIONS))
    if unknown:
        raise ApiError(
            400,
            "bad_request",
            f"Unknown sections: {', '.join(unknown)[:MAX_TEXT]}; known: "
            f"{', '.join(PACKAGE_SECTIONS)}.",
        )
    return sections


class PeerApi(http.Controller):
    # -- plumbing ----------------------------------------------------------

    def _body(self):
        raw = request.httprequest.get_data(cache=False)
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            raise ApiError(400, "bad_request", "The body is not valid JSON.") from None
        if not isinstance(body, dict):
            raise ApiError(400, "bad_request", "The body must be a JSON object.")
        return body

    def _peer(self, need_enabled_feature=True):
        """The calling district's peer record, or an error."""
        env = request.env
        peer = env["fl.transfer.peer"]._for_user(env.user)
        if not peer:
            raise ApiError(
                403, "forbidden", "This API key does not stand for a peer district."
            )
        if not peer.enabled:
            raise ApiError(403, "forbidden", "Your district is not enabled here.")
        if need_enabled_feature and not env.company.fl_transfers_enabled:
            raise ApiError(
                403,
                "feature_disabled",
                "Focus Student Transfers is not enabled in this district.",
            )
        return peer

    def _student(self, body, identifiers_required=True):
        florida_id = _text(body, "florida_student_id", required=False)
        required = identifiers_required and not florida_id
        first = _text(body, "first_name", required)
        last = _text(body, "last_name", required)
        birthdate = _date(body, "birthdate", required)
        students = request.env["fl.student"]._peer_find(
            florida_id, first, last, birthdate
        )
        if not students:
            raise ApiError(404, "not_found", "No student of this district matches.")
        return students

    def _own_request(self, request_id):
        """An incoming request this peer made (the ir.rule hides the others)."""
        found = request.env["fl.transfer.request"].search(
            [("id", "=", request_id), ("direction", "=", "incoming")]
        )
        if not found:
            raise ApiError(404, "not_found", "No such request from your district.")
        return found

    def _json(self, data, status=200):
        return request.make_json_response(data, status=status)

    # -- endpoints -----------------------------------------------------------

    @api_route("/capabilities", "GET")
    def capabilities(self):
        self._peer(need_enabled_feature=False)
        company = request.env.company
        return self._json(
            {
                "api_version": API_VERSION,
                "district": company.fl_district_id.code or "",
                "enabled": bool(company.fl_transfers_enabled),
                "sections": list(PACKAGE_SECTIONS),
            }
        )

    @api_route("/requests", "POST")
    def create_request(self):
        peer = self._peer()
        body = self._body()
        reference = _text(body, "reference")
        first = _text(body, "first_name")
        last = _text(body, "last_name")
        birthdate = _date(body, "birthdate")
        enrollment_date = _date(body, "enrollment_date")
        requester = _text(body, "requester", required=False)
        students = self._student(body)
        Request = request.env["fl.transfer.request"]
        existing = Request.search(
            [
                ("direction", "=", "incoming"),
                ("remote_reference", "=", reference),
                ("state", "=", "pending"),
            ],
            limit=1,
        )
        if existing:  # the same request sent twice (a retry): one request
            return self._json({"id": existing.id, "state": existing.state}, 200)
        student = students if len(students) == 1 else students.browse()
        if student and student._transfer_window_expired():
            raise ApiError(
                403,
                "window_expired",
                "The student left this district more than 60 days ago: use a "
                "FASTER transcript request.",
            )
        try:
            created = Request._peer_create_incoming(
                peer,
                {
                    "student_id": student.id,
                    "florida_student_id": _text(
                        body, "florida_student_id", required=False
                    )
                    or False,
                    "first_name": first,
                    "last_name": last,
                    "birthdate": birthdate,
                    "requester": requester or False,
                    "enrollment_date": enrollment_date,
                    "remote_reference": reference,
                },
            )
        except (UserError, AccessError) as error:
            # no personal data in the answer nor in the log: the class only
            _logger.info(
                "peer %s: request refused (%s)",
                peer.district_id.code,
                type(error).__name__,
            )
            raise ApiError(
                400, "bad_request", "The request could not be recorded here."
            ) from None
        _logger.info("peer %s: incoming request %s", peer.district_id.code, created.id)
        return self._json({"id": created.id, "state": created.state}, 201)

    @api_route("/requests/<int:request_id>", "GET")
    def request_status(self, request_id):
        self._peer()
        return self._json(self._own_request(request_id)._peer_status())

    @api_route("/requests/<int:request_id>/cancel", "POST")
    def cancel_request(self, request_id):
        self._peer()
        found = self._own_request(request_id)
        if found.state != "pending":
            raise ApiError(409, "conflict", f"The request is already {found.state}.")
        try:
            found._peer_cancel()
        except UserError:
            raise ApiError(
                409, "conflict", "The request is no longer pending."
            ) from None
        return self._json({"id": found.id, "state": "cancelled"})

    @api_route("/requests/decided", "POST")
    def requests_decided(self):
        """The caller decided on requests we sent it: we read their state back
        from it at once (our refresh cron), with our own key."""
        peer = self._peer()
        references = self._body().get("references")
        if (
            not isinstance(references, list)
            or not 1 <= len(references) <= MAX_REFERENCES
            or not all(
                isinstance(r, str | int) and not isinstance(r, bool) for r in references
            )
        ):
            raise ApiError(
                400,
                "bad_request",
                f"Field references must be a list of 1 to {MAX_REFERENCES} "
                "request ids.",
            )
        count = request.env["fl.transfer.request"]._peer_decided(peer, references)
        return self._json({"refreshing": count}, 202)

    @api_route("/package", "POST")
    def package(self):
        peer = self._peer()
        body = self._body()
        sections = _sections(body)
        students = self._student(body)
        if len(students) > 1:
            raise ApiError(
                404, "not_found", "Several students match: send the student number."
            )
        basis = students._peer_release_basis(peer.district_id)
        if not basis:
            raise ApiError(
                403,
                "not_authorised",
                "This district has not authorised the release of this student's "
                "records to yours (no Transfer To, no approved request).",
            )
        if students._transfer_window_expired():
            raise ApiError(
                403,
                "window_expired",
                "The student left this district more than 60 days ago: use a "
                "FASTER transcript request.",
            )
        package = students._peer_release(peer, sections, basis)
        _logger.info(
            "peer %s: records released (%s sections)",
            peer.district_id.code,
            len(package["sections"]),
        )
        return self._json(package)

    @api_route("/receipts", "POST")
    def receipt(self):
        peer = self._peer()
        body = self._body()
        sections = body.get("sections") or []
        if not isinstance(sections, list) or not all(
            isinstance(s, str) for s in sections
        ):
            raise ApiError(
                400, "bad_request", "Field sections must be a list of names."
            )
        values = {
            "sections": [s[:64] for s in sections][:20],
            "by": _text(body, "by", required=False),
            "imported_at": _text(body, "imported_at", required=False),
        }
        students = self._student(body)
        for student in students:
            if student._peer_receipt(peer, values):
                return self._json({"ok": True})
        raise ApiError(404, "not_found", "No release to your district matches.")
