"""The peer API's authentication (an API key of its own scope), and JSON
errors for it, also for what fails before its controller runs (no or wrong
API key, no such route, a body too large)."""

import re

from werkzeug.exceptions import (
    HTTPException,
    MethodNotAllowed,
    NotFound,
    Unauthorized,
)

from odoo import models
from odoo.exceptions import AccessDenied
from odoo.http import request

from .transfer_peer import API_PREFIX, PEER_SCOPE

STATUS_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    413: "too_large",
}
# RFC 6750 b64token, bounded: anything else is no key of ours
BEARER = re.compile(r"bearer +([A-Za-z0-9._~+/=-]{1,256})", re.IGNORECASE)


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _auth_method_fl_peer(cls):
        """``Authorization: Bearer <key>`` with an API key valid for the peer
        API's scope; never a browser session. The key's user is the caller."""
        header = request.httprequest.headers.get("Authorization") or ""
        match = BEARER.fullmatch(header.strip())
        uid = match and request.env["res.users.apikeys"]._check_credentials(
            scope=PEER_SCOPE, key=match[1]
        )
        if not uid:
            raise Unauthorized()
        request.update_env(user=uid)

    @classmethod
    def _pre_dispatch(cls, rule, args):
        """The peer API reads a small body with a Content-Length, checked
        before anything reads it (chunked bodies have no length to check)."""
        super()._pre_dispatch(rule, args)
        if rule.endpoint.routing.get("auth") != "fl_peer":
            return
        from ..controllers.peer_api import MAX_BODY, ApiError

        httprequest = request.httprequest
        if "chunked" in (httprequest.headers.get("Transfer-Encoding") or "").lower():
            raise ApiError(411, "bad_request", "Send the body with a Content-Length.")
        if (httprequest.content_length or 0) > MAX_BODY:
            raise ApiError(
                413, "too_large", f"The body is larger than {MAX_BODY} bytes."
            )

    @classmethod
    def _match(cls, path_info):
        try:
            return super()._match(path_info)
        except MethodNotAllowed:
            if not path_info.startswith(API_PREFIX + "/"):
                raise
            from ..controllers.peer_api import ApiError

            raise ApiError(
                405, "bad_request", "This endpoint does not take this method."
            ) from None

    @classmethod
    def _handle_error(cls, exception):
        if not (request and request.httprequest.path.startswith(API_PREFIX + "/")):
            return super()._handle_error(exception)
        from ..controllers.peer_api import ApiError, error_response

        if isinstance(exception, ApiError):
            return exception
        if isinstance(exception, Unauthorized | AccessDenied):
            return error_response(
                401, "unauthorized", "A valid API key is required (Authorization: "
                "Bearer <key>)."
            )  # fmt: skip
        if isinstance(exception, NotFound):
            return error_response(404, "not_found", "No such endpoint.")
        if isinstance(exception, HTTPException) and exception.code:
            code = STATUS_CODES.get(exception.code, "bad_request")
            return error_response(exception.code, code, "The request was refused.")
        # A defect of ours: Odoo logs it as an error; the peer gets JSON.
        return error_response(500, "internal_error", "The request failed here.")
