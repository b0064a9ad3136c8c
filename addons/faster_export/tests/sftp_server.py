"""A real SFTP server on loopback for the tests: paramiko's server side,
serving a temporary folder, with its own host key and one account (password
or public key). The delivery is tested against the SSH and SFTP protocols
over TCP, not against a mock of the client."""

import logging
import os
import posixpath
import socket
import threading

import paramiko

# What the server side logs (a client that hangs up, a refused key) is the
# test's own doing: kept out of the run's log, which must stay clean.
SERVER_LOG = "faster_export.tests.sftp_server"
logging.getLogger(SERVER_LOG).setLevel(logging.CRITICAL)


def key_line(key):
    """A public key as an OpenSSH known_hosts entry is written: type base64."""
    return f"{key.get_name()} {key.get_base64()}"


class _Account(paramiko.ServerInterface):
    def __init__(self, server):
        self.server = server

    def check_channel_request(self, kind, chanid):
        if kind == "session":
            return paramiko.OPEN_SUCCEEDED
        return paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED

    def get_allowed_auths(self, username):
        return "password,publickey"

    def check_auth_password(self, username, password):
        server = self.server
        if server.password and (username, password) == (
            server.username,
            server.password,
        ):
            return paramiko.AUTH_SUCCESSFUL
        return paramiko.AUTH_FAILED

    def check_auth_publickey(self, username, key):
        client_key = self.server.client_key
        if (
            client_key is not None
            and username == self.server.username
            and key.get_base64() == client_key.get_base64()
        ):
            return paramiko.AUTH_SUCCESSFUL
        return paramiko.AUTH_FAILED


class _Handle(paramiko.SFTPHandle):
    def stat(self):
        return paramiko.SFTPAttributes.from_stat(os.fstat(self.filehandle.fileno()))

    def chattr(self, attr):
        return paramiko.SFTP_OK


class _Folder(paramiko.SFTPServerInterface):
    """The account's files: the server's folder, as SFTP paths from /."""

    def __init__(self, server, root, *args, **kwargs):
        super().__init__(server, *args, **kwargs)
        self.root = root
        self.sftp_server = server.server

    def canonicalize(self, path):
        return posixpath.normpath(posixpath.join("/", path))

    def _real(self, path):
        return os.path.join(self.root, self.canonicalize(path).lstrip("/"))

    @staticmethod
    def _errors(function, *args):
        try:
            return function(*args)
        except OSError as error:
            return paramiko.SFTPServer.convert_errno(error.errno)

    def list_folder(self, path):
        def listing(real):
            return [
                paramiko.SFTPAttributes.from_stat(
                    os.stat(os.path.join(real, name)), name
                )
                for name in sorted(os.listdir(real))
            ]

        return self._errors(listing, self._real(path))

    def stat(self, path):
        return self._errors(
            lambda real: paramiko.SFTPAttributes.from_stat(os.stat(real)),
            self._real(path),
        )

    lstat = stat

    def open(self, path, flags, attr):
        def opened(real):
            fd = os.open(real, flags, 0o644)
            if flags & (os.O_WRONLY | os.O_RDWR) and self.sftp_server.on_write_open:
                # the file exists, empty: a test may hold the client here
                self.sftp_server.on_write_open(self.canonicalize(path))
            mode = "wb" if flags & os.O_WRONLY else "r+b" if flags & os.O_RDWR else "rb"
            handle = _Handle(flags)
            handle.filehandle = os.fdopen(fd, mode)
            handle.readfile = handle.writefile = handle.filehandle
            return handle

        return self._errors(opened, self._real(path))

    def remove(self, path):
        return self._errors(os.remove, self._real(path)) or paramiko.SFTP_OK

    def posix_rename(self, oldpath, newpath):
        return (
            self._errors(os.replace, self._real(oldpath), self._real(newpath))
            or paramiko.SFTP_OK
        )

    def mkdir(self, path, attr):
        return self._errors(os.mkdir, self._real(path)) or paramiko.SFTP_OK


class SftpServer:
    """``with SftpServer(root, password="...") as server:`` listens on
    127.0.0.1:``server.port`` until the block ends."""

    def __init__(
        self, root, username="district12", password=None, client_key=None, more_keys=()
    ):
        self.root = root
        self.username = username
        self.password = password
        self.client_key = client_key
        self.host_key = paramiko.ECDSAKey.generate()
        self.host_keys = [self.host_key, *more_keys]  # as OpenSSH has several
        self.connections = 0
        # called with the SFTP path of each file opened for writing, once it
        # exists: a test can see what is written, or hold the client there
        self.on_write_open = None
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._transports = []
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stopped.set()
        self._thread.join(5)
        self._listener.close()
        for transport in self._transports:
            transport.close()

    @property
    def host_key_line(self):
        return key_line(self.host_key)

    def _serve(self):
        while not self._stopped.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            transport = paramiko.Transport(connection)
            transport.set_log_channel(SERVER_LOG)
            for key in self.host_keys:
                transport.add_server_key(key)
            transport.set_subsystem_handler(
                "sftp", paramiko.SFTPServer, _Folder, self.root
            )
            self._transports.append(transport)
            try:  # waits for the key exchange: a client may hang up first
                transport.start_server(server=_Account(self))
            except (paramiko.SSHException, EOFError, OSError):
                transport.close()


def delivery_params(server, password, **values):
    """The faster_export.* parameters that deliver to ``server``'s /outgoing."""
    return {
        "delivery": "sftp",
        "sftp_host": "127.0.0.1",
        "sftp_port": str(server.port),
        "sftp_username": server.username,
        "sftp_password": password,
        "sftp_private_key": "",
        "sftp_host_key": server.host_key_line,
        "sftp_directory": "/outgoing",
        **values,
    }
