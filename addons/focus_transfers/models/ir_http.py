"""JSON errors for the peer API, also for what fails before its controller
runs (no or wrong API key, no such route)."""

from werkzeug.exceptions import (
    HTTPException,
    MethodNotAllowed,
    NotFound,
    Unauthorized,
)

from odoo import models
from odoo.exceptions import AccessDenied
from odoo.http import request

from .transfer_peer import API_PREFIX

STATUS_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 409: "conflict"}


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

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
        return super()._handle_error(exception)
