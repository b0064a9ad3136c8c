"""One request past Odoo's limits costs its worker, never the server.

A server started as every server of this repository starts
(tools/two_districts.py ``Server``: prefork workers with LIMITS) serves a
probe addon made for these tests only (written to a temporary addons path and
loaded server-wide, never installed or shipped): a request that sleeps past
``limit_time_real``, spins past ``limit_time_cpu``, allocates past
``limit_memory_hard`` or keeps memory past ``limit_memory_soft``. Each time
the other worker answers other users while it runs, the master process lives
on, and the worker serving it is killed or replaced (or the request fails
alone). And ``scripts/run`` survives Odoo's own restart (SIGHUP).
"""

import os
import signal
import subprocess
import threading
import time

import psutil
import pytest
import requests
import two_districts as td  # on the path: conftest puts tools/ there
import websocket
from checklog import check_lines
from conftest import ROOT, free_port

# Short limits, so that the tests wait seconds; memory limits as shipped.
TEST_LIMITS = {"limit_time_real": 12, "limit_time_cpu": 3}
PROBE_MANIFEST = """{
    "name": "FL limits probe (e2e tests only)",
    "version": "18.0.1.0.0",
    "depends": ["web"],
    "license": "LGPL-3",
}
"""
PROBE_CONTROLLER = """
import mmap
import os
import time
from pathlib import Path

import psutil

from odoo import http
from odoo.service.server import memory_info
from odoo.tools import config

HERE = Path(__file__).parent
_kept = []


class LimitsProbe(http.Controller):
    def _started(self, what):
        (HERE / f"{what}.pid").write_text(str(os.getpid()))

    @http.route("/fl_limits_probe/pid", auth="none", type="http")
    def pid(self):
        return str(os.getpid())

    @http.route("/fl_limits_probe/sleep", auth="none", type="http")
    def sleep(self):
        self._started("sleep")
        time.sleep(600)
        return "slept"

    @http.route("/fl_limits_probe/spin", auth="none", type="http")
    def spin(self):
        self._started("spin")
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            pass
        return "spun"

    @http.route("/fl_limits_probe/allocate", auth="none", type="http")
    def allocate(self):
        block = bytearray(config["limit_memory_hard"])
        return str(len(block))

    @http.route("/fl_limits_probe/keep", auth="none", type="http")
    def keep(self):
        size = config["limit_memory_soft"] - memory_info(psutil.Process())
        _kept.append(mmap.mmap(-1, max(size, 0) + 64 * 1024 * 1024))
        return str(os.getpid())
"""
BOUND = 60  # seconds any wait below may take at most


@pytest.fixture(scope="module")
def probe_dir(tmp_path_factory):
    addons = tmp_path_factory.mktemp("probe_addons")
    module = addons / "fl_limits_probe"
    module.mkdir()
    (module / "__manifest__.py").write_text(PROBE_MANIFEST)
    (module / "__init__.py").write_text("from . import controllers\n")
    (module / "controllers.py").write_text(PROBE_CONTROLLER)
    return module


@pytest.fixture(scope="module")
def limited(test_db, logs_dir, probe_dir):
    data_dir = os.environ.get("FL_TEST_DATA_DIR", str(ROOT / "var" / "data"))
    district = td.District("limits", "", "", test_db, free_port())
    addons_path = f"{ROOT / 'addons'},{probe_dir.parent}"
    srv = td.Server(
        district,
        data_dir,
        logs_dir / "e2e-limits-server.log",
        cron=False,
        limits=TEST_LIMITS,
        extra=["--addons-path", addons_path, "--load", "base,web,fl_limits_probe"],
    )
    try:
        yield srv.wait_ready()
    finally:
        srv.stop()


def _get(server, path, timeout=10):
    return requests.get(server.url + path, timeout=timeout)


def _answers(server):
    """Another user's requests: the login page and JSON-RPC."""
    assert _get(server, "/web/login").status_code == 200
    reply = requests.post(
        server.url + "/web/webclient/version_info", json={}, timeout=10
    ).json()
    assert reply["result"]["server_serie"] == "18.0"
    return True


def _http_workers(server):
    children = psutil.Process(server.proc.pid).children()
    return {
        p.pid
        for p in children
        if p.status() != psutil.STATUS_ZOMBIE and "gevent" not in p.cmdline()
    }


def _wait(predicate, what):
    deadline = time.monotonic() + BOUND
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    pytest.fail(f"not within {BOUND}s: {what}")


def _gone(pid):
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _websocket_opens(port):
    """The web client's bus: /websocket, through the server's FrontDoor, to
    Odoo's long-polling process (101 Switching Protocols)."""
    session = requests.Session()
    session.get(f"http://127.0.0.1:{port}/web/login", timeout=10)
    try:
        socket = websocket.create_connection(
            f"ws://127.0.0.1:{port}/websocket",
            origin=f"http://127.0.0.1:{port}",
            cookie="; ".join(f"{k}={v}" for k, v in session.cookies.items()),
            timeout=10,
        )
    except (OSError, websocket.WebSocketException):
        return False
    socket.close()
    return True


def _past_limit(server, probe_dir, what):
    """Start the ``what`` probe in one worker; while it runs the server
    answers others; the probe's answer (or None: its worker was killed) and
    that worker's pid."""
    marker = probe_dir / f"{what}.pid"
    marker.unlink(missing_ok=True)
    outcome = {}

    def call():
        try:
            outcome["answer"] = _get(server, f"/fl_limits_probe/{what}", timeout=BOUND)
        except requests.RequestException as error:
            outcome["error"] = error

    caller = threading.Thread(target=call)
    caller.start()
    _wait(marker.exists, f"the {what} probe started")
    worker = int(marker.read_text())
    assert _answers(server)  # during: the other worker serves everyone else
    caller.join(BOUND)
    assert not caller.is_alive(), f"the {what} request was never ended"
    return outcome.get("answer"), worker


def test_request_past_time_limit_kills_only_its_worker(limited, probe_dir):
    answer, worker = _past_limit(limited, probe_dir, "sleep")
    assert answer is None or answer.status_code >= 500  # never "slept"
    _wait(lambda: _gone(worker), "the sleeping worker was killed")
    assert limited.proc.poll() is None  # the server itself lives on
    assert _answers(limited)
    _wait(lambda: len(_http_workers(limited)) == td.WORKERS, "a worker respawned")
    log = limited.log_path.read_text(encoding="utf-8")
    assert f"WorkerHTTP ({worker}) timeout after" in log


def test_request_past_cpu_limit_kills_only_its_worker(limited, probe_dir):
    answer, worker = _past_limit(limited, probe_dir, "spin")
    assert answer is None or answer.status_code >= 500  # never "spun"
    _wait(lambda: _gone(worker), "the spinning worker was stopped")
    assert limited.proc.poll() is None
    assert _answers(limited)
    _wait(lambda: len(_http_workers(limited)) == td.WORKERS, "a worker respawned")
    log = limited.log_path.read_text(encoding="utf-8")
    # its CPU limit, or its wall-time limit first on a busy machine
    assert (
        f"Worker ({worker}) CPU time limit" in log
        or f"WorkerHTTP ({worker}) timeout after" in log
    )


def test_allocation_past_hard_memory_limit_fails_alone(limited):
    workers = _http_workers(limited)
    assert len(workers) >= 2  # one for this request, another for the others
    answer = _get(limited, "/fl_limits_probe/allocate", timeout=BOUND)
    assert answer.status_code == 500  # a MemoryError in that request only
    assert limited.proc.poll() is None
    assert _answers(limited)
    assert _http_workers(limited) == workers  # no worker was lost for it
    log = limited.log_path.read_text(encoding="utf-8")
    assert "MemoryError" in log


def test_worker_past_soft_memory_limit_is_replaced(limited):
    answer = _get(limited, "/fl_limits_probe/keep", timeout=BOUND)
    assert answer.status_code == 200  # the request itself completes
    worker = int(answer.text)
    _wait(lambda: _gone(worker), "the worker past the soft limit was recycled")
    assert limited.proc.poll() is None
    assert _answers(limited)
    _wait(lambda: len(_http_workers(limited)) == td.WORKERS, "a worker respawned")
    log = limited.log_path.read_text(encoding="utf-8")
    assert f"Worker ({worker}) virtual memory limit" in log


def test_scripts_run_survives_odoo_restart(test_db, logs_dir):
    """SIGHUP is how Odoo restarts itself (Apps > Install, a limit reached in
    threaded mode): the server started by ``scripts/run`` comes back, long-
    polling process included; Ctrl-C's SIGTERM then stops it cleanly."""
    port = free_port()
    log_path = logs_dir / "e2e-scripts-run.log"
    env = {
        **os.environ,
        "FL_DEMO_DB": test_db,
        "FL_HTTP_PORT": str(port),
        "FL_DATA_DIR": os.environ.get("FL_TEST_DATA_DIR", str(ROOT / "var" / "data")),
    }
    url = f"http://127.0.0.1:{port}/web/login"

    def serving():
        try:
            return requests.get(url, timeout=5).status_code == 200
        except requests.RequestException:
            return False

    with open(log_path, "w", encoding="utf-8") as log:
        run = subprocess.Popen(
            [str(ROOT / "scripts" / "run")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    master = None
    try:
        _wait(serving, "scripts/run serving")
        [master] = psutil.Process(run.pid).children()  # Odoo (tools/odoo_bin.py)
        started = "HTTP service (werkzeug) running on"
        assert log_path.read_text(encoding="utf-8").count(started) == 1
        python = master.cmdline()[0]
        master.send_signal(signal.SIGHUP)  # what odoo.service.server.restart() does

        def restarted():
            text = log_path.read_text(encoding="utf-8")
            return text.count(started) == 2 and serving()

        _wait(restarted, "Odoo restarted by SIGHUP and serving again")
        assert master.is_running() and run.poll() is None  # the same server
        assert master.cmdline()[0] == python  # on the same Python (virtualenv)
        _wait(lambda: _websocket_opens(port), "the long-polling process restarted")
        run.send_signal(signal.SIGTERM)
        assert run.wait(BOUND) == 0
        assert not master.is_running()
        assert not serving()
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
        if master is not None and master.is_running():
            os.killpg(master.pid, signal.SIGKILL)  # Odoo: a session of its own
    text = log_path.read_text(encoding="utf-8")
    assert check_lines(text.splitlines()) == []
    assert "Traceback" not in text  # no Odoo process died on the way
