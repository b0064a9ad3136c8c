"""A hostile (or broken) peer district: a real HTTP server on loopback.

It answers each path with a crafted reply (status, headers, body bytes,
optionally trickled in chunks with a delay) and records every request it
receives, so a test can prove what our client refused and what it never
sent. It runs in a thread of its own, beside the test's Odoo server; every
loop is bounded by the reply's length.
"""

import contextlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.addons.focus_transfers.models.transfer_peer import API_PREFIX


@dataclass
class Reply:
    status: int = 200
    body: bytes = b"{}"
    headers: dict = field(default_factory=dict)
    chunk: int = 0  # bytes per write when trickling (0: all at once)
    delay: float = 0.0  # seconds before each chunk
    length: bool = True  # send Content-Length
    slow_head: bool = False  # trickle the status line and headers too


class HostilePeer:
    def __init__(self):
        self.routes = {}
        self.received = []  # (method, path, decoded JSON body or None)
        peer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                """Quiet: the test's log must stay free of noise."""

            def _answer(self):
                size = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(min(size, 1_000_000))
                try:
                    body = json.loads(raw or b"null")
                except ValueError:
                    body = None
                path = self.path.removeprefix(API_PREFIX)
                peer.received.append((self.command, path, body))
                reply = peer.routes.get(path) or Reply(404, b'{"error": {}}')
                headers = {"Content-Type": "application/json", **reply.headers}
                if reply.length:
                    headers.setdefault("Content-Length", str(len(reply.body)))
                headers["Connection"] = "close"
                head = f"HTTP/1.1 {reply.status} Hostile\r\n" + "".join(
                    f"{name}: {value}\r\n" for name, value in headers.items()
                )
                data = (head + "\r\n").encode() + reply.body
                sent = 0
                if not reply.slow_head:  # the head at once, the body as set
                    sent = len(data) - len(reply.body)
                    self.wfile.write(data[:sent])
                step = reply.chunk or len(data) or 1
                # a client that gave up (what a refusal looks like here) ends
                # the loop: writing to its closed socket fails
                with contextlib.suppress(OSError):
                    for start in range(sent, len(data), step):
                        if reply.delay:
                            time.sleep(reply.delay)
                        self.wfile.write(data[start : start + step])
                        self.wfile.flush()
                self.close_connection = True

            do_GET = do_POST = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.1}
        )
        self.thread.daemon = True

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def serve(self, path, body=None, **reply):
        """Answer ``path`` (after the API prefix) with ``body`` (a JSON-able
        value, or bytes as they are) and the other ``Reply`` settings."""
        if not isinstance(body, bytes):
            body = json.dumps(body if body is not None else {}).encode()
        self.routes[path] = Reply(body=body, **reply)

    def paths(self):
        return [path for __, path, __ in self.received]

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)
