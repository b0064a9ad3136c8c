"""The client of the peer API: one requests.Session per thread, timeouts,
one retry on connection errors, JSON errors turned into clear user errors."""

import logging
import threading

import requests
from requests.adapters import HTTPAdapter

from odoo import api, models
from odoo.exceptions import UserError

from .transfer_peer import API_PREFIX

_logger = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5
READ_TIMEOUT = 30
# the peer's error codes that mean "not a usable Focus Transfers partner"
UNAVAILABLE_CODES = ("unavailable", "unauthorized", "forbidden", "feature_disabled")
_local = threading.local()


class _TimeoutAdapter(HTTPAdapter):
    """Every call gets (connect, read) timeouts unless it sets its own."""

    def send(self, request, timeout=None, **kwargs):
        if timeout is None:
            timeout = (CONNECT_TIMEOUT, READ_TIMEOUT)
        return super().send(request, timeout=timeout, **kwargs)


class PeerError(UserError):
    """An error answered by (or on the way to) a peer district."""

    def __init__(self, message, code="unavailable", status=None):
        super().__init__(message)
        self.code = code
        self.status = status


class FlTransferClient(models.AbstractModel):
    _name = "fl.transfer.client"
    _description = "Focus Transfers Peer Client"

    @api.model
    def _session(self):
        session = getattr(_local, "session", None)
        if session is None:
            session = _local.session = requests.Session()
            session.headers.update({"Accept": "application/json"})
            adapter = _TimeoutAdapter(max_retries=0)  # the one retry is ours
            session.mount("http://", adapter)
            session.mount("https://", adapter)
        return session

    @api.model
    def _unavailable_message(self, district):
        """Seed 000: a district without Focus Transfers (or the settings and
        permissions it needs), or one we cannot reach, is a clear error."""
        return self.env._(
            "District %(district)s does not have Focus Student Transfers enabled "
            "for your district (or the required settings and permissions are "
            "missing), or it cannot be reached right now. Nothing was sent; try "
            "again later or contact district %(district)s.",
            district=district.display_name,
        )

    @api.model
    def _call(self, peer, method, path, payload=None, check_enabled=True):
        """Call the peer; the decoded JSON reply, or a PeerError."""
        peer = peer.sudo()
        district = peer.district_id
        if not peer or (check_enabled and not peer.enabled):
            raise PeerError(self._unavailable_message(district))
        url = peer.base_url.rstrip("/") + API_PREFIX + path
        # Our pending writes reach the database (and fail there, if they must)
        # before the peer acts on the call.
        self.env.flush_all()
        headers = {"Authorization": f"Bearer {peer._get_api_key() or ''}"}
        response = None
        for attempt in (1, 2):
            try:
                response = self._session().request(
                    method,
                    url,
                    json=payload,
                    headers=headers,
                )
                break
            except requests.ConnectionError as error:
                # ConnectTimeout included; a read timeout is not retried: the
                # peer may have done the work.
                _logger.info(
                    "peer %s unreachable (%s, attempt %s)",
                    district.code,
                    type(error).__name__,
                    attempt,
                )
            except requests.RequestException as error:
                _logger.info("peer %s: %s", district.code, type(error).__name__)
                break
        if response is None:
            raise PeerError(self._unavailable_message(district))
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.status_code >= 400 or not isinstance(data, dict):
            error = (data or {}).get("error") if isinstance(data, dict) else None
            code = (error or {}).get("code") or "unavailable"
            _logger.info(
                "peer %s answered %s %s to %s %s",
                district.code,
                response.status_code,
                code,
                method,
                path.split("/")[1] if "/" in path else path,
            )
            if code in UNAVAILABLE_CODES or not error:
                raise PeerError(
                    self._unavailable_message(district), code, response.status_code
                )
            raise PeerError(
                self.env._(
                    "District %(district)s answered: %(message)s",
                    district=district.display_name,
                    message=error.get("message") or code,
                ),
                code,
                response.status_code,
            )
        return data
