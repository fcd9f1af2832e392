"""WeCom's callback against a live server (bench/run.sh runs it with
BENCH_DB set to a fresh database holding the addons):

- one callback at a time (verify, decrypt, store, answer), 500 times: p50,
  p95 and p99 latency, next to the floor, /web/health on the same server;
- 200 messages a second for 30 s from 32 connections: how many were
  accepted, how many stored (none lost, none twice), and how fast the
  processing queue drains behind them (each message a follow-up).

The server runs as a production node: 2 × cores + 1 HTTP workers (Odoo's
sizing, config/odoo-production.conf; WECOM_BENCH_WORKERS changes it) and a
cron worker.
Messages are encrypted before each run, so that the client's cost is HTTP
alone."""
import os
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg2
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from wecom_tools import crypto, fake_wecom  # noqa: E402

DB = os.environ["BENCH_DB"]
RATE, SECONDS, CONNECTIONS, SEQUENTIAL = 200, 30, 32, 500
WORKERS = int(os.environ.get("WECOM_BENCH_WORKERS") or 2 * os.cpu_count() + 1)

SETUP = f"""
from odoo.tests import new_test_user
env = env(context={{"tracking_disable": True}})
company = env.company
company.write({{
    "dealer_wecom_corp_id": {fake_wecom.CORP_ID!r}, "dealer_wecom_agent_id": {fake_wecom.AGENT_ID!r},
    "dealer_wecom_secret": {fake_wecom.SECRET!r}, "dealer_wecom_token": {fake_wecom.TOKEN!r},
    "dealer_wecom_aes_key": {fake_wecom.AES_KEY!r}, "dealer_wecom_api_url": {{api_url!r}},
}})
for number in range(20):
    user = new_test_user(env, f"wecom_bench_{{number}}", groups="base.group_user,dealer_crm.group_dealer_salesperson",
                         tz="Asia/Shanghai")
    user.dealer_wecom_userid = f"member{{number}}"
    env["res.partner"].create([{{"name": f"五金商行{{number}}-{{index}}", "is_company": True, "is_dealer": True,
                                 "user_id": user.id, "dealer_code": f"WB{{number:02d}}{{index:03d}}"}}
                                for index in range(50)])
env.cr.commit()
"""


def psql(query):
    with psycopg2.connect(dbname=DB, host=os.environ.get("PGHOST"), port=os.environ.get("PGPORT"),
                          user=os.environ.get("PGUSER"), password=os.environ.get("PGPASSWORD")) as connection:
        with connection.cursor() as cursor:
            cursor.execute(query)
            return cursor.fetchall()


def odoo(*args, command=()):
    return [sys.executable, os.environ["ODOO_BIN"], *command, "-c", os.environ["ODOO_CONF"], "-d", DB, *args]


class Sender:
    """Callbacks as WeCom posts them, encrypted ahead."""

    def __init__(self, url):
        self.url = url
        self.counter = 0

    def prepare(self, count):
        bodies = []
        for _index in range(count):
            self.counter += 1
            member = self.counter % 20
            xml = fake_wecom.message_xml(
                f"member{member}", "text", msg_id=str(8_000_000_000 + self.counter),
                Content=f"WB{member:02d}{self.counter % 50:03d} 客户要求下周三回访，关注返利",
            )
            bodies.append(fake_wecom.callback_request(crypto.encrypt, crypto.signature, xml))
        return bodies


def post(session, url, params, body):
    started = time.perf_counter()
    response = session.post(url, params=params, data=body, timeout=30)
    return response.status_code, time.perf_counter() - started


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def start_server(port, cron_threads, log):
    server = subprocess.Popen(odoo("--http-port", str(port), "--workers", str(WORKERS),
                                   "--max-cron-threads", str(cron_threads), "--limit-time-real", "600",
                                   "--db-filter", f"^{DB}$", "--log-level=warn"),
                              stdout=log, stderr=subprocess.STDOUT)
    for _attempt in range(240):
        try:
            if requests.get(f"http://127.0.0.1:{port}/web/health", timeout=2).ok:
                return server
        except requests.RequestException:
            time.sleep(0.5)
    raise RuntimeError("the server did not start")


def stop_server(server):
    server.terminate()
    server.wait(timeout=60)


def one_at_a_time(base, url, sender):
    """Latency of single callbacks, the cron worker off (in production it runs on a node of its own)."""
    session = requests.Session()
    for params, body in sender.prepare(20):
        post(session, url, params, body)
    floor = []
    for _index in range(SEQUENTIAL):
        started = time.perf_counter()
        session.get(f"{base}/web/health", timeout=30)
        floor.append(time.perf_counter() - started)
    latencies = []
    for params, body in sender.prepare(SEQUENTIAL):
        status, elapsed = post(session, url, params, body)
        assert status == 200, status
        latencies.append(elapsed)
    print(f"callback, one at a time ({SEQUENTIAL}): p50 {statistics.median(latencies) * 1000:.1f} ms, "
          f"p95 {percentile(latencies, 0.95) * 1000:.1f} ms, p99 {percentile(latencies, 0.99) * 1000:.1f} ms; "
          f"floor (/web/health, an Odoo request that does nothing) p50 {statistics.median(floor) * 1000:.1f} ms, "
          f"p95 {percentile(floor, 0.95) * 1000:.1f} ms")


def under_load(url, sender):
    """RATE messages a second for SECONDS seconds, the cron worker processing behind."""
    [(stored_before,)] = psql("SELECT count(*) FROM dealer_wecom_message")
    bodies = sender.prepare(RATE * SECONDS)
    sessions = threading.local()
    results = []

    def send(item):
        if not hasattr(sessions, "session"):
            sessions.session = requests.Session()
        results.append(post(sessions.session, url, *item))

    started = time.perf_counter()
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        for index, item in enumerate(bodies):
            delay = started + index / RATE - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(send, item)
        submitted = time.perf_counter() - started
    answered = time.perf_counter() - started
    accepted = [elapsed for status, elapsed in results if status == 200]
    [(stored_after,)] = psql("SELECT count(*) FROM dealer_wecom_message")
    [(pending,)] = psql("SELECT count(*) FROM dealer_wecom_message WHERE state IN ('received', 'retry')")
    print(f"{RATE}/s for {SECONDS} s: {len(results)} offered in {submitted:.1f} s, all answered after {answered:.1f} s "
          f"({len(results) / answered:.0f}/s), {len(accepted)} accepted, {stored_after - stored_before} stored, "
          f"{len(results) - len(accepted)} refused or failed; "
          f"latency p50 {statistics.median(accepted) * 1000:.0f} ms, p95 {percentile(accepted, 0.95) * 1000:.0f} ms")
    drain_started, left = time.perf_counter(), pending
    while left and time.perf_counter() - drain_started < 1800:
        time.sleep(5)
        [(left,)] = psql("SELECT count(*) FROM dealer_wecom_message WHERE state IN ('received', 'retry')")
    drained = time.perf_counter() - drain_started
    [(followups,)] = psql("SELECT count(*) FROM dealer_followup WHERE method = 'wecom'")
    [(states,)] = psql("SELECT string_agg(state || ' ' || n, ', ') FROM "
                       "(SELECT state, count(*) n FROM dealer_wecom_message GROUP BY state) s")
    print(f"queue: {pending} waiting when the load stopped, drained in {drained:.0f} s "
          f"({pending / max(drained, 1):.1f} messages/s by one cron worker, each a follow-up and a reply); "
          f"{left} left; messages {states}; {followups} follow-ups from WeCom")


def main():
    fake = fake_wecom.FakeWeCom().start()
    subprocess.run(odoo("--no-http", "--log-level=warn", command=("shell",)),
                   input=SETUP.replace("{api_url!r}", repr(fake.url)), text=True, check=True, capture_output=True)
    [(company_id,)] = psql("SELECT id FROM res_company ORDER BY id LIMIT 1")
    port = 18000 + os.getpid() % 1000
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/dealer_crm/wecom/callback/{company_id}"
    sender = Sender(url)
    with open(f"/tmp/wecom_bench_{os.getpid()}.log", "w") as log:
        try:
            server = start_server(port, 0, log)
            one_at_a_time(base, url, sender)
            stop_server(server)
            server = start_server(port, 1, log)
            under_load(url, sender)
        finally:
            stop_server(server)
            fake.stop()


main()
