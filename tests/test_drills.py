"""The quick fault drills of `make drill` (README: "Deploying"), on the
end-to-end database: a worker past limit_memory_soft, and the cron node
killed in the middle of pool recycling and of the facts rebuild. They run
after every other end-to-end test (conftest.py), since recycling returns
every due customer of the database to its pool."""
import contextlib
import re
import subprocess
import threading

import psutil
import pytest
import requests

from conftest import ROOT, _free_port, start_server, wait_until_up

pytestmark = pytest.mark.drill


def cron_drill(database, drill):
    result = subprocess.run(
        ["bash", "-c", f'source "{ROOT}/scripts/common.sh" && exec "$PYTHON" "{ROOT}/scripts/cron_drill.py" '
                       f'"$ODOO_CONF" {database} {drill}'],
        capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    return result.stdout


def test_cron_node_killed_in_the_middle_of_recycling(database):
    output = cron_drill(database, "recycle")
    assert "the cron node killed while its job waited to write dealer_owner_log" in output
    assert "ok: nothing half-written: 0 of 60 customers in the pool, 0 log rows" in output
    assert "ok: the next run recycled each of the 60 customers once: 60 in the pool, 60 log rows" in output


def test_cron_node_killed_in_the_middle_of_the_facts_rebuild(database):
    output = cron_drill(database, "rebuild")
    assert "the cron node killed while its job waited to write dealer_sales_summary" in output
    assert "ok: nothing half-written: the facts are those before the run" in output
    assert "ok: the next run's facts equal a rebuild" in output


@contextlib.contextmanager
def prefork_server(database, log, *options):
    """A server of 2 HTTP workers, as the production nodes run, stopped at the end."""
    process, url = start_server(database, log, "--workers", "2", "--gevent-port", str(_free_port()), *options)
    try:
        wait_until_up(process, url, log)
        yield process, url
    finally:
        process.terminate()
        process.wait(timeout=60)


def test_worker_past_its_memory_limit_is_replaced_and_no_request_lost(database, tmp_path):
    """limit_memory_soft 1 MB above an idle worker's virtual memory: a worker
    passes it within its first requests, finishes the request it holds, and
    the master replaces it, while 3 clients go on calling."""
    with prefork_server(database, tmp_path / "idle.log") as (process, _url):
        idle = min(worker.memory_info().vms for worker in psutil.Process(process.pid).children()
                   if "gevent" not in worker.cmdline())
    log = tmp_path / "limited.log"
    with prefork_server(database, log, "--limit-memory-soft", str(idle + 2**20)) as (process, url):
        login = requests.post(f"{url}/web/session/authenticate", headers={"Connection": "close"}, json={
            "jsonrpc": "2.0", "params": {"db": database, "login": "zhangwei", "password": "zhangwei"}}, timeout=60)
        answers, errors = [], []

        def client():
            for _index in range(10):
                try:
                    # A new connection each time, as behind nginx: a worker checks its memory between connections.
                    response = requests.post(
                        f"{url}/web/dataset/call_kw/res.partner/search_count", cookies=login.cookies, timeout=60,
                        headers={"Connection": "close"}, json={"jsonrpc": "2.0", "params": {
                            "model": "res.partner", "method": "search_count",
                            "args": [[("is_dealer", "=", True)]], "kwargs": {}}})
                    answers.append(response.json()["result"])
                except Exception as error:  # noqa: BLE001 - a lost request, whatever its kind
                    errors.append(repr(error))

        clients = [threading.Thread(target=client) for _index in range(3)]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
    replaced = set(re.findall(r"Worker \((\d+)\) virtual memory limit", log.read_text()))
    assert not errors, errors
    assert len(answers) == 30 and len(set(answers)) == 1 and answers[0] > 0, answers
    assert len(replaced) >= 5, f"{len(replaced)} workers replaced"
