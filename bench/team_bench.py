# Run inside `odoo-bin shell` (bench/run.sh). Issue #6's two figures, at 10%
# and at 100% of the volume (TEAM_BENCH_SCALES narrows them):
#  - target actuals: 200 salespeople in 10 teams, 20 regions, 100k customers,
#    1M order lines (250k orders, a tenth cancelled, a fifth quotations) and
#    300k posted customer payments each registered for an invoice; 630
#    targets (every salesperson, team and region, 3 metrics): the actuals of
#    all of them, and the month-by-month pivot; median of 3;
#  - report statistics: one daily rule for everyone and 100k reports (500
#    days × 200 people, some late, some missing): the per-person, per-type
#    on time / late / missing counts; median of 3.
#  - the sales facts both read: their rebuild from the sources, what
#    keeping them current adds to a transaction's commit, and a check that
#    they equal the facts computed from the sources.
# Rows are inserted with SQL: the ORM's own path would take hours at 1M lines.
import os
import statistics
import time
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from bench_tools import without_jit

from odoo import fields
from odoo.tools import SQL

env = env(context={"tracking_disable": True})
company = env.company
now = fields.Datetime.now()
year = env.user._dealer_local_today().year
group = env.ref("dealer_crm.group_dealer_salesperson")
salespeople = env["res.users"].create([{
    "name": f"销售{i:03d}", "login": f"team_bench_{i}", "tz": "Asia/Shanghai",
    "group_ids": [(6, 0, (env.ref("base.group_user") | group).ids)],
} for i in range(200)])
teams = env["crm.team"].create([{
    "name": f"销售{i}组", "user_id": salespeople[i * 20].id,
    "member_ids": [(6, 0, salespeople[i * 20:(i + 1) * 20].ids)],
} for i in range(10)])
Region = env["dealer.region"]
tops = Region.create([{"name": name} for name in ("华东区", "华北区", "华南区", "西部区")])
regions = Region.create([{"name": f"{top.name}{i}", "parent_id": top.id} for top in tops for i in range(4)])
product = env["product.product"].create({"name": "不锈钢合页"})
journal = env["account.journal"].search([("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
env.cr.commit()
user_ids, region_ids = salespeople.ids, regions.ids


def count(table, where="TRUE"):
    [[rows]] = env.execute_query(SQL("SELECT COUNT(*) FROM %s WHERE %s", SQL.identifier(table), SQL(where)))
    return rows


def populate(scale):
    """Grow the data to ``scale`` of the full volume."""
    customers, orders, payments = int(100_000 * scale), int(250_000 * scale), int(300_000 * scale)
    start = count("res_partner", "is_dealer AND is_company")
    env.cr.execute(SQL(
        """
        WITH rows AS (SELECT nextval('res_partner_id_seq') AS id, n FROM generate_series(%(start)s, %(end)s - 1) n)
        INSERT INTO res_partner (id, commercial_partner_id, name, complete_name, is_company, is_dealer, active,
                                 type, autopost_bills, user_id, dealer_region_id, company_id,
                                 create_date, write_date, create_uid, write_uid)
        SELECT id, id, '经销商' || n, '经销商' || n, TRUE, TRUE, TRUE, 'contact', 'ask',
               (%(users)s::int[])[1 + n %% 200], (%(regions)s::int[])[1 + (n / 7) %% 16], %(company)s,
               make_date(%(year)s, 1, 1) + (n %% 330) * INTERVAL '1 day', %(now)s, 1, 1
          FROM rows
        """,
        start=start, end=customers, users=user_ids, regions=region_ids, company=company.id, year=year, now=now,
    ))
    # One customer in five changed hands during the year.
    env.cr.execute(SQL(
        """
        WITH transfer AS (
            INSERT INTO dealer_owner_log (partner_id, from_user_id, to_user_id, salesperson_id, action, user_id,
                                         date, company_id)
            SELECT p.id, p.user_id, (%(users)s::int[])[1 + (p.id + 7) %% 200],
                   (%(users)s::int[])[1 + (p.id + 7) %% 200], 'transfer', 1, p.create_date + INTERVAL '20 days',
                   %(company)s
              FROM res_partner p
             WHERE p.is_dealer AND p.is_company AND p.id %% 5 = 0
               AND NOT EXISTS (SELECT 1 FROM dealer_owner_log l WHERE l.partner_id = p.id)
         RETURNING partner_id, to_user_id
        )
        UPDATE res_partner SET user_id = transfer.to_user_id FROM transfer WHERE res_partner.id = transfer.partner_id
        """,
        users=user_ids, company=company.id,
    ))
    start = count("sale_order", "name LIKE 'TB%%'")
    env.cr.execute(SQL(
        """
        WITH customers AS (
            SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM res_partner WHERE is_dealer AND is_company
        ), rows AS (
            SELECT n, customers.id AS partner_id
              FROM generate_series(%(start)s, %(end)s - 1) n
              JOIN customers ON customers.k = (n::bigint * 7919) %% (SELECT COUNT(*) FROM customers)
        )
        INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id, company_id, state,
                                date_order, picking_policy, user_id, amount_untaxed, amount_tax, amount_total,
                                currency_rate, currency_id, create_date, write_date, create_uid, write_uid)
        SELECT 'TB' || n, r.partner_id, r.partner_id, r.partner_id, %(company)s,
               CASE WHEN n %% 10 = 0 THEN 'cancel' WHEN n %% 5 = 1 THEN 'draft' ELSE 'sale' END,
               make_date(%(year)s, 1, 1) + (n %% 360) * INTERVAL '1 day' + (n %% 24) * INTERVAL '1 hour', 'direct',
               p.user_id, 1000 + n %% 5000, 130 + n %% 650, 1130 + n %% 5650, 1, %(currency)s,
               make_date(%(year)s, 1, 1) + (n %% 360) * INTERVAL '1 day', %(now)s, 1, 1
          FROM rows r JOIN res_partner p ON p.id = r.partner_id
        """,
        start=start, end=orders, company=company.id, year=year, now=now, currency=company.currency_id.id,
    ))
    env.cr.execute(SQL(
        """
        INSERT INTO sale_order_line (order_id, name, product_id, product_uom_qty, price_unit, customer_lead,
                                     company_id, currency_id, order_partner_id, salesman_id, state,
                                     price_subtotal, price_total, create_date, write_date, create_uid, write_uid)
        SELECT o.id, '不锈钢合页', %(product)s, 10 + line, 25, 0, o.company_id, o.currency_id, o.partner_id,
               o.user_id, o.state, o.amount_untaxed / 4, o.amount_total / 4, o.create_date, o.write_date, 1, 1
          FROM sale_order o CROSS JOIN generate_series(1, 4) line
         WHERE o.name LIKE 'TB%%' AND NOT EXISTS (SELECT 1 FROM sale_order_line l WHERE l.order_id = o.id)
        """,
        product=product.id,
    ))
    start = count("account_move", "name LIKE 'TBINV/%%'")
    env.cr.execute(SQL(
        """
        WITH sold AS (
            SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM sale_order WHERE name LIKE 'TB%%' AND state = 'sale'
        ), rows AS (
            SELECT n, sold.id AS order_id
              FROM generate_series(%(start)s, %(end)s - 1) n
              JOIN sold ON sold.k = (n::bigint * 104729) %% (SELECT COUNT(*) FROM sold)
        )
        INSERT INTO account_move (name, journal_id, company_id, currency_id, state, move_type, auto_post, date,
                                  invoice_date, partner_id, commercial_partner_id, invoice_user_id,
                                  amount_total, amount_total_signed, create_date, write_date, create_uid, write_uid)
        SELECT 'TBINV/' || r.n, %(journal)s, o.company_id, o.currency_id, 'posted', 'out_invoice', 'no',
               o.date_order::date, o.date_order::date, o.partner_id, o.partner_id, o.user_id, o.amount_total,
               o.amount_total, %(now)s, %(now)s, 1, 1
          FROM rows r JOIN sale_order o ON o.id = r.order_id
        """,
        start=start, end=payments, journal=journal.id, now=now,
    ))
    # A payment for each invoice, 15 days later, registered for it.
    env.cr.execute(SQL(
        """
        INSERT INTO account_payment (journal_id, company_id, state, payment_type, partner_type, date, partner_id,
                                     amount, amount_company_currency_signed, currency_id, memo,
                                     create_date, write_date, create_uid, write_uid)
        SELECT %(journal)s, move.company_id, 'paid', 'inbound', 'customer',
               LEAST(move.date + 15, make_date(%(year)s, 12, 31)), move.partner_id, move.amount_total,
               move.amount_total, move.currency_id, move.name, %(now)s, %(now)s, 1, 1
          FROM account_move move
         WHERE move.name LIKE 'TBINV/%%' AND move.id > %(last)s
        """,
        journal=journal.id, year=year, now=now,
        last=env.execute_query(SQL("SELECT COALESCE(MAX(invoice_id), 0) FROM account_move__account_payment"))[0][0],
    ))
    env.cr.execute(SQL(
        """
        INSERT INTO account_move__account_payment (payment_id, invoice_id)
        SELECT payment.id, move.id
          FROM account_payment payment JOIN account_move move ON move.name = payment.memo
         WHERE payment.memo LIKE 'TBINV/%%'
           AND NOT EXISTS (SELECT 1 FROM account_move__account_payment paid WHERE paid.payment_id = payment.id)
        """,
    ))
    # 200k follow-ups over the year, each by the customer's owner.
    env.cr.execute(SQL(
        """
        INSERT INTO dealer_followup (partner_id, user_id, method, content, date, company_id,
                                     create_date, write_date, create_uid, write_uid)
        SELECT p.id, p.user_id, 'visit', '回访', make_date(%(year)s, 1, 1) + (n %% 330) * INTERVAL '1 day'
                                                 + (n %% 10) * INTERVAL '1 hour',
               p.company_id, %(now)s, %(now)s, 1, 1
          FROM generate_series(%(start)s, %(end)s - 1) n
          JOIN res_partner p ON p.id = (SELECT MIN(id) FROM res_partner WHERE is_dealer AND is_company)
                                       + (n::bigint * 7919) %% %(customers)s
         WHERE p.user_id IS NOT NULL
        """,
        start=count("dealer_followup"), end=int(200_000 * scale), year=year, now=now, customers=customers,
    ))
    env.cr.commit()
    for table in ("res_partner", "dealer_owner_log", "sale_order", "sale_order_line", "account_move",
                  "account_payment", "account_move__account_payment", "res_users", "crm_team_member",
                  "dealer_followup"):
        env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    # Rows inserted behind the ORM's back: the facts are rebuilt from them, as the nightly job does.
    start = time.perf_counter()
    env["dealer.sales.fact"]._rebuild()
    env.cr.commit()
    return (time.perf_counter() - start) * 1000


def populate_reports(days):
    """Daily reports for every salesperson over the last ``days`` days: one
    in ten late, one in twenty never written."""
    first = date.today() - timedelta(days=days)
    rule.date_start = first
    env.cr.execute(SQL(
        """
        INSERT INTO dealer_work_report (user_id, company_id, report_type, state, date, date_from, date_to,
                                        submitted_on, is_late, create_date, write_date, create_uid, write_uid)
        SELECT u.id, %(company)s, 'daily', 'submitted', d::date, d::date, d::date,
               d::date + CASE WHEN (u.id + d::date - %(first)s) %% 10 = 0 THEN INTERVAL '26 hours'
                              ELSE INTERVAL '10 hours' END,
               (u.id + d::date - %(first)s) %% 10 = 0, %(now)s, %(now)s, 1, 1
          FROM unnest(%(users)s::int[]) AS u(id),
               generate_series(%(first)s::date, CURRENT_DATE - 1, INTERVAL '1 day') AS d
         WHERE (u.id + d::date - %(first)s) %% 20 <> 7
        ON CONFLICT DO NOTHING
        """,
        company=company.id, first=first, users=user_ids, now=now,
    ))
    env.cr.commit()
    env.cr.execute(SQL("ANALYZE dealer_work_report"))


def median_ms(function, runs=3):
    timings = []
    for _ in range(runs):
        env.invalidate_all()
        start = time.perf_counter()
        result = function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), result


Target = env["dealer.target"]
targets = Target.create([
    {"target_type": "user", "user_id": user.id, "year": year, "metric": metric,
     **{f"month_{month:02d}": 100 for month in range(1, 13)}}
    for user in salespeople for metric in ("new_customers", "contract_amount", "payment_amount")
])
targets |= Target.create([
    {"target_type": "team", "team_id": team.id, "year": year, "metric": metric}
    for team in teams for metric in ("new_customers", "contract_amount", "payment_amount")
] + [
    {"target_type": "region", "region_id": region.id, "year": year, "metric": metric}
    for region in tops | regions for metric in ("new_customers", "contract_amount", "payment_amount")
])
rule = env["dealer.work.report.rule"].create({
    "name": "日报", "report_type": "daily", "team_ids": [(6, 0, teams.ids)], "skip_weekends": False,
    "date_start": date.today(),
})
env.cr.commit()


def actuals():
    totals = Target.browse(targets.ids).mapped("actual_total")
    return sum(totals)


def target_pivot():
    return env["dealer.target.report"]._read_group([("metric", "=", "contract_amount")], ["month:month"],
                                                   ["target_value:sum", "actual_value:sum"])


def report_statistics():
    return env["dealer.work.report.statistics"]._read_group(
        [], ["user_id", "report_type"], ["on_time_count:sum", "late_count:sum", "missing_count:sum"])


def one_change():
    """What keeping the facts current costs a transaction: one confirmed
    order's lines changed, one payment posted, one customer claimed."""
    order = env["sale.order"].search([("state", "=", "sale"), ("name", "=like", "TB%")], limit=1)
    payment = env["account.payment"].search([("state", "=", "paid")], limit=1)
    customer = env["res.partner"].search([("is_dealer", "=", True), ("is_company", "=", True)], limit=1)
    order.order_line[:1].price_unit += 1
    payment.memo = f"{payment.memo} "
    env["dealer.owner.log"].create({"partner_id": customer.id, "to_user_id": user_ids[0], "action": "assign"})
    env.flush_all()
    start = time.perf_counter()
    env.cr.flush()
    elapsed = (time.perf_counter() - start) * 1000
    env.cr.rollback()
    return elapsed


def facts_match_sources():
    """The facts kept current equal the facts computed from the sources."""
    Fact = env["dealer.sales.fact"]
    for metric in ("new_customers", "contract_amount", "payment_amount"):
        [[stored, summed, computed]] = env.execute_query(SQL(
            """SELECT (SELECT ROUND(SUM(amount)::numeric, 2) FROM dealer_sales_fact WHERE metric = %(metric)s),
                      (SELECT ROUND(SUM(amount)::numeric, 2) FROM dealer_sales_summary WHERE metric = %(metric)s),
                      (SELECT ROUND(SUM(amount)::numeric, 2) FROM (%(source)s) AS fact(metric, date, user_id,
                        team_id, partner_id, company_id, region_id, channel_id, customer_type_id, order_id,
                        order_line_id, product_id, quantity, payment_id, invoice_id, record_count, amount,
                        amount_untaxed))""",
            metric=metric, source=Fact._sql_source(metric),
        ))
        if not stored == summed == computed:
            return f"{metric}: stored {stored}, summary {summed}, computed {computed}"
    return "facts = summary = sources"


month_start = env.user._dealer_local_today().replace(day=1)
this_month = [("date", ">=", month_start), ("date", "<", month_start + relativedelta(months=1))]
this_year = [("date", ">=", date(year, 1, 1)), ("date", "<=", date(year, 12, 31))]
ANALYTICS = {
    # Each report's default view: its read_group as the menu opens it (this month).
    "channel × region": lambda: env["dealer.sales.analysis"]._read_group(
        this_month, ["region_id", "channel_id"],
        ["new_customer_count:sum", "order_count:sum", "revenue:sum", "payment_amount:sum"]),
    "salesperson performance": lambda: env["dealer.salesperson.performance"]._read_group(
        this_month, ["user_id"], ["new_customer_count:sum", "followup_count:sum", "checkin_count:sum",
                                  "order_count:sum", "revenue:sum", "payment_amount:sum"]),
    "product sales": lambda: env["dealer.sales.analysis"]._read_group(
        this_month + [("metric", "=", "contract_amount")], ["product_categ_id", "date:month"],
        ["quantity:sum", "revenue:sum"]),
    "customer sales": lambda: env["dealer.sales.analysis"]._read_group(
        this_month + [("metric", "=", "contract_amount")], ["partner_id", "date:month"],
        ["order_count:sum", "quantity:sum", "revenue:sum"]),
    "TOP customers (TOP10)": lambda: env["dealer.customer.ranking"].search_read(
        [("rank", "<=", 10)], ["rank", "partner_id", "revenue", "share", "growth", "rank_change"]),
    "leaderboard": lambda: env["dealer.sales.leaderboard"].search_read(
        [], ["user_id", "revenue", "revenue_rank", "revenue_rank_change", "followup_count_rank"]),
    "customer distribution": lambda: env["dealer.customer.distribution.report"]._read_group(
        [], ["top_region_id", "channel_id"], ["customer_count:sum"]),
    "dashboard": lambda: env["dealer.sales.dashboard"].get_dashboard(),
    # The same grouping as sale.report's below, over the whole year.
    "revenue by month × salesperson, year": lambda: env["dealer.sales.analysis"]._read_group(
        this_year + [("metric", "=", "contract_amount")], ["date:month", "user_id"], ["revenue:sum"]),
}


def sale_report():
    """Odoo's own sales analysis, the same grouping over the whole year."""
    return env["sale.report"]._read_group(
        [("date", ">=", datetime(year, 1, 1)), ("date", "<", datetime(year + 1, 1, 1)), ("state", "=", "sale")],
        ["date:month", "user_id"], ["price_total:sum"])


def source_contract_total():
    """The contract amount from the orders themselves, for the check."""
    [[total]] = env.execute_query(SQL(
        """SELECT SUM(amount_total) FROM sale_order
            WHERE state = 'sale' AND date_order >= %s AND date_order < %s""",
        datetime(year, 1, 1) - timedelta(hours=8), datetime(year + 1, 1, 1) - timedelta(hours=8),
    ))
    return total


timings = {}
scales = [float(scale) for scale in os.environ.get("TEAM_BENCH_SCALES", "0.1 1").split()]
for scale in scales:
    timings[scale, "rebuild"] = populate(scale)
    lines, payments = count("sale_order_line"), count("account_payment")
    timings[scale, "change"] = statistics.median(one_change() for _run in range(3))
    print(f"{count('dealer_sales_fact'):>9,} sales facts: rebuilt from the sources in "
          f"{timings[scale, 'rebuild'] / 1000:.1f} s; kept current for a changed order, payment and owner "
          f"in {timings[scale, 'change']:.0f} ms at commit; {facts_match_sources()}")
    if "dealer.visit.coverage.closed" in env:
        # The visit coverage of the weeks and months over, kept as the nightly job keeps them (all of
        # them since January: its first run); the dashboard reads the month before from there.
        timings[scale, "dashboard, nothing kept"], _result = median_ms(without_jit(env, ANALYTICS["dashboard"]))
        env.cr.execute(SQL("DELETE FROM dealer_visit_coverage_closed"))
        start = time.perf_counter()
        kept = env["dealer.visit.coverage.closed"]._store_closed_periods(commit=True)
        timings[scale, "kept"] = (time.perf_counter() - start) * 1000
        env.cr.execute(SQL("ANALYZE dealer_visit_coverage_closed"))
        print(f"visit coverage: {kept} weeks and months over kept in {timings[scale, 'kept'] / 1000:.1f} s "
              f"({count('dealer_visit_coverage_closed'):,} rows); the dashboard read "
              f"{timings[scale, 'dashboard, nothing kept']:.0f} ms before")
    timings[scale, "actuals"], total = median_ms(actuals)
    timings[scale, "actuals_nojit"], _total = median_ms(without_jit(env, actuals))
    timings[scale, "pivot"], _groups = median_ms(target_pivot)
    user_contract = sum(Target.browse(targets.ids).filtered(
        lambda target: target.target_type == "user" and target.metric == "contract_amount").mapped("actual_total"))
    print(f"{lines:>9,} order lines, {payments:,} payments: actuals of {len(targets)} targets "
          f"{timings[scale, 'actuals']:.0f} ms ({timings[scale, 'actuals_nojit']:.0f} ms without JIT); "
          f"month-by-month pivot {timings[scale, 'pivot']:.0f} ms; "
          f"salespeople's contract amount {user_contract:,.0f} = orders' {source_contract_total():,.0f}")
    if "dealer.sales.analysis" in env:
        for name, function in ANALYTICS.items():
            timings[scale, name], _result = median_ms(without_jit(env, function))
        timings[scale, "sale.report"], _groups = median_ms(without_jit(env, sale_report))
        print(f"{'analytics (without JIT)':<40}" + "".join(f"{name:>14}" for name in ("ms",)))
        for name in [*ANALYTICS, "sale.report"]:
            print(f"  {name:<38}{timings[scale, name]:>14.0f}")
for scale in scales:
    populate_reports(int(500 * scale))
    reports = count("dealer_work_report")
    timings[scale, "reports"], groups = median_ms(report_statistics)
    timings[scale, "reports_nojit"], _groups = median_ms(without_jit(env, report_statistics))
    missing = sum(row[4] for row in groups)
    print(f"{reports:>9,} work reports: statistics per person and type {timings[scale, 'reports']:.0f} ms "
          f"({timings[scale, 'reports_nojit']:.0f} ms without JIT; {missing:,} missing)")
for before, after in zip(scales, scales[1:]):
    if "dealer.sales.analysis" in env:
        print(f"growth ×{after / before:.0f} in volume: " + ", ".join(
            f"{name} ×{timings[after, name] / timings[before, name]:.1f}" for name in [*ANALYTICS, "sale.report"]))
    print(f"growth ×{after / before:.0f} in volume: actuals ×{timings[after, 'actuals'] / timings[before, 'actuals']:.1f} "
          f"(without JIT ×{timings[after, 'actuals_nojit'] / timings[before, 'actuals_nojit']:.1f}), "
          f"pivot ×{timings[after, 'pivot'] / timings[before, 'pivot']:.1f}, "
          f"report statistics ×{timings[after, 'reports'] / timings[before, 'reports']:.1f} "
          f"(without JIT ×{timings[after, 'reports_nojit'] / timings[before, 'reports_nojit']:.1f}), "
          f"rebuild ×{timings[after, 'rebuild'] / timings[before, 'rebuild']:.1f}, "
          f"change at commit ×{timings[after, 'change'] / timings[before, 'change']:.1f}")
