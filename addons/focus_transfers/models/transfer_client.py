"""The client of the peer API: one requests.Session per thread, timeouts,
one retry on connection errors, JSON errors turned into clear user errors.

The other district's server is not ours: its answer is bounded (bytes read,
a total time per call, not only per read), never followed elsewhere (a
redirect is a refusal: the student's name and birthdate are never re-posted
to another address), and only HTTPS carries it, loopback aside.
"""

import contextlib
import json
import logging
import socket
import threading
import time
from http.client import HTTPException

import requests
import urllib3
import urllib3.connection
from requests.adapters import HTTPAdapter

from odoo import api, fields, models
from odoo.exceptions import UserError

from .package_schema import check_answer, unsafe_character
from .transfer_peer import API_PREFIX, url_problem

_logger = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5
READ_TIMEOUT = 30  # per read, headers included
TOTAL_TIMEOUT = 30  # for a whole call: the body is read while it lasts
MAX_ANSWER_BYTES = 2_000_000  # a generous record package is ~50 kB
CHUNK_BYTES = 64 * 1024
# the peer's error codes that mean "not a usable Focus Transfers partner"
UNAVAILABLE_CODES = ("unavailable", "unauthorized", "forbidden", "feature_disabled")
_local = threading.local()


def _watch(sock):
    """Remember a socket this thread opened to a peer during a call."""
    watched = getattr(_local, "sockets", None)
    if watched is not None:
        watched.append(sock)


def _shut(sockets):
    """The watchdog: the call's total time is spent, whatever the peer is
    doing (trickling its status line or headers included)."""
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


class _WatchedHTTPConnection(urllib3.connection.HTTPConnection):
    def connect(self):
        result = super().connect()
        _watch(self.sock)
        return result


class _WatchedHTTPSConnection(urllib3.connection.HTTPSConnection):
    def connect(self):
        result = super().connect()
        _watch(self.sock)
        return result


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _TimeoutAdapter(HTTPAdapter):
    """Every call gets (connect, read) timeouts unless it sets its own, on
    connections the call's watchdog can cut."""

    def init_poolmanager(self, *args, **kwargs):
        result = super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _HTTPPool,
            "https": _HTTPSPool,
        }
        return result

    def send(self, request, timeout=None, **kwargs):
        if timeout is None:
            timeout = (CONNECT_TIMEOUT, READ_TIMEOUT)
        return super().send(request, timeout=timeout, **kwargs)


class PeerError(UserError):
    """An error answered by (or on the way to) a peer district, or its
    answer refused. The other side's doing, not ours: Odoo's request handler
    logs it at INFO (``loglevel``), never as a warning with a traceback."""

    loglevel = logging.INFO

    def __init__(self, message, code="unavailable", status=None):
        super().__init__(message)
        self.code = code
        self.status = status


class _Refused(Exception):
    """The peer's answer broke a bound; the reason is for the user."""


def _read_bounded(response, deadline):
    """The body, read in chunks while the time and byte budgets last.

    Each read waits at most what is left of the call's total time, so a
    peer trickling a byte at a time cannot hold the call past its budget.
    """
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > MAX_ANSWER_BYTES:
        raise _Refused(f"it announced {length} bytes, more than {MAX_ANSWER_BYTES}")
    if response.headers.get("Content-Encoding", "identity") != "identity":
        raise _Refused("it was compressed, which we did not ask for")
    raw = response.raw
    # http.client's response under urllib3's: read1 returns what one read got
    reader = getattr(raw, "_fp", None) or raw
    sock = getattr(getattr(raw, "_connection", None), "sock", None)
    body = bytearray()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _Refused(f"it took longer than {TOTAL_TIMEOUT} s")
        if sock is not None:
            sock.settimeout(min(left, READ_TIMEOUT))
        try:
            chunk = reader.read1(CHUNK_BYTES)
        except (OSError, ValueError, HTTPException, urllib3.exceptions.HTTPError):
            if time.monotonic() >= deadline:
                raise _Refused(f"it took longer than {TOTAL_TIMEOUT} s") from None
            raise _Refused("the connection failed while it was read") from None
        if not chunk:
            if time.monotonic() >= deadline:  # cut by the watchdog
                raise _Refused(f"it took longer than {TOTAL_TIMEOUT} s")
            return bytes(body)
        body += chunk
        if len(body) > MAX_ANSWER_BYTES:
            raise _Refused(f"it is larger than {MAX_ANSWER_BYTES} bytes")


def _decode(body):
    """The JSON object of ``body``; anything else is a refusal."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise _Refused("it is not valid JSON") from error
    return data


class FlTransferClient(models.AbstractModel):
    _name = "fl.transfer.client"
    _description = "Focus Transfers Peer Client"

    @api.model
    def _session(self):
        session = getattr(_local, "session", None)
        if session is None:
            session = _local.session = requests.Session()
            session.headers.update(
                {"Accept": "application/json", "Accept-Encoding": "identity"}
            )
            adapter = _TimeoutAdapter(max_retries=0)  # the one retry is ours
            session.mount("http://", adapter)
            session.mount("https://", adapter)
        return session

    @api.model
    def _unavailable_message(self, district):
        """The Focus Student Transfers guide: a district without Focus
        Transfers (or the settings and permissions it needs), or one we cannot
        reach, is a clear error."""
        return self.env._(
            "District %(district)s does not have Focus Student Transfers enabled "
            "for your district (or the required settings and permissions are "
            "missing), or it cannot be reached right now. Nothing was sent; try "
            "again later or contact district %(district)s.",
            district=district.display_name,
        )

    @api.model
    def _refused(self, district, reason):
        return PeerError(
            self.env._(
                "The other district's answer was refused: %(reason)s (district "
                "%(district)s). Nothing was imported or changed.",
                reason=reason,
                district=district.display_name,
            ),
            "refused",
        )

    @api.model
    def _call(self, peer, method, path, payload=None, check_enabled=True, answer=None):
        """Call the peer; the decoded JSON reply, or a PeerError. ``answer``:
        the name of the reply's declared schema (``package_schema.ANSWERS``),
        which the reply is reduced to (or refused by)."""
        peer = peer.sudo()
        district = peer.district_id
        if not peer or (check_enabled and not peer.enabled):
            raise PeerError(self._unavailable_message(district))
        problem = url_problem(peer.base_url)
        if problem:
            raise self._refused(
                district,
                self.env._(
                    "its address is not allowed (%(problem)s), nothing was sent",
                    problem=problem,
                ),
            )
        url = peer.base_url.rstrip("/") + API_PREFIX + path
        # Our pending writes reach the database (and fail there, if they must)
        # before the peer acts on the call.
        self.env.flush_all()
        headers = {"Authorization": f"Bearer {peer._get_api_key() or ''}"}
        deadline = time.monotonic() + TOTAL_TIMEOUT
        _local.sockets = sockets = []
        watchdog = threading.Timer(TOTAL_TIMEOUT, _shut, [sockets])
        watchdog.daemon = True
        watchdog.start()
        try:
            reply = self._exchange(
                district, method, url, path, payload, headers, deadline
            )
        finally:
            watchdog.cancel()
            _local.sockets = None
        if answer:
            reply, errors = check_answer(answer, reply, fields.Date.context_today(self))
            if errors:
                _logger.info("peer %s: %s answer refused", district.code, answer)
                raise self._refused(district, "; ".join(errors[:5]))
        return reply

    @api.model
    def _exchange(self, district, method, url, path, payload, headers, deadline):
        """One call (and one retry on a connection error) within ``deadline``."""
        response = None
        for attempt in (1, 2):
            try:
                response = self._session().request(
                    method,
                    url,
                    json=payload,
                    headers=headers,
                    stream=True,
                    allow_redirects=False,
                )
                break
            except requests.RequestException as error:
                if time.monotonic() >= deadline:
                    _logger.info("peer %s: no answer in time", district.code)
                    raise self._refused(
                        district,
                        self.env._("it took longer than %s s", TOTAL_TIMEOUT),
                    ) from None
                # ConnectTimeout included; a read timeout is not retried: the
                # peer may have done the work.
                _logger.info(
                    "peer %s: %s (attempt %s)",
                    district.code,
                    type(error).__name__,
                    attempt,
                )
                if not isinstance(error, requests.ConnectionError):
                    break
        if response is None:
            raise PeerError(self._unavailable_message(district))
        with response:
            try:
                if response.is_redirect or 300 <= response.status_code < 400:
                    raise _Refused(
                        "it redirected the call to another address, which we "
                        "do not follow"
                    )
                data = _decode(_read_bounded(response, deadline))
            except _Refused as refusal:
                _logger.info(
                    "peer %s: answer to %s %s refused: %s",
                    district.code,
                    method,
                    path.split("/")[1] if "/" in path else path,
                    refusal,
                )
                if response.status_code >= 400:
                    data = None  # an error page: the peer is unavailable
                else:
                    raise self._refused(district, str(refusal)) from None
        if response.status_code >= 400 or not isinstance(data, dict):
            error = data.get("error") if isinstance(data, dict) else None
            error = error if isinstance(error, dict) else None
            code = (error or {}).get("code") or "unavailable"
            code = code if isinstance(code, str) else "unavailable"
            _logger.info(
                "peer %s answered %s %s to %s %s",
                district.code,
                response.status_code,
                code[:40],
                method,
                path.split("/")[1] if "/" in path else path,
            )
            if response.status_code < 400:
                raise self._refused(district, self.env._("it is not a JSON object"))
            if code in UNAVAILABLE_CODES or not error:
                raise PeerError(
                    self._unavailable_message(district), code, response.status_code
                )
            message = error.get("message")
            if not isinstance(message, str) or unsafe_character(message):
                message = code
            raise PeerError(
                self.env._(
                    "District %(district)s answered: %(message)s",
                    district=district.display_name,
                    message=message[:300],
                ),
                code,
                response.status_code,
            )
        return data
