# Run inside `odoo-bin shell` (bench/run.sh). The public pool at 10k, 100k
# and 1M dealer customers (POOL_BENCH_SIZES narrows them):
#  - the daily recycling, 10% of the owned customers due and 2% warned:
#    forecast, owner cleared on customers and contacts, a log row each,
#    warning activities; median of 3 runs (one at 1M), next to the floor:
#    one UPDATE of the due rows' owner;
#  - one claim (daily limit, reclaim cooldown and customer cap checked, row
#    locks, log): median of 20.
# Customers are inserted with SQL (the import's own path costs 15 minutes at
# 1M): 100 salespeople, 4 regions in 2 pools, one customer in 50 in a pool,
# a third with a confirmed order, follow-up dates spread over 70 days; then
# VACUUM ANALYZE, as autovacuum would.
import os
import statistics
import subprocess
import time
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user
from odoo.tools import SQL

env = env(context={"tracking_disable": True})
salespeople = [
    new_test_user(env, f"pool_bench_{i}", groups="base.group_user,dealer_crm.group_dealer_salesperson",
                  tz="Asia/Shanghai")
    for i in range(100)
]
Region = env["dealer.region"]
east, north = Region.create({"name": "华东区"}), Region.create({"name": "华北区"})
regions = [Region.create({"name": name, "parent_id": parent.id})
           for name, parent in (("上海", east), ("江苏", east), ("北京", north), ("天津", north))]
pools = env["dealer.pool"].create([
    {"name": "华东公海", "region_ids": [(6, 0, east.ids)], "daily_claim_limit": 1000, "warning_days": 3},
    {"name": "华北公海", "region_ids": [(6, 0, north.ids)], "daily_claim_limit": 1000, "warning_days": 3},
])
pools.with_context(active_test=False).rule_ids.filtered(lambda rule: rule.rule_type == "no_followup").write(
    {"active": True, "days": 30, "days_a": 60},
)
pools.with_context(active_test=False).rule_ids.filtered(lambda rule: rule.rule_type == "no_order").write(
    {"active": True, "days": 180, "exempt_open_orders": False},
)
product = env["product.product"].create({"name": "不锈钢合页"})
env.cr.commit()
now = fields.Datetime.now()
user_ids = [user.id for user in salespeople]
region_ids = [region.id for region in regions]


def populate(total):
    """Dealer customers up to ``total``: one in 50 in a pool, the others
    owned, with follow-up dates: 10% past 30 days, 3% in the 3 days before."""
    [[current]] = env.execute_query(SQL("SELECT COUNT(*) FROM res_partner WHERE is_dealer AND is_company"))
    if current >= total:
        return
    [[last_id]] = env.execute_query(SQL("SELECT COALESCE(MAX(id), 0) FROM res_partner"))
    env.cr.execute(SQL(
        """
        WITH rows AS (
            SELECT nextval('res_partner_id_seq') AS id, n FROM generate_series(%(start)s, %(end)s - 1) n
        )
        INSERT INTO res_partner (id, commercial_partner_id, name, complete_name, is_company, is_dealer, active,
                                 type, autopost_bills, user_id, pool_id, in_pool, dealer_region_id,
                                 dealer_importance, dealer_owner_since, last_followup_date,
                                 create_date, write_date, create_uid, write_uid)
        SELECT id, id, '经销商' || n, '经销商' || n, TRUE, TRUE, TRUE, 'contact', 'ask',
               CASE WHEN n %% 50 <> 49 THEN (%(users)s::int[])[1 + n %% 100] END,
               CASE WHEN n %% 50 = 49 THEN (%(pools)s::int[])[1 + (n / 7) %% 4 / 2] END, n %% 50 = 49,
               (%(regions)s::int[])[1 + (n / 7) %% 4], (ARRAY['0', '1', '2', '3'])[1 + n %% 4],
               %(now)s - interval '100 days',
               -- 10%% of the customers last followed up 61 to 70 days ago, 3%% 27 to 29 days ago
               CASE WHEN n %% 100 < 10 THEN %(now)s - ((61 + n %% 10) || ' days')::interval
                    WHEN n %% 100 < 13 THEN %(now)s - ((27 + n %% 3) || ' days')::interval
                    ELSE %(now)s - ((n %% 25) || ' days')::interval END,
               %(now)s - interval '100 days', %(now)s, 1, 1
          FROM rows
        """,
        start=current, end=total, users=user_ids, pools=pools.ids, regions=region_ids, now=now,
    ))
    # A confirmed order for a third of the new customers, 20 to 140 days old (new: after ``last_id``; an
    # anti-join on sale_order, planned on the empty table's statistics, rescans the rows inserted so far).
    env.cr.execute(SQL(
        """
        INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id, company_id, state,
                                date_order, invoice_status, picking_policy, user_id, create_date, write_date,
                                create_uid, write_uid)
        SELECT 'BENCH' || p.id, p.id, p.id, p.id, %(company)s, 'sale',
               %(now)s - ((20 + p.id %% 120) || ' days')::interval, 'invoiced', 'direct', p.user_id, %(now)s,
               %(now)s, 1, 1
          FROM res_partner p
         WHERE p.id > %(last_id)s AND p.is_dealer AND p.is_company AND p.id %% 3 = 0
        """,
        company=env.company.id, now=now, last_id=last_id,
    ))
    env.cr.commit()
    # What autovacuum does after such an insert, at once rather than at some point during the timings:
    # statistics, and the visibility map that lets a count read an index alone.
    subprocess.run(["vacuumdb", "--quiet", "--analyze", *(f"--table={table}" for table in (
        "res_partner", "sale_order", "res_users", "dealer_pool", "dealer_pool_rule")), env.cr.dbname], check=True)
    env.invalidate_all()


def median_ms(function, runs):
    timings = []
    for _ in range(runs):
        savepoint = env.cr.savepoint()
        env.invalidate_all()
        start = time.perf_counter()
        result = function()
        env.flush_all()
        timings.append((time.perf_counter() - start) * 1000)
        savepoint.rollback()
        env.invalidate_all()
    return statistics.median(timings), result


def floor_update():
    env.cr.execute(SQL(
        """UPDATE res_partner SET user_id = NULL, pool_id = NULL, write_date = %s
            WHERE is_dealer AND is_company AND last_followup_date < %s""",
        now, now - timedelta(days=60),
    ))
    return env.cr.rowcount


for user in salespeople[:3]:
    user.dealer_customer_cap = 1_000_000
env.cr.commit()
recycle, claims = {}, {}
sizes = [int(size) for size in os.environ.get("POOL_BENCH_SIZES", "10000 100000 1000000").split()]
for total in sizes:
    populate(total)
    [[size]] = env.execute_query(SQL("SELECT COUNT(*) FROM res_partner WHERE is_dealer AND is_company"))
    runs = 3 if total <= 100_000 else 1
    recycle[total], (recycled, warned) = median_ms(lambda: env["dealer.pool"]._recycle(), runs)
    floor, due = median_ms(floor_update, runs)
    candidates = iter(env["res.partner"].search([("pool_id", "=", pools[0].id)], limit=20))
    claims[total], _result = median_ms(lambda: next(candidates).with_user(salespeople[1]).action_pool_claim(), 20)
    print(f"{size:>9,} customers: recycling {recycled:,} and warning {warned:,} in {recycle[total]:.0f} ms "
          f"(floor: one UPDATE of the {due:,} due rows {floor:.0f} ms, ×{recycle[total] / floor:.1f}); "
          f"one claim {claims[total]:.1f} ms")
for before, after in zip(sizes, sizes[1:]):
    print(f"growth {before:,} → {after:,} customers (×{after / before:.0f}): "
          f"recycling ×{recycle[after] / recycle[before]:.1f}, one claim ×{claims[after] / claims[before]:.2f}")
