"""Delivery of FASTER files to the FDOE Secured FTP (SFTP) server.

Seed 000: after processing, the transcript "is transmitted electronically to
the receiving district through the FASTER system"; since 2024-25 FASTER
files travel through the FDOE Secured FTP server (shared reference
faster-formats.md, section 4). Host, account and folder are the district's
own (FDOE gives them), so they are settings. The server's host key must be
configured and must match: student records never go to a server that is not
the one the district set.
"""

import base64
import contextlib
import hashlib
import io
import logging
import posixpath
import socket

import paramiko

from odoo import api, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

PARAM = "faster_export."
SETTINGS = (
    "host",
    "port",
    "username",
    "password",
    "private_key",
    "host_key",
    "directory",
)
# The settings that are secrets: readable by Settings administrators only,
# never shown back on screen (res.config.settings).
SECRETS = ("password", "private_key")
TIMEOUT = 20  # seconds: connecting, the key exchange, each SFTP reply
KEY_TYPES = ("ssh-", "ecdsa-", "sk-")
# An RSA host key ("ssh-rsa") is checked through any of its signature schemes.
RSA_ALGORITHMS = ("rsa-sha2-512", "rsa-sha2-256")


class SftpError(UserError):
    """The FASTER SFTP server is not reachable, refused us, or failed: the
    message says which server and what happened. ``transient``: worth trying
    again later by itself (the server down, the connection lost), unlike a
    refused password or host key, which need the administrator."""

    def __init__(self, message, transient=False):
        super().__init__(message)
        self.transient = transient


def key_line(key):
    """A public key as OpenSSH prints it: type and base64."""
    return f"{key.get_name()} {key.get_base64()}"


def fingerprint(key):
    """SHA256:... as ``ssh-keygen -l`` shows it, to compare by eye."""
    digest = base64.b64encode(hashlib.sha256(key.asbytes()).digest())
    return "SHA256:" + digest.decode().rstrip("=")


def _configured_key(line):
    """(type, base64) of a pasted host key: "type base64 [comment]" or a
    known_hosts line ("host type base64"); None when there is none."""
    tokens = (line or "").split()
    for at, token in enumerate(tokens[:-1]):
        if token.startswith(KEY_TYPES):
            return token, tokens[at + 1]
    return None


def _private_key(text, passphrase):
    for kind in (paramiko.Ed25519Key, paramiko.ECDSAKey, paramiko.RSAKey):
        try:
            return kind.from_private_key(io.StringIO(text), password=passphrase)
        except (paramiko.SSHException, ValueError):
            continue
    return None


class Session:
    """An open SFTP session in the configured folder."""

    def __init__(self, sftp, where, directory):
        self.sftp = sftp
        self.where = where
        self.directory = directory or "."

    def listdir(self):
        return self.sftp.listdir(self.directory)

    def upload(self, path, name):
        """Put the file under a hidden temporary name, then rename it, so
        that FASTER's side never picks up half a file. Returns its URL.

        Both names are the same on every attempt: after a run killed before
        its commit, the next one truncates the temporary file it left and
        replaces the file under the same name — or, when the server already
        holds that file byte for byte, leaves it alone — never a second
        file for one request."""
        target = posixpath.join(self.directory, name)
        if not self._holds(target, path):
            partial = posixpath.join(self.directory, f".{name}.part")
            try:
                self.sftp.put(path, partial, confirm=True)
                self._replace(partial, target)
            except BaseException:
                with contextlib.suppress(OSError, paramiko.SSHException, EOFError):
                    self.sftp.remove(partial)
                raise
        try:  # where the server says it is (a relative folder is in the home)
            target = self.sftp.normalize(target)
        except OSError:
            target = posixpath.join("/", target)
        return f"sftp://{self.where}{target}"

    def _holds(self, target, path):
        """Whether the server's ``target`` has exactly the bytes of ``path``."""
        with open(path, "rb") as local:
            data = local.read()
        try:
            if self.sftp.stat(target).st_size != len(data):
                return False
        except FileNotFoundError:
            return False
        with self.sftp.open(target, "rb") as remote:
            return remote.read() == data

    def _replace(self, partial, target):
        try:
            self.sftp.posix_rename(partial, target)
        except OSError:  # a server without OpenSSH's posix-rename extension,
            # whose rename refuses an existing name: the earlier copy goes
            with contextlib.suppress(FileNotFoundError):
                self.sftp.remove(target)
            self.sftp.rename(partial, target)


class FasterSftp(models.AbstractModel):
    _name = "faster.sftp"
    _description = "FASTER SFTP Delivery"

    @api.model
    def _enabled(self):
        params = self.env["ir.config_parameter"].sudo()
        return params.get_param(PARAM + "delivery") == "sftp"

    @api.model
    def _config(self):
        params = self.env["ir.config_parameter"].sudo()
        return {key: params.get_param(f"{PARAM}sftp_{key}") or "" for key in SETTINGS}

    def _error(self, where, message, transient=False):
        return SftpError(
            self.env._(
                "FASTER SFTP server %(where)s: %(message)s",
                where=where,
                message=message,
            ),
            transient=transient,
        )

    @api.model
    @contextlib.contextmanager
    def _session(self, config=None, probe=False):
        """An SFTP session with the server (settings, or ``config``), its host
        key checked. ``probe``: with no host key configured, connect anyway
        and say which key the server presents (the settings' test)."""
        config = config or self._config()
        host = (config.get("host") or "").strip()
        port = str(config.get("port") or 22).strip()
        username = (config.get("username") or "").strip()
        where = f"{host}:{port}"
        if not host or not username or not port.isdigit():
            raise SftpError(
                self.env._(
                    "FASTER SFTP: set the server's host, port and user name in "
                    "Settings > Students > FASTER."
                )
            )
        expected = _configured_key(config.get("host_key"))
        if not expected and not probe:
            raise self._error(
                where,
                self.env._(
                    "no Host Key is set, so nothing is sent: Test Connection in "
                    "Settings > Students > FASTER shows the key the server presents."
                ),
            )
        pkey = None
        if config.get("private_key"):
            pkey = _private_key(config["private_key"], config.get("password") or None)
            if pkey is None:
                raise self._error(
                    where,
                    self.env._(
                        "the Private Key is not an OpenSSH or PEM private key (RSA, "
                        "ECDSA or Ed25519) that the password opens."
                    ),
                )
        try:
            sock = socket.create_connection((host, int(port)), timeout=TIMEOUT)
        except OSError as error:
            raise self._error(
                where,
                self.env._("cannot connect (%s).", error.strerror or error),
                transient=True,
            ) from None
        transport = paramiko.Transport(sock)
        transport.banner_timeout = transport.auth_timeout = TIMEOUT
        if expected:  # ask for the configured key, when the server has several
            options = transport.get_security_options()
            wanted = RSA_ALGORITHMS if expected[0] == "ssh-rsa" else (expected[0],)
            wanted = tuple(kind for kind in wanted if kind in options.key_types)
            if not wanted:
                transport.close()
                raise self._error(
                    where,
                    self.env._(
                        "the Host Key is of type %(kind)s; use the server's "
                        "ssh-ed25519, ecdsa-sha2 or ssh-rsa key.",
                        kind=expected[0],
                    ),
                )
            options.key_types = wanted
        try:
            transport.start_client(timeout=TIMEOUT)
            presented = transport.get_remote_server_key()
            if (presented.get_name(), presented.get_base64()) != expected:
                shown = {
                    "key": key_line(presented),
                    "fingerprint": fingerprint(presented),
                }
                if not expected:  # probing: say which key to check with FDOE
                    message = self.env._(
                        "no Host Key is set. The server presents the host key "
                        "%(key)s (%(fingerprint)s): if FDOE confirms it, set it as "
                        "the Host Key.",
                        **shown,
                    )
                else:
                    message = self.env._(
                        "the server presents the host key %(key)s (%(fingerprint)s), "
                        "not the Host Key set in Settings > Students > FASTER: nothing "
                        "was sent. If FDOE confirms this key, set it as the Host Key.",
                        **shown,
                    )
                raise self._error(where, message)
            if pkey is not None:
                transport.auth_publickey(username, pkey)
            else:
                transport.auth_password(username, config.get("password") or "")
            sftp = paramiko.SFTPClient.from_transport(transport)
            sftp.get_channel().settimeout(TIMEOUT)
            yield Session(sftp, where, (config.get("directory") or "").strip())
        except paramiko.AuthenticationException:
            raise self._error(
                where,
                self.env._("user %s was refused (wrong password or key).", username),
            ) from None
        except (paramiko.SSHException, OSError, EOFError) as error:
            raise self._error(
                where,
                self.env._("failed (%s).", str(error) or type(error).__name__),
                transient=True,
            ) from None
        finally:
            transport.close()

    @api.model
    def _deliver(self, outcomes):
        """Upload the files of ``outcomes`` (row id -> outcome, as
        faster.request._build_and_write gives them) over one connection, when
        delivery is by SFTP. An outcome whose file is not uploaded gets an
        error that says why (and whether to try again by itself); its file
        stays written."""
        files = [outcome for outcome in outcomes.values() if "error" not in outcome]
        if not files or not self._enabled():
            return
        try:
            with self._session() as session:
                for outcome in files:
                    outcome["uploaded_to"] = session.upload(
                        outcome["path"], outcome["name"]
                    )
        except SftpError as error:
            for outcome in files:
                if "uploaded_to" not in outcome:  # kept, with its file
                    outcome["error"] = self.env._(
                        "Written to %(path)s but not uploaded: %(error)s",
                        path=outcome["path"],
                        error=error.args[0],
                    )
                    outcome["transient"] = error.transient
            _logger.info("FASTER SFTP delivery stopped: %s", error.args[0])

    @api.model
    def _test(self, config):
        """The settings' Test Connection: a notification saying what was found."""
        try:
            with self._session(config, probe=True) as session:
                count = len(session.listdir())
        except SftpError as error:
            return False, error.args[0]
        return True, self.env._(
            "Connected to %(where)s as %(user)s: %(folder)s holds %(count)s file(s).",
            where=session.where,
            user=config.get("username"),
            folder=session.directory,
            count=count,
        )
