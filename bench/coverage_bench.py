# Run inside `odoo-bin shell` (bench/run.sh). Visit coverage (dealer.visit.coverage)
# read as the web client reads its pivot, for 50, 200 and 400 salespeople with
# 100 customers each (A/B/C/D in turn, visited at about their frequency for
# half a year, some late): a quarter by salesperson and week, by salesperson and
# month × importance, by team, and one salesperson's own quarter. Median of 7
# reads each (target < 0.5 s for 200 salespeople over a quarter, by week), with
# PostgreSQL's JIT off as the README's set-up recommends (the quarter by week
# also with the server's default, JIT on), and the set-based rebuild of every
# customer's visited spans. The weeks and months over are kept first, as the
# nightly job keeps them; the quarter by week is also read before.
import statistics
import time
from datetime import timedelta

from bench_tools import vacuum, without_jit

from odoo.tests import new_test_user
from odoo.tools import SQL

CUSTOMERS_EACH = 100
admin = env.ref("base.user_admin")
today = admin._dealer_local_today()
quarter_start = today - timedelta(days=91)
extra_columns = SQL(", autopost_bills") if "autopost_bills" in env["res.partner"]._fields else SQL("")
extra_values = SQL(", 'ask'") if "autopost_bills" in env["res.partner"]._fields else SQL("")
salespeople = []
teams = []


def populate(count):
    """Salespeople up to ``count`` (ten to a team), their customers, the
    customers' creation in the ownership log and half a year of check-ins."""
    while len(salespeople) < count:
        n = len(salespeople)
        salespeople.append(new_test_user(env, f"bench_cover_{n}", tz="Asia/Shanghai",
                                         groups="base.group_user,dealer_crm.group_dealer_salesperson"))
        if n % 10 == 9:
            teams.append(env["crm.team"].create({"name": f"覆盖团队{len(teams)}",
                                                 "member_ids": [(6, 0, [u.id for u in salespeople[-10:]])]}))
    env.flush_all()
    users = [user.id for user in salespeople]
    start = env.execute_query(SQL("SELECT count(*) FROM res_partner WHERE name LIKE '覆盖客户%%'"))[0][0]
    env.execute_query(SQL(
        """WITH rows AS (SELECT nextval('res_partner_id_seq') AS id, n FROM generate_series(%(start)s, %(stop)s - 1) n)
           INSERT INTO res_partner (id, commercial_partner_id, name, complete_name, is_company, is_dealer, active,
                                    type, user_id, dealer_importance, dealer_visit_days, company_id, create_date,
                                    write_date, create_uid, write_uid %(extra_columns)s)
           SELECT id, id, '覆盖客户' || n, '覆盖客户' || n, TRUE, TRUE, TRUE, 'contact',
                  (%(users)s::int[])[1 + n / %(each)s], (n %% 4)::text, (ARRAY[90, 30, 14, 7])[1 + n %% 4], 1,
                  now() - interval '200 days', now(), 1, 1 %(extra_values)s
             FROM rows""",
        start=start, stop=count * CUSTOMERS_EACH, users=users, each=CUSTOMERS_EACH,
        extra_columns=extra_columns, extra_values=extra_values))
    env.execute_query(SQL(
        """INSERT INTO dealer_owner_log (partner_id, to_user_id, action, user_id, date, salesperson_id, company_id,
                                         create_uid, write_uid, create_date, write_date)
           SELECT customer.id, customer.user_id, 'create', 1, customer.create_date, customer.user_id, 1, 1, 1,
                  now(), now()
             FROM res_partner customer
            WHERE customer.name LIKE '覆盖客户%%'
              AND NOT EXISTS (SELECT 1 FROM dealer_owner_log log WHERE log.partner_id = customer.id)"""))
    # Visits at the frequency, one in five customers up to three days late each time.
    env.execute_query(SQL(
        """INSERT INTO dealer_checkin (user_id, partner_id, checkin_time, checkout_time, duration, latitude,
                                       longitude, accuracy, has_position, distance, radius, photo_count, company_id,
                                       trust_score, create_uid, write_uid, create_date, write_date)
           SELECT customer.user_id, customer.id, now() - day * interval '1 day' - interval '3 hours',
                  now() - day * interval '1 day' - interval '2 hours', 60, 31.23, 121.47, 20, TRUE, 0, 500, 1, 1,
                  100, 1, 1, now(), now()
             FROM res_partner customer
            CROSS JOIN LATERAL generate_series(customer.id %% customer.dealer_visit_days, 180,
                                               customer.dealer_visit_days + CASE WHEN customer.id %% 5 = 0
                                                                                 THEN 3 ELSE -1 END) day
            WHERE customer.name LIKE '覆盖客户%%'
              AND NOT EXISTS (SELECT 1 FROM dealer_checkin c WHERE c.partner_id = customer.id)"""))
    env.cr.commit()
    vacuum(env, "res_partner", "dealer_checkin", "dealer_owner_log")


def median_ms(function, runs=7):
    timings = []
    for _run in range(runs):
        env.invalidate_all()
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


Coverage = env["dealer.visit.coverage"].with_user(admin)
quarter = [("date", ">=", quarter_start), ("date", "<=", today)]
print("Visit coverage (dealer.visit.coverage, read as the pivot reads it)")
for count in (50, 200, 400):
    populate(count)
    rebuild = median_ms(without_jit(env, lambda: env["dealer.visit.span"]._refresh()), 1)
    env.cr.commit()
    vacuum(env, "dealer_visit_span")
    def read_by_week():
        return Coverage._read_group(
            [("period", "=", "week"), *quarter], ["user_id", "date:week"], ["coverage:avg", "customer_count:sum"])
    # Read first with every period computed, then with the weeks and months over kept, as the nightly
    # job keeps them (its first run keeps the half year).
    env.execute_query(SQL("DELETE FROM dealer_visit_coverage_closed"))
    by_week_live = median_ms(without_jit(env, read_by_week))
    keep = median_ms(lambda: env["dealer.visit.coverage.closed"]._store_closed_periods(commit=True), 1)
    vacuum(env, "dealer_visit_coverage_closed")
    by_week = median_ms(without_jit(env, read_by_week))
    by_week_jit = median_ms(read_by_week)
    by_month = median_ms(without_jit(env, lambda: Coverage._read_group(
        [("period", "=", "month"), *quarter], ["user_id", "importance"], ["coverage:avg", "customer_count:sum"])))
    by_team = median_ms(without_jit(env, lambda: Coverage._read_group(
        [("period", "=", "week"), *quarter], ["team_id"], ["coverage:avg", "customer_count:sum"])))
    own = median_ms(without_jit(env, lambda: env["dealer.visit.coverage"].with_user(salespeople[0])._read_group(
        [("period", "=", "week"), *quarter], ["date:week"], ["coverage:avg", "customer_count:sum"])))
    share = Coverage._read_group([("period", "=", "week"), *quarter], [], ["coverage:avg"])[0][0]
    print(f"  {count:>4} salespeople, {count * CUSTOMERS_EACH:>6,} customers: quarter by salesperson × week "
          f"{by_week:6.0f} ms (target < 500 ms at 200; {by_week_jit:.0f} ms with JIT on; "
          f"{by_week_live:.0f} ms before the periods over were kept, in {keep / 1000:.1f} s); "
          f"by salesperson × importance (months) {by_month:5.0f} ms; "
          f"by team {by_team:5.0f} ms; a salesperson's own {own:4.0f} ms; coverage {share:.1f}%; "
          f"spans rebuilt in {rebuild:6.0f} ms")
env.cr.rollback()
