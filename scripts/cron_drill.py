"""Fault drills of the cron node (README: "Deploying"; run by `make drill`
and by tests/test_drills.py):

    cron_drill.py CONFIG DB recycle|rebuild

starts a cron node on DB (Odoo with CONFIG, no HTTP, one cron thread, in a
process group of its own), lets it start a job, kills it with SIGKILL in
the middle of the job's transaction, checks that nothing is half-written,
starts it again and checks that the next run completes the work:

- recycle: 60 customers of a drill pool, due for recycling, each returned to
  the pool exactly once, with one log row;
- rebuild: the nightly rebuild of the sales facts, which end equal to a
  rebuild computed afresh.

"In the middle" is made certain by a lock the drill holds on a table the
job writes to half-way (the ownership log; the monthly summary, after the
facts are deleted): the job waits there, and the drill kills the node as
soon as PostgreSQL shows it waiting. Prints what it saw; exits non-zero
when a check fails.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

import psycopg2

CUSTOMERS = 60
WAIT = 240
# Each drill's job, and the table and lock mode it is stopped at.
CRONS = {
    "recycle": ("dealer_crm_pool.ir_cron_dealer_pool_recycle", "dealer_owner_log", "SHARE"),
    "rebuild": ("dealer_crm_sale.ir_cron_dealer_sales_fact_rebuild", "dealer_sales_summary", "ACCESS EXCLUSIVE"),
}
ODOO_BIN = os.path.join(os.environ["DEALER_CRM_ODOO"], "odoo-bin")

SETUP_RECYCLE = f"""
import json
from datetime import timedelta
from odoo import Command, fields
from odoo.tests import new_test_user
env = env(context={{"tracking_disable": True}})
owner = env["res.users"].search([("login", "=", "drill_salesperson")]) or new_test_user(
    env, "drill_salesperson", groups="base.group_user,dealer_crm.group_dealer_salesperson", tz="Asia/Shanghai")
channel = env["dealer.channel"].search([("name", "=", "演练渠道")]) or env["dealer.channel"].create({{"name": "演练渠道"}})
pool = env["dealer.pool"].search([("name", "=", "演练公海")]) or env["dealer.pool"].create({{
    "name": "演练公海", "sequence": 0, "channel_ids": [Command.set(channel.ids)],
    "rule_ids": [Command.create({{"rule_type": "no_followup", "days": 30}})],
}})
customers = env["res.partner"].create([{{
    "name": f"演练客户{{index:02d}}", "is_company": True, "is_dealer": True, "user_id": owner.id,
    "dealer_channel_id": channel.id,
}} for index in range({CUSTOMERS})])
env.flush_all()
# Taken 40 days ago and never followed up since: due for the pool's 30-day rule.
env.cr.execute("UPDATE res_partner SET create_date = %s, dealer_owner_since = %s WHERE id = ANY(%s)",
               [fields.Datetime.now() - timedelta(days=40)] * 2 + [customers.ids])
env.cr.commit()
print("DRILL " + json.dumps(customers.ids))
"""

REBUILD_FACTS = """
import json
env["dealer.sales.fact"]._rebuild()
env.cr.execute(%r)
print("DRILL " + json.dumps(env.cr.fetchall()))
env.cr.rollback()
"""

# Each metric's totals in the facts and in their monthly summary, as text.
FACTS = """SELECT 'fact', metric, count(*)::text, sum(record_count)::text, round(sum(amount)::numeric, 2)::text,
                  round(sum(quantity)::numeric, 3)::text
             FROM dealer_sales_fact GROUP BY metric
            UNION ALL
           SELECT 'summary', metric, count(*)::text, sum(record_count)::text, round(sum(amount)::numeric, 2)::text,
                  round(sum(quantity)::numeric, 3)::text
             FROM dealer_sales_summary GROUP BY metric
         ORDER BY 1, 2"""


class Drill:
    def __init__(self, config, db):
        self.config, self.db = config, db
        self.connection = psycopg2.connect(dbname=db)
        self.connection.autocommit = True
        self.node = None
        self.failures = []
        descriptor, self.log = tempfile.mkstemp(prefix="cron-drill-", suffix=".log")
        os.close(descriptor)

    def query(self, sql, *params):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def shell(self, code):
        """What the Odoo shell ``code`` printed after "DRILL "."""
        result = subprocess.run(
            [sys.executable, ODOO_BIN, "shell", "-c", self.config, "-d", self.db, "--no-http", "--log-level=warn"],
            input=code, capture_output=True, text=True, check=True)
        return json.loads(next(line[6:] for line in result.stdout.splitlines() if line.startswith("DRILL ")))

    def check(self, condition, what):
        print(("  ok: " if condition else "  FAILED: ") + what, flush=True)
        if not condition:
            self.failures.append(what)

    def wait(self, what, probe):
        deadline = time.monotonic() + WAIT
        woken = 0
        while time.monotonic() < deadline:
            found = probe()
            if found:
                return found
            if self.node and self.node.poll() is None and time.monotonic() - woken > 2:
                self.wake()
                woken = time.monotonic()
            time.sleep(0.2)
        raise SystemExit(f"cron drill: waited {WAIT} s for {what}")

    def start_node(self):
        with open(self.log, "ab") as log:
            self.node = subprocess.Popen(
                [sys.executable, ODOO_BIN, "-c", self.config, "-d", self.db, "--db-filter", f"^{self.db}$",
                 "--no-http", "--workers", "0", "--max-cron-threads", "1", "--logfile", "", "--pidfile", "",
                 "--log-level", "info"],
                start_new_session=True, stdout=log, stderr=subprocess.STDOUT)

    def kill_node(self):
        os.killpg(self.node.pid, signal.SIGKILL)
        self.node.wait()

    def stop_node(self):
        os.killpg(self.node.pid, signal.SIGTERM)
        try:
            self.node.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.kill_node()

    def trigger(self, xmlid):
        """The job called now, as its schedule or a button would."""
        module, name = xmlid.split(".")
        [[cron_id]] = self.query("SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s", module, name)
        [[now]] = self.query("SELECT date_trunc('second', now() AT TIME ZONE 'UTC')")
        self.query("INSERT INTO ir_cron_trigger (cron_id, call_at) VALUES (%s, %s)", cron_id, now)
        return cron_id, now

    def wake(self):
        """Wakes the cron node as a trigger's commit does. A node still
        starting hears nothing, and looks by itself a minute after it
        started: it is woken again on each wait."""
        with psycopg2.connect(dbname="postgres") as connection, connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify('cron_trigger', %s)", [self.db])
        connection.close()

    def kill_in_the_middle(self, drill):
        """Starts the node, runs the drill's job until it waits on the
        drill's lock, kills the node there, then lets go of the lock and
        waits for PostgreSQL to end the orphaned transaction."""
        xmlid, table, mode = CRONS[drill]
        holder = psycopg2.connect(dbname=self.db)
        holder.cursor().execute(f"LOCK TABLE {table} IN {mode} MODE")
        self.start_node()
        self.trigger(xmlid)
        [[blocked]] = self.wait(f"the job to reach {table}", lambda: self.query(
            "SELECT pid FROM pg_locks WHERE relation = %s::regclass AND NOT granted", table))
        self.kill_node()
        print(f"  the cron node killed while its job waited to write {table} (backend {blocked})", flush=True)
        holder.rollback()
        holder.close()
        self.node = None
        self.wait("the killed job's transaction to end", lambda: not self.query(
            "SELECT 1 FROM pg_stat_activity WHERE pid = %s", blocked))

    def run_again(self, drill):
        """The next run, on a cron node started again: when it is over."""
        self.start_node()
        cron_id, called = self.trigger(CRONS[drill][0])
        self.wait("the next run to end", lambda: self.query(
            "SELECT 1 FROM ir_cron WHERE id = %s AND lastcall >= %s", cron_id, called))
        self.stop_node()

    def recycle(self):
        customers = self.shell(SETUP_RECYCLE)
        recycled_sql = """SELECT count(*) FILTER (WHERE p.pool_id IS NOT NULL AND p.user_id IS NULL),
                                 (SELECT count(*) FROM dealer_owner_log l
                                   WHERE l.partner_id = ANY(%s) AND l.action = 'recycle')
                            FROM res_partner p WHERE p.id = ANY(%s)"""
        self.kill_in_the_middle("recycle")
        [[in_pool, logged]] = self.query(recycled_sql, customers, customers)
        self.check(in_pool == 0 and logged == 0,
                   f"nothing half-written: {in_pool} of {CUSTOMERS} customers in the pool, {logged} log rows")
        self.run_again("recycle")
        [[in_pool, logged]] = self.query(recycled_sql, customers, customers)
        self.check(in_pool == CUSTOMERS and logged == CUSTOMERS,
                   f"the next run recycled each of the {CUSTOMERS} customers once: {in_pool} in the pool, "
                   f"{logged} log rows")

    def rebuild(self):
        before = self.query(FACTS)
        self.check(bool(before), f"the database has facts ({len(before)} metric totals)")
        self.kill_in_the_middle("rebuild")
        self.check(self.query(FACTS) == before, "nothing half-written: the facts are those before the run")
        self.run_again("rebuild")
        after = self.query(FACTS)
        afresh = [tuple(row) for row in self.shell(REBUILD_FACTS % FACTS)]
        self.check(after == afresh, f"the next run's facts equal a rebuild ({len(after)} metric totals)")


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in CRONS:
        raise SystemExit(__doc__)
    config, db, drill = sys.argv[1:]
    print(f"cron drill {drill} on {db}", flush=True)
    runner = Drill(config, db)
    try:
        getattr(runner, drill)()
    finally:
        if runner.node and runner.node.poll() is None:
            runner.kill_node()
    print(f"  the cron node's log: {runner.log}")
    raise SystemExit(1 if runner.failures else 0)


if __name__ == "__main__":
    main()
