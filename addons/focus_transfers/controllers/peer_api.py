"""The peer API (PEER_CONTRACT.md): JSON over HTTP under /fl_transfers/api/v1,
authenticated by an Odoo API key issued for it (``auth='fl_peer'``, see
``ir.http._auth_method_fl_peer``).

The caller district is the fl.transfer.peer whose technical user owns the key.
That user holds no right on any model: once the peer is known, the controller
calls the models' ``_peer_*`` methods, which work as the system and take from
the peer only what they name (never a state, a student or a district).

Every error is ``{"error": {"code", "message"}}`` with a stable code and a
message that names no student; errors are raised as ``ApiError`` (an HTTP
exception: the transaction is rolled back and Odoo logs nothing), see also
``ir.http._handle_error`` for the errors raised before the controller runs.
A look-up that matches no released student is answered by ``_not_released``,
which undoes the call and keeps only the failure, counted against the peer.
"""

import datetime
import json
import logging
import unicodedata

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
MAX_BODY = 64 * 1024  # bytes: a request or a receipt is well under 1 KiB
# The one answer for "no such student", "not released to you" and "left more
# than 60 days ago": a peer learns nothing of who is enrolled here.
NOT_RELEASED = (
    "No student of this district matches, or this district has not released "
    "the student's records to yours (a Transfer To or an approved request is "
    "needed, and the student must have left fewer than 60 days ago; past 60 "
    "days, use a FASTER transcript request)."
)


class ApiError(HTTPException):
    """An API error: HTTP status, stable code, message without personal data."""

    def __init__(self, status, code, message, headers=None):
        super().__init__(description=message)
        self.code = status
        self.api_code = code
        self.headers = headers or []

    def get_response(self, environ=None, scope=None):
        return error_response(self.code, self.api_code, self.description, self.headers)


def error_response(status, code, message, headers=None):
    body = json.dumps({"error": {"code": code, "message": message}})
    return http.Response(
        body,
        status=status,
        headers=[("Content-Type", "application/json"), *(headers or [])],
    )


def api_route(path, method):
    """A peer API route: JSON over HTTP under the versioned prefix, an API
    key issued for this API, no CSRF token, no session kept, a small body."""
    return http.route(
        f"{API_PREFIX}{path}",
        type="http",
        auth="fl_peer",
        methods=[method],
        csrf=False,
        save_session=False,
        max_content_length=MAX_BODY,  # also checked in ir.http._pre_dispatch
    )


def _no_params(params):
    """Query-string or form parameters are no part of the API: refused, not
    silently ignored (Odoo would log a warning for each)."""
    if params:
        raise ApiError(400, "bad_request", "This endpoint takes a JSON body only.")


def _clean(value, name):
    """Text a peer sent, refused when the database could not store it as is
    (control characters, lone surrogates)."""
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in value):
        raise ApiError(400, "bad_request", f"Field {name} contains control characters.")
    return value


def _text(body, name, required=True):
    value = body.get(name)
    if value in (None, ""):
        if required:
            raise ApiError(400, "bad_request", f"Missing field: {name}.")
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ApiError(400, "bad_request", f"Field {name} must be a string.")
    return _clean(str(value)[: MAX_TEXT * 4], name).strip()[:MAX_TEXT]


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


def _names(body, name, required=False):
    """A list of short names (sections), or an error."""
    values = body.get(name)
    if values is None and not required:
        return None
    if (
        not isinstance(values, list)
        or len(values) > len(PACKAGE_SECTIONS)
        or not all(isinstance(v, str) and len(v) <= 64 for v in values)
    ):
        raise ApiError(400, "bad_request", f"Field {name} must be a list of names.")
    return [_clean(v, name) for v in values]


def _sections(body):
    sections = _names(body, "sections")
    if sections is None:
        return None
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
        except (ValueError, RecursionError):  # RecursionError: deep nesting
            raise ApiError(400, "bad_request", "The body is not valid JSON.") from None
        if not isinstance(body, dict):
            raise ApiError(400, "bad_request", "The body must be a JSON object.")
        return body

    def _peer(self, need_enabled_feature=True):
        """The calling district's peer record (as the system), or an error."""
        env = request.env
        peer = env["fl.transfer.peer"]._for_user(env.user)
        if not peer:
            raise ApiError(
                403, "forbidden", "This API key does not stand for a peer district."
            )
        if not peer.enabled:
            raise ApiError(403, "forbidden", "Your district is not enabled here.")
        if need_enabled_feature and not env.company.sudo().fl_transfers_enabled:
            raise ApiError(
                403,
                "feature_disabled",
                "Focus Student Transfers is not enabled in this district.",
            )
        return peer

    def _look_up(self, peer, body):
        """The students the peer's identifiers designate (as the system), once
        the peer's allowance of failed look-ups is checked."""
        self._check_allowance(peer)
        florida_id = _text(body, "florida_student_id", required=False)
        required = not florida_id
        first = _text(body, "first_name", required)
        last = _text(body, "last_name", required)
        birthdate = _date(body, "birthdate", required)
        return request.env["fl.student"]._peer_find(florida_id, first, last, birthdate)

    def _check_allowance(self, peer):
        """429 while the peer has no failed look-up left (Retry-After: when)."""
        wait = peer._failed_lookup_wait()
        if wait:
            raise ApiError(
                429,
                "too_many_requests",
                "Too many look-ups matched no released student: try again later.",
                headers=[("Retry-After", str(wait))],
            )

    def _not_released(self, peer):
        """The one refusal of a look-up, counted against the peer's allowance:
        whatever the call started is undone, the failure alone is kept."""
        request.env.cr.rollback()
        peer._note_failed_lookup()
        return error_response(403, "not_authorised", NOT_RELEASED)

    def _own_request(self, peer, request_id):
        found = request.env["fl.transfer.request"]._peer_own(peer, request_id)
        if not found:
            raise ApiError(404, "not_found", "No such request from your district.")
        return found

    def _json(self, data, status=200):
        return request.make_json_response(data, status=status)

    # -- endpoints -----------------------------------------------------------

    @api_route("/capabilities", "GET")
    def capabilities(self, **params):
        _no_params(params)
        self._peer(need_enabled_feature=False)
        company = request.env.company.sudo()
        return self._json(
            {
                "api_version": API_VERSION,
                "district": company.fl_district_id.code or "",
                "enabled": bool(company.fl_transfers_enabled),
                "sections": list(PACKAGE_SECTIONS),
            }
        )

    @api_route("/requests", "POST")
    def create_request(self, **params):
        _no_params(params)
        peer = self._peer()
        body = self._body()
        values = {
            "remote_reference": _text(body, "reference"),
            "first_name": _text(body, "first_name"),
            "last_name": _text(body, "last_name"),
            "birthdate": _date(body, "birthdate"),
            "enrollment_date": _date(body, "enrollment_date"),
            "requester": _text(body, "requester", required=False) or False,
            "florida_student_id": _text(body, "florida_student_id", required=False)
            or False,
        }
        students = self._look_up(peer, body)
        student = students if len(students) == 1 else students.browse()
        if not students or (student and student._transfer_window_expired()):
            return self._not_released(peer)
        Request = request.env["fl.transfer.request"]
        existing = Request._peer_pending(peer, values["remote_reference"])
        if existing:  # the same request sent twice (a retry): one request
            return self._json({"id": existing.id, "state": existing.state}, 200)
        try:
            created = Request._peer_receive(peer, student, values)
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
    def request_status(self, request_id, **params):
        _no_params(params)
        peer = self._peer()
        return self._json(self._own_request(peer, request_id)._peer_status())

    @api_route("/requests/<int:request_id>/cancel", "POST")
    def cancel_request(self, request_id, **params):
        _no_params(params)
        peer = self._peer()
        found = self._own_request(peer, request_id)
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
    def requests_decided(self, **params):
        """The caller decided on requests we sent it: we read their state back
        from it at once (our refresh cron), with our own key."""
        _no_params(params)
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
    def package(self, **params):
        _no_params(params)
        peer = self._peer()
        body = self._body()
        sections = _sections(body)
        students = self._look_up(peer, body)
        if len(students) != 1:
            return self._not_released(peer)
        basis = students._peer_release_basis(peer.district_id)
        if not basis or students._release_window_expired(basis):
            return self._not_released(peer)
        package = students._peer_release(peer, sections, basis)
        _logger.info(
            "peer %s: records released (%s sections)",
            peer.district_id.code,
            len(package["sections"]),
        )
        return self._json(package)

    @api_route("/receipts", "POST")
    def receipt(self, **params):
        _no_params(params)
        peer = self._peer()
        body = self._body()
        values = {
            "sections": _names(body, "sections") or [],
            "by": _text(body, "by", required=False),
            "imported_at": _text(body, "imported_at", required=False),
        }
        for student in self._look_up(peer, body):
            if student._peer_receipt(peer, values):
                return self._json({"ok": True})
        return self._not_released(peer)
