"""End-to-end tests: a real Odoo server on a loopback port, with a fresh demo
database, driven over JSON-RPC as the web and mobile clients do.

Set DEALER_CRM_E2E_DB to an existing demo database to skip creating one
(it is then neither modified beyond what the tests write, nor dropped;
the drills of test_drills.py, run last, also recycle its due customers
and rebuild its sales facts).
"""
import json
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"


def pytest_configure(config):
    config.addinivalue_line("markers", "drill: a fault drill, which disturbs the database (run after the others)")


def pytest_collection_modifyitems(items):
    """The drills last: recycling returns every due customer of the
    database to its pool, which the other tests do not expect."""
    items.sort(key=lambda item: item.get_closest_marker("drill") is not None)


def _bash(command, **kwargs):
    return subprocess.run(
        ["bash", "-c", f'source "{SCRIPTS}/common.sh" && {command}'], cwd=ROOT, **kwargs,
    )


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def database():
    existing = os.environ.get("DEALER_CRM_E2E_DB")
    if existing:
        yield existing
        return
    name = f"dealer_crm_e2e_{os.getpid()}"
    _bash(f'bash "{SCRIPTS}/create-demo-db.sh" {name}', check=True)
    yield name
    _bash(f"dropdb --if-exists {name}")


def start_server(database, log, *options):
    """An Odoo server on a free loopback port, threaded and without crons,
    started through ``scripts/common.sh`` as ``make run`` starts it, with
    its output in ``log``: the process and its URL."""
    port = _free_port()
    with open(log, "wb") as output:
        process = subprocess.Popen(
            ["bash", "-c", f'source "{SCRIPTS}/common.sh" && exec "$PYTHON" "$ODOO_BIN" -c "$ODOO_CONF" '
                           f'-d {database} --db-filter "^{database}$" --http-interface 127.0.0.1 '
                           f'--http-port {port} --max-cron-threads 0 --workers 0 {" ".join(options)}'],
            cwd=ROOT, stdout=output, stderr=subprocess.STDOUT,
        )
    return process, f"http://127.0.0.1:{port}"


def wait_until_up(process, url, log):
    """Waits up to 2 minutes for the server of ``start_server`` to answer."""
    deadline = time.monotonic() + 120
    while True:
        try:
            if requests.get(f"{url}/web/health", timeout=5).ok:
                return
        except requests.RequestException:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the Odoo server did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)


@pytest.fixture(scope="session")
def server(database, tmp_path_factory):
    log = tmp_path_factory.mktemp("odoo") / "server.log"
    process, url = start_server(database, log)
    wait_until_up(process, url, log)
    yield {"url": url, "db": database, "log": log}
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


class RpcError(Exception):
    def __init__(self, error):
        super().__init__(error.get("data", {}).get("message") or error.get("message"))
        self.name = error.get("data", {}).get("name", "")
        self.message = str(self)


class Client:
    """A logged-in user, calling models as the web client does."""

    def __init__(self, server, login, password):
        self.url = server["url"]
        self.session = requests.Session()
        result = self._post("/web/session/authenticate", {"db": server["db"], "login": login, "password": password})
        self.uid = result["uid"]
        self.context = result["user_context"]

    def _post(self, path, params):
        # As a browser's JSON.stringify would not, but any client can: NaN and Infinity pass.
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}, allow_nan=True)
        response = self.session.post(
            f"{self.url}{path}", data=body, headers={"Content-Type": "application/json"}, timeout=120,
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise RpcError(body["error"])
        return body["result"]

    def session_info(self):
        """What the web client starts with (its home action among others)."""
        return self._post("/web/session/get_session_info", {})

    def call(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", self.context)
        return self._post(f"/web/dataset/call_kw/{model}/{method}",
                          {"model": model, "method": method, "args": list(args), "kwargs": kwargs})


@pytest.fixture(scope="session")
def login(server):
    clients = {}

    def _login(name, password=None):
        if name not in clients:
            clients[name] = Client(server, name, password or name)
        return clients[name]

    return _login
