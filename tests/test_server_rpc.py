"""The development server stays up when a request runs past Odoo's time limit.

In threaded mode (``workers = 0``, as ``make run`` serves), a request that
runs longer than ``limit_time_real`` makes Odoo reload the whole server:
``odoo/service/server.py`` re-executes itself with ``python`` as its first
argument, which the new interpreter looks up on ``PATH``. Outside the
virtualenv, that was a Python without Odoo's packages, and the server died
with ``ModuleNotFoundError``. ``scripts/common.sh`` puts the virtualenv first
on ``PATH`` for every script, this server included.

The slow request: a salesperson's ``res.bank.search_count`` while the test
holds an exclusive lock on the ``res_bank`` table, from its own database
connection. It is slow for exactly as long as the test holds the lock,
whatever the machine and the data; it reads a table that Dealer CRM never
uses (so nothing else waits on it), and it writes nothing, nor does the
test, which rolls its transaction back. A request slow by its own work would
either depend on the demo's size and the machine's speed, or be one this
issue removes (a read of ids that do not exist now costs a few queries).

Odoo checks its limits once a minute (``SLEEP_INTERVAL``), so the request
lasts up to about a minute before the server notices it; the test takes
about one and a half minutes.
"""
import contextlib
import subprocess
import threading
import time

import psycopg2
import pytest
import requests

from conftest import Client, start_server

LIMIT = 3  # seconds: --limit-time-real
# Odoo's check interval (60 s) + the limit + slack for a loaded machine.
NOTICE_TIMEOUT = 60 + LIMIT + 60
RESTART_TIMEOUT = 180


def _wait_for(what, condition, timeout, process=None, log=None):
    deadline = time.monotonic() + timeout
    while not condition():
        if process is not None and process.poll() is not None:
            pytest.fail(f"the Odoo server exited (code {process.returncode}) while waiting for {what}:\n"
                        f"{log.read_text(errors='replace')[-4000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} within {timeout} s:\n{log.read_text(errors='replace')[-4000:] if log else ''}")
        time.sleep(0.5)


def _count(log, text):
    return log.read_text(errors="replace").count(text)


def _healthy(url):
    try:
        return requests.get(f"{url}/web/health", timeout=5).ok
    except requests.RequestException:
        return False


@pytest.fixture
def limited_server(database, tmp_path):
    """An Odoo server of its own, threaded, with a real-time limit of
    ``LIMIT`` seconds, started as the other end-to-end servers are (through
    ``scripts/common.sh``); stopped at the end whatever happened."""
    log = tmp_path / "server.log"
    process, url = start_server(database, log, f"--limit-time-real {LIMIT}")
    try:
        # A request sent while the registry loads waits for it, and would
        # itself outlive the limit: nothing is sent before it is loaded.
        _wait_for("registry", lambda: _count(log, "Registry loaded in") == 1, 120, process, log)
        _wait_for("answer on /web/health", lambda: _healthy(url), 60, process, log)
        yield {"url": url, "db": database, "log": log, "process": process}
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


@contextlib.contextmanager
def _table_locked(database, table):
    """``table`` locked against any read, in a transaction of the test's own
    that changes nothing and is rolled back."""
    connection = psycopg2.connect(dbname=database)  # host, user, password: PG* from scripts/common.sh
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '10s'")
            cursor.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
            yield
    finally:
        connection.rollback()
        connection.close()


def test_a_request_past_the_time_limit_reloads_the_server_in_its_virtualenv(limited_server):
    server, log, process = limited_server, limited_server["log"], limited_server["process"]
    assert _count(log, "Odoo version") == 1
    zhang = Client(server, "zhangwei", "zhangwei")
    banks = zhang.call("res.bank", "search_count", [])

    outcome = {}

    def slow_request():
        started = time.monotonic()
        try:
            outcome["result"] = zhang.call("res.bank", "search_count", [])
        except Exception as error:  # noqa: BLE001 — the server may drop it while reloading
            outcome["error"] = error
        outcome["seconds"] = time.monotonic() - started

    with _table_locked(server["db"], "res_bank"):
        request = threading.Thread(target=slow_request, daemon=True)
        request.start()
        _wait_for("notice of the time limit", lambda: "virtual real time limit" in log.read_text(errors="replace"),
                  NOTICE_TIMEOUT, process, log)
    request.join(timeout=60)
    assert not request.is_alive(), "the slow request ends once the lock is released"
    assert outcome["seconds"] > LIMIT

    # The server reloads itself in the same process, and comes back.
    _wait_for("reloaded registry", lambda: _count(log, "Registry loaded in") == 2, RESTART_TIMEOUT, process, log)
    _wait_for("answer on /web/health after the reload", lambda: _healthy(server["url"]), 60, process, log)
    again = Client(server, "zhangwei", "zhangwei")
    assert again.uid == zhang.uid
    assert again.call("res.bank", "search_count", []) == banks
    assert again.call("res.users", "read", [again.uid], ["login"])[0]["login"] == "zhangwei"
    assert process.poll() is None, "the same process serves on"

    text = log.read_text(errors="replace")
    assert text.count("Odoo version") == 2, "one reload"
    assert "Initiating server reload" in text
    assert "ModuleNotFoundError" not in text
    assert "No module named" not in text
