"""This test server as its own peer district, over real HTTP on loopback.

In an HttpCase every request of the browser runs on the test transaction,
under the registry's test lock, one request at a time. A button whose code
calls a peer (Submit Focus Transfer Request, Cancel) makes an HTTP request
to the same server while its own request holds that lock: the peer's request
would wait for it until the client timed out. ``_allow_calls_to_self`` lets
the lock go for the time of an outgoing HTTP call made by a request thread
and takes it back afterwards (the peer's request runs in between, on a
savepoint of the same transaction, as Odoo's test server runs any request).
Nothing is mocked: the client, the HTTP server, the API key authentication
and the API controller are the real ones.
"""

import requests


class SelfPeerMixin:
    PEER_DISTRICT = "61"

    def _self_peer(self, code=None):
        """District ``code`` (61) as a peer served by this test server; its
        technical user's API key is the one we call it with."""
        env = self.env
        district = env["fl.district"]._lookup(code or self.PEER_DISTRICT)
        peer = env["fl.transfer.peer"].create(
            {"district_id": district.id, "base_url": self.base_url(), "enabled": True}
        )
        # its technical (API-only) user, and the key we call it with
        peer.api_key = peer._new_technical_user_key()
        self._allow_calls_to_self()
        return peer

    def _allow_calls_to_self(self):
        test = self
        send = requests.Session.send

        def send_letting_the_lock_go(session, request, **kwargs):
            # Odoo's test guard on requests compares the timeout with a number:
            # give it the read timeout of a (connect, read) pair.
            if isinstance(kwargs.get("timeout"), tuple):
                kwargs["timeout"] = max(kwargs["timeout"])
            lock = test.env.registry.test_lock
            if lock is None or not lock._is_owned():
                return send(session, request, **kwargs)
            held = lock._release_save()
            strict = test.http_request_strict_check
            # a server-to-server call carries no browser test cookie
            test.http_request_strict_check = False
            try:
                return send(session, request, **kwargs)
            finally:
                test.http_request_strict_check = strict
                lock._acquire_restore(held)

        self.patch(requests.Session, "send", send_letting_the_lock_go)
