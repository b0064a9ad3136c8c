"""The two-district demo: two Odoo databases, two servers, peers both ways.

``scripts/run --two-districts`` runs ``python tools/two_districts.py run``;
the end-to-end test (tests/e2e/test_two_districts.py) and the benchmark
(bench/transfer_roundtrip_bench.py) call the same functions, so the demo and
the test cannot drift apart.

* ``fl_columbia``: district 12 Columbia, http://127.0.0.1:8069
* ``fl_suwannee``: district 61 Suwannee, http://127.0.0.1:8070

Each database gets the three addons with its own district's demo data (the
system parameter ``focus_transfers.demo_district`` is set with ``odoo shell``
between installing ``base`` and installing the addons: the demo builder reads
it), a technical user per peer district with an Odoo API key (stored as the
other side's peer ``api_key``), three students transferring in from the other
district (enrolled with Prior District = the other district, as Add a Student
does) and, once both servers answer, two pending requests each way submitted
through the real peer API.

Every server here, ``scripts/run``'s one and the benches' too, is a
``Server``: Odoo in prefork mode with the LIMITS below, so that a request past
one costs only its worker, behind a ``FrontDoor`` that routes the web
client's websocket to Odoo's long-polling process.

Commands::

    python tools/two_districts.py run [--reset]     # the demo (Ctrl-C stops)
    python tools/two_districts.py setup [--reset]   # databases only, no servers
    python tools/two_districts.py serve DB PORT DATA_DIR  # scripts/run's server
"""

import argparse
import asyncio
import contextlib
import datetime
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PYTHON = os.environ.get("PYTHON", sys.executable)
# Odoo's command line from a file, so that Odoo can restart itself (see there)
ODOO_BIN = ROOT / "tools" / "odoo_bin.py"
ADDONS = ["fl_state_codes", "focus_transfers", "faster_export"]
DEMO_DISTRICT_PARAM = "focus_transfers.demo_district"
# Students of the sending district who move to the other one (local IDs
# "<district>-<n>"): the first two are requested by the set-up, the last one
# is left for the person trying the demo to request.
MOVERS = (1004, 1010, 1006)
SUBMITTED = 2
ADMIN = ("admin", "admin")


@dataclass
class District:
    key: str  # columbia / suwannee
    code: str  # FL DOE district number
    name: str
    db: str
    port: int

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


def districts(prefix="fl_", ports=(8069, 8070)):
    """The two demo districts; ``prefix`` names their databases."""
    return [
        District("columbia", "12", "Columbia", f"{prefix}columbia", ports[0]),
        District("suwannee", "61", "Suwannee", f"{prefix}suwannee", ports[1]),
    ]


def say(text):
    print(f"[two-districts] {text}", flush=True)


# -- databases ------------------------------------------------------------------


def _pg():
    import psycopg2  # Odoo's dependency

    conn = psycopg2.connect(
        host="127.0.0.1", port=5432, user="odoo", password="odoo", dbname="postgres"
    )
    conn.autocommit = True
    return conn


def db_exists(db):
    with _pg() as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
        return bool(cr.fetchone())


def addons_digest():
    """A digest of the addons' source: a database built from other code is
    updated (``-u``) before use, whether or not a manifest version moved."""
    digest = hashlib.sha1()
    for path in sorted((ROOT / "addons").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _digest_file(district, data_dir):
    return Path(data_dir) / "two_districts" / f"{district.db}.addons-digest"


def _built_digest(district, data_dir):
    path = _digest_file(district, data_dir)
    return path.read_text().strip() if path.exists() else ""


def _mark_built(district, data_dir, digest):
    path = _digest_file(district, data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(digest + "\n")


def installed_versions(db):
    """{addon: installed version} (empty when the database is not usable)."""
    import psycopg2

    try:
        conn = psycopg2.connect(
            host="127.0.0.1", port=5432, user="odoo", password="odoo", dbname=db
        )
    except psycopg2.Error:
        return {}
    try:
        with conn.cursor() as cr:
            cr.execute(
                "SELECT name, latest_version FROM ir_module_module "
                "WHERE name IN %s AND state = 'installed'",
                [tuple(ADDONS)],
            )
            return dict(cr.fetchall())
    except psycopg2.Error:
        return {}
    finally:
        conn.close()


def db_ready(db):
    """The database exists and the three addons are installed in it."""
    if not db_exists(db):
        return False
    return len(installed_versions(db)) == len(ADDONS)


def drop_db(db, data_dir):
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "odoo", "--if-exists", "--force", db],
        env={**os.environ, "PGPASSWORD": "odoo"},
        check=True,
        capture_output=True,
    )
    subprocess.run(["rm", "-rf", str(Path(data_dir) / "filestore" / db)], check=False)


def odoo_command(db, data_dir, *extra, sub=None):
    """Odoo's command line (``sub``: an Odoo command such as ``shell``) on
    ``db`` alone, from this checkout's odoo.conf."""
    return [
        PYTHON,
        str(ODOO_BIN),
        *([sub] if sub else []),
        "-c",
        str(ROOT / "odoo.conf"),
        "-d",
        db,
        "--db-filter",
        f"^{db}$",
        "--data-dir",
        str(data_dir),
        *extra,
    ]


def create_database(district, data_dir, log_path):
    """base, then the demo district parameter (odoo shell), then the addons
    with demo data. A failure drops the half-made database."""
    steps = [
        ("install base", odoo_command(district.db, data_dir, "-i", "base"), None),
        (
            f"set {DEMO_DISTRICT_PARAM} = {district.code}",
            odoo_command(district.db, data_dir, "--no-http", sub="shell"),
            (
                f"env['ir.config_parameter'].set_param({DEMO_DISTRICT_PARAM!r}, "
                f"{district.code!r})\nenv.cr.commit()\n"
            ),
        ),
        (
            "install " + ", ".join(ADDONS),
            odoo_command(district.db, data_dir, "-i", ",".join(ADDONS)),
            None,
        ),
    ]
    with open(log_path, "a", encoding="utf-8") as log:
        for title, cmd, stdin in steps:
            if stdin is None:
                cmd = [*cmd, "--stop-after-init", "--no-http"]
            log.write(f"$ {' '.join(cmd)}\n")
            log.flush()
            done = subprocess.run(
                cmd,
                cwd=ROOT,
                input=stdin,
                text=True,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=False,
            )
            if done.returncode != 0:
                drop_db(district.db, data_dir)
                raise RuntimeError(
                    f"{district.db}: '{title}' failed (exit {done.returncode}), "
                    f"see {log_path}; the half-made database was dropped"
                )


def update_database(district, data_dir, log_path):
    cmd = odoo_command(
        district.db, data_dir, "-u", ",".join(ADDONS), "--stop-after-init", "--no-http"
    )
    with open(log_path, "a", encoding="utf-8") as log:
        done = subprocess.run(
            cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, check=False
        )
    if done.returncode != 0:
        raise RuntimeError(f"updating {district.db} failed, see {log_path}")


def ensure_databases(dists, data_dir, log_dir, reset=False):
    """Create the missing databases (both at once); the names created."""
    log_dir = Path(log_dir)
    log_dir.mkdir(parents=True, exist_ok=True)
    todo = []
    for district in dists:
        if reset and db_exists(district.db):
            say(f"dropping {district.db}")
            drop_db(district.db, data_dir)
        if not db_ready(district.db):
            if db_exists(district.db):  # half-made by an interrupted run
                drop_db(district.db, data_dir)
            todo.append(district)
    digest = addons_digest()
    for district in dists:
        if district not in todo and _built_digest(district, data_dir) != digest:
            say(f"updating the addons in {district.db} (their code changed)")
            update_database(district, data_dir, log_dir / f"{district.db}-update.log")
            _mark_built(district, data_dir, digest)
    if not todo:
        return []
    say(
        "creating "
        + " and ".join(f"{d.db} (district {d.code} {d.name})" for d in todo)
        + " with the three addons and demo data (a few minutes)"
    )
    errors = []

    def worker(district):
        try:
            create_database(district, data_dir, log_dir / f"{district.db}-create.log")
        except RuntimeError as error:
            errors.append(str(error))

    threads = [threading.Thread(target=worker, args=(d,)) for d in todo]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError("; ".join(errors))
    for district in todo:
        _mark_built(district, data_dir, digest)
    return [d.db for d in todo]


def configure(dists, data_dir, log_dir):
    """Peers both ways, technical users and API keys, movers: run in one
    Odoo process that opens both databases (see ``_configure_in_odoo``)."""
    spec = [d.__dict__ for d in dists]
    log_path = Path(log_dir) / "two-districts-configure.log"
    with open(log_path, "a", encoding="utf-8") as log:
        done = subprocess.run(
            [
                PYTHON,
                str(Path(__file__).resolve()),
                "_configure",
                "--data-dir",
                str(data_dir),
                json.dumps(spec),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"configuring the peers failed, see {log_path}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- inside Odoo (library mode, both databases in one process) ------------------


def _configure_in_odoo(spec, data_dir):
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(
        ["-c", str(ROOT / "odoo.conf"), "--data-dir", data_dir, "--log-level", "warn"],
        setup_logging=True,
    )
    dists = [District(**d) for d in spec]
    registries = {d.key: Registry(d.db) for d in dists}
    crs = {k: r.cursor() for k, r in registries.items()}
    envs = {k: odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}) for k, cr in crs.items()}
    movers, keys = {}, {}
    try:
        pairs = [(dists[0], dists[1]), (dists[1], dists[0])]
        for us, them in pairs:
            _peer(envs[us.key], them)
        for us, them in pairs:
            key = _peer_key(envs[us.key], envs[them.key], us, them)
            keys[them.key] = key  # what `them` calls `us` with (for the bench)
            movers[them.key] = _movers(envs[us.key], envs[them.key], us)
        for cr in crs.values():
            cr.commit()
    finally:
        for cr in crs.values():
            cr.close()
    return {"movers": movers, "api_keys": keys}


def _peer(env, peer_district):
    """Our peer record for ``peer_district`` (its URL may change per run)."""
    district = env["fl.district"]._lookup(peer_district.code)
    Peer = env["fl.transfer.peer"].with_context(active_test=False)
    values = {"base_url": peer_district.url, "enabled": True}
    peer = Peer.search([("district_id", "=", district.id)], limit=1)
    if peer:
        peer.write(values)
    else:
        peer = Peer.create({"district_id": district.id, **values})
    return peer


def _peer_key(us_env, them_env, us, them):
    """The API key ``them`` calls ``us`` with: the one stored at ``them``
    while it still opens our technical user's door, otherwise a new key of
    that user (``fl.transfer.peer._new_technical_user_key``, which creates the
    API-only user the first time) stored as their peer's ``api_key``."""
    ours = us_env["fl.transfer.peer"].search(
        [("district_id", "=", us_env["fl.district"]._lookup(them.code).id)]
    )
    theirs = them_env["fl.transfer.peer"].search(
        [("district_id", "=", them_env["fl.district"]._lookup(us.code).id)]
    )
    from odoo.addons.focus_transfers.models.transfer_peer import PEER_SCOPE

    Keys = us_env["res.users.apikeys"]
    key = theirs.api_key
    if not (
        key
        and ours.user_id
        and Keys._check_credentials(scope=PEER_SCOPE, key=key) == ours.user_id.id
    ):
        if ours.user_id:  # its old keys no longer serve: one key per peer
            Keys.search([("user_id", "=", ours.user_id.id)]).unlink()
        key = ours._new_technical_user_key()
        theirs.api_key = key
    return key


def _movers(sender_env, receiver_env, sender):
    """Students of ``sender`` enrolled at the receiver with Prior District =
    the sender (Add a Student), with the Florida student ID they carry."""
    prior = receiver_env["fl.district"]._lookup(sender.code)
    today = datetime.date.today()
    result = []
    for number in MOVERS:
        source = sender_env["fl.student"].search(
            [("local_student_id", "=", f"{sender.code}-{number}")], limit=1
        )
        if not source:
            continue
        student = receiver_env["fl.student"].search(
            [("florida_student_id", "=", source.florida_student_id)], limit=1
        )
        if not student:
            student = enroll_mover(receiver_env, source, prior, today)
        enrollment = student.enrollment_ids.filtered(
            lambda e, p=prior: e.prior_district_id == p
        )[:1]
        result.append(
            {
                "name": f"{student.first_name} {student.last_name}",
                "birthdate": str(student.birthdate),
                "florida_student_id": student.florida_student_id,
                "student_id": student.id,
                "enrollment_id": enrollment.id,
                "grade": student.grade_level_id.code or "",
            }
        )
    return result


def enroll_mover(receiver_env, source, prior, today, grade=None):
    """Enroll the sender's ``source`` student at the receiver the way a
    registrar does (Add a Student, Prior District = ``prior``) and give the
    new student the Florida student ID and sex they carry. Returns it."""
    grade = grade or source.grade_level_id.code
    wizard = receiver_env["fl.add.student.wizard"].create(
        {
            "first_name": source.first_name,
            "last_name": source.last_name,
            "birthdate": source.birthdate,
            "school_id": _school_for(receiver_env, grade).id,
            "school_year_id": receiver_env["fl.school.year"]._for_date(today).id,
            "grade_level_id": receiver_env["fl.grade.level"]._lookup(grade).id,
            "enrollment_date": today,
            "entry_code_id": receiver_env["fl.entry.code"]._lookup("E02").id,
            "prior_district_id": prior.id,
        }
    )
    action = wizard.action_enroll()  # the Enrollment Completed pop-up
    student = receiver_env[action["res_model"]].browse(action["res_id"]).student_id
    sex = receiver_env["fl.sex"]._lookup(source.sex_id.code, raise_if_missing=False)
    student.write({"florida_student_id": source.florida_student_id, "sex_id": sex.id})
    return student


def _school_for(env, grade):
    this = env.company.fl_district_id
    schools = env["fl.school"].search(
        [("district_id", "=", this.id), ("is_special", "=", False)], order="number"
    )
    level = env["fl.grade.level"]._lookup(grade)
    for school in schools:
        low, high = school.lowest_grade_level_id, school.highest_grade_level_id
        if (not low or low.sequence <= level.sequence) and (
            not high or high.sequence >= level.sequence
        ):
            return school
    return schools[:1]


# -- servers and JSON-RPC -------------------------------------------------------

# How every long-running server starts (scripts/run, the two-district demo,
# the e2e tier, the benches): in prefork mode, each request runs in one of
# WORKERS processes, and one past a limit below costs only that
# worker, which Odoo replaces; the server goes on for everyone else.
WORKERS = 2
MIB = 1024 * 1024
LIMITS = {
    # Virtual memory of one worker (about 370 MiB once the registry is
    # loaded): past the soft limit the worker is replaced after its request;
    # an allocation past the hard limit fails (MemoryError) in that request.
    "limit_memory_soft": 1024 * MIB,
    "limit_memory_hard": 1536 * MIB,
    # One request's CPU seconds and wall seconds: past either, its worker is
    # killed and replaced.
    "limit_time_cpu": 60,
    "limit_time_real": 120,
    # A cron job calls peer districts one after another (30 s each at most).
    "limit_time_real_cron": 300,
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_command(
    db, data_dir, http_port, gevent_port, cron=True, limits=None, extra=()
):
    """Odoo serving ``db`` on 127.0.0.1:``http_port`` (workers) and
    ``gevent_port`` (long-polling), with LIMITS (``limits`` overrides) and
    ``extra`` options."""
    options = []
    for name, value in {**LIMITS, **(limits or {})}.items():
        options += ["--" + name.replace("_", "-"), str(value)]
    return odoo_command(
        db,
        data_dir,
        "--http-port",
        str(http_port),
        "--gevent-port",
        str(gevent_port),
        "--no-database-list",
        "--workers",
        str(WORKERS),
        "--max-cron-threads",
        str(int(cron)),
        *options,
        *extra,
    )


class FrontDoor:
    """A server's address, what a reverse proxy is in front of Odoo's prefork
    mode: ``/websocket`` (the web client's bus) to Odoo's long-polling port,
    every other request to its workers. A connection is routed by its first
    request: Odoo's workers answer one request a connection."""

    HEAD_TIMEOUT = 30
    HEAD_LIMIT = 65536
    BAD_GATEWAY = (
        b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\n"
        b"Content-Length: 25\r\nConnection: close\r\n\r\nOdoo is not answering yet"
    )

    def __init__(self, port, http_port, gevent_port):
        self.port, self.http_port, self.gevent_port = port, http_port, gevent_port
        self._loop = asyncio.new_event_loop()
        self._stopped = None
        self._connections = set()
        self._ready = threading.Event()
        self._error = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._error:
            raise self._error

    def _run(self):
        self._loop.run_until_complete(self._serve())
        self._loop.close()

    async def _serve(self):
        self._stopped = asyncio.Event()
        try:
            server = await asyncio.start_server(
                self._handle, "127.0.0.1", self.port, limit=self.HEAD_LIMIT
            )
        except OSError as error:
            self._error = RuntimeError(f"port {self.port} is in use ({error})")
            self._ready.set()
            return
        self._ready.set()
        await self._stopped.wait()
        server.close()
        # Open connections (a websocket), and any accepted meanwhile, end here.
        while tasks := asyncio.all_tasks() - {asyncio.current_task()}:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        await server.wait_closed()

    async def _handle(self, reader, writer):
        # asyncio keeps only weak references to tasks: keep ours until done
        self._connections.add(asyncio.current_task())
        odoo_writer = None
        try:
            head = await asyncio.wait_for(
                reader.readuntil(b"\r\n\r\n"), self.HEAD_TIMEOUT
            )
            path = head.split(b" ", 2)[1] if head.count(b" ") >= 2 else b""
            websocket = path.split(b"?")[0].rstrip(b"/") == b"/websocket"
            port = self.gevent_port if websocket else self.http_port
            try:
                odoo_reader, odoo_writer = await asyncio.open_connection(
                    "127.0.0.1", port
                )
            except OSError:
                writer.write(self.BAD_GATEWAY)
                await writer.drain()
                return
            odoo_writer.write(head)
            request = asyncio.ensure_future(self._pipe(reader, odoo_writer))
            await self._pipe(odoo_reader, writer)  # until Odoo closes
            request.cancel()
        except (
            OSError,
            asyncio.TimeoutError,
            asyncio.IncompleteReadError,
            asyncio.LimitOverrunError,
        ):
            pass  # the client or Odoo went away: so does the connection
        finally:
            for stream in (odoo_writer, writer):
                if stream is not None:
                    stream.close()
            self._connections.discard(asyncio.current_task())

    @staticmethod
    async def _pipe(source, sink):
        """Copy until ``source`` ends, then end ``sink``'s writing side."""
        with contextlib.suppress(OSError):
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
            if sink.can_write_eof():
                sink.write_eof()

    def stop(self):
        if self._thread.is_alive() and self._stopped is not None:
            self._loop.call_soon_threadsafe(self._stopped.set)
        self._thread.join(timeout=10)


class Server:
    """One Odoo server for one district's database, on 127.0.0.1 at
    ``district.port`` (a FrontDoor to Odoo's own two ports). ``cron``: its
    cron workers (True: one); ``extra``: more Odoo options."""

    def __init__(
        self, district, data_dir, log_path=None, cron=True, limits=None, extra=()
    ):
        self.district = district
        self.db = district.db
        self.url = district.url
        self.log_path = log_path
        self._log = open(log_path, "w") if log_path else None  # noqa: SIM115
        http_port, gevent_port = free_port(), free_port()
        self.front = FrontDoor(district.port, http_port, gevent_port)
        cmd = server_command(
            district.db, data_dir, http_port, gevent_port, cron, limits, extra
        )
        # Its own session: a Ctrl-C in the terminal reaches only our process,
        # which then stops each server once, with SIGTERM (a clean shutdown).
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT if self._log else None,
            start_new_session=True,
        )

    def wait_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"odoo for {self.db} exited early"
                    + (f", see {self.log_path}" if self.log_path else "")
                )
            try:
                if requests.get(self.url + "/web/login", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"odoo for {self.db} not ready in {timeout}s")

    def stop(self, timeout=30):
        """SIGTERM: Odoo stops its workers and its long-polling process; what
        is left after ``timeout`` (a worker stuck in a request) is killed."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)  # its session
                self.proc.wait()
        self.front.stop()
        if self._log:
            self._log.close()
            self._log = None

    def rpc(self, model, method, *args, login=ADMIN, **kwargs):
        """``execute_kw`` over /jsonrpc as ``login`` (a user's own rights)."""
        return call_kw(self.url, self.db, login, model, method, list(args), kwargs)


class RpcError(Exception):
    """An error returned by Odoo over JSON-RPC (the user's message first)."""

    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name", "")
        self.message = data.get("message") or error.get("message", "")
        super().__init__(f"{self.name}: {self.message}")


_UIDS = {}


def jsonrpc(url, service, method, *args):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"service": service, "method": method, "args": args},
        "id": 1,
    }
    reply = requests.post(url + "/jsonrpc", json=payload, timeout=60).json()
    if "error" in reply:
        raise RpcError(reply["error"])
    return reply["result"]


def call_kw(url, db, login, model, method, args, kwargs=None):
    user, password = login
    uid = _UIDS.get((url, db, user))
    if not uid:
        uid = jsonrpc(url, "common", "login", db, user, password)
        if not uid:
            raise RuntimeError(f"cannot log in to {db} as {user}")
        _UIDS[url, db, user] = uid
    return jsonrpc(
        url,
        "object",
        "execute_kw",
        db,
        uid,
        password,
        model,
        method,
        args,
        kwargs or {},
    )


def submit(server, enrollment_id, login=ADMIN):
    """Submit Focus Transfer Request on an enrollment, as the button does."""
    return server.rpc(
        "fl.enrollment", "action_submit_transfer_request", [enrollment_id], login=login
    )


def seed_requests(servers, movers):
    """Two pending requests each way, through the real peer API; only for
    movers without a request yet (idempotent)."""
    count = 0
    for server in servers:
        for mover in movers.get(server.district.key, [])[:SUBMITTED]:
            exists = server.rpc(
                "fl.transfer.request",
                "search_count",
                [
                    ("direction", "=", "outgoing"),
                    ("florida_student_id", "=", mover["florida_student_id"]),
                ],
            )
            if not exists:
                submit(server, mover["enrollment_id"])
                count += 1
    return count


# -- the demo -------------------------------------------------------------------


def instructions(dists, movers):
    col, suw = dists
    lines = [
        "",
        "Two districts are running (log in as admin / admin on each):",
        f"  {col.code} {col.name}: {col.url}/odoo   (database {col.db})",
        f"  {suw.code} {suw.name}: {suw.url}/odoo   (database {suw.db})",
        "",
        "What to click:",
    ]
    step = 1
    for receiver, sender in ((suw, col), (col, suw)):
        waiting = movers.get(receiver.key, [])[SUBMITTED:]
        for mover in waiting:
            lines.append(
                f"  {step}. In {receiver.name} ({receiver.url}): Students > Student"
                f" Info > {mover['name']} (born {mover['birthdate']}), Enrollment tab:"
                f" the enrollment with Prior District {sender.code} - {sender.name} >"
                " Submit Focus Transfer Request."
            )
            step += 1
        lines.append(
            f"  {step}. In {sender.name} ({sender.url}): Students > Focus Transfers >"
            " Incoming Requests: open a pending request > Approve (the student is"
            " withdrawn the day before with W3A, Transfer To = "
            f"{receiver.code} - {receiver.name}) or Deny with a reason."
        )
        step += 1
        lines.append(
            f"  {step}. Back in {receiver.name}: Students > Focus Transfers > Outgoing"
            " Requests: the request is Approved within seconds (the deciding"
            " district tells us; Check status reads it at once), with an activity"
            " for the registrar who asked;"
            " on the student, Primary Info > Import data previews and imports the"
            f" records from {sender.name}."
        )
        step += 1
    lines += [
        "  Cancel: Outgoing Requests > a pending request > Cancel Request.",
        "  Disclosures: the sending district's student shows what was released.",
        "",
        "Stop both servers with Ctrl-C.",
    ]
    return "\n".join(lines)


def supervise(start, ready, who="two-districts"):
    """Start servers (``start()`` returns them), wait until they answer, call
    ``ready(servers)``, then run until Ctrl-C or SIGTERM (0: each server gets
    one SIGTERM, a clean shutdown) or until a server stops by itself (1)."""
    servers = []
    stopping = []

    def stop(*_):
        if stopping:
            return
        stopping.append(True)
        print(f"[{who}] stopping", flush=True)
        for server in servers:
            server.stop()

    def on_signal(signum, _frame):
        stop()
        sys.exit(0)

    # Ctrl-C (SIGINT) and SIGTERM alike (set explicitly: a shell may start us
    # with SIGINT ignored).
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        servers.extend(start())
        for server in servers:
            server.wait_ready()
        ready(servers)
        while all(s.proc.poll() is None for s in servers):
            time.sleep(0.5)
        print(f"[{who}] Odoo stopped by itself: see its log", flush=True)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop()


def run(args):
    dists = districts()
    data_dir = ROOT / "var" / "data"
    log_dir = ROOT / "var" / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    for district in dists:
        try:
            requests.get(district.url, timeout=1)
        except requests.ConnectionError:
            continue
        raise SystemExit(
            f"[two-districts] ERROR: port {district.port} is in use: stop what "
            f"listens on {district.url} first."
        )
    created = ensure_databases(dists, data_dir, log_dir, reset=args.reset)
    info = configure(dists, data_dir, log_dir)

    def start():
        return [Server(d, data_dir, log_dir / f"{d.db}.log") for d in dists]

    def ready(servers):
        try:
            seeded = seed_requests(servers, info["movers"])
        except RpcError as error:
            say(f"could not submit the demo requests: {error}")
        else:
            if seeded or created:
                say(f"{seeded} pending request(s) submitted between the districts")
        print(instructions(dists, info["movers"]), flush=True)
        say(f"server logs: {log_dir}/{dists[0].db}.log, {dists[1].db}.log")

    return supervise(start, ready)


def serve(args):
    """One server for one database (scripts/run), its log on our output."""
    district = District("", "", "", args.db, args.port)
    return supervise(
        lambda: [Server(district, args.data_dir)], lambda servers: None, who="run"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("run", "setup"):
        cmd = sub.add_parser(name)
        cmd.add_argument("--reset", action="store_true", help="re-create the DBs")
    one = sub.add_parser("serve", help="one server for one database (scripts/run)")
    one.add_argument("db")
    one.add_argument("port", type=int)
    one.add_argument("data_dir")
    hidden = sub.add_parser("_configure")
    hidden.add_argument("--data-dir", required=True)
    hidden.add_argument("spec")
    args = parser.parse_args(argv)
    if args.command == "_configure":
        print(json.dumps(_configure_in_odoo(json.loads(args.spec), args.data_dir)))
        return 0
    if args.command == "setup":
        dists = districts()
        ensure_databases(dists, ROOT / "var/data", ROOT / "var/log", args.reset)
        configure(dists, ROOT / "var/data", ROOT / "var/log")
        return 0
    try:
        return serve(args) if args.command == "serve" else run(args)
    except RuntimeError as error:
        who = "run" if args.command == "serve" else "two-districts"
        print(f"[{who}] ERROR: {error}", flush=True)
        return 2


if __name__ == "__main__":
    sys.exit(main())
