# Run inside `odoo-bin shell` (bench/run.sh). The check-in report's default
# view (pivot: salesperson × week, every measure) read at 1k, 10k and 100k
# check-ins (with as many follow-ups), median of 10 runs, and how it grows.
import statistics
import time

from odoo.tests import new_test_user
from odoo.tools import SQL

salespeople = [
    new_test_user(env, f"bench_field_{i}", groups="base.group_user,dealer_crm.group_dealer_salesperson")
    for i in range(50)
]
customers = env["res.partner"]._dealer_bulk_create([
    {"name": f"签到客户{n}", "is_company": True, "is_dealer": True, "user_id": salespeople[n % 50].id}
    for n in range(2000)
])
env.flush_all()
env.cr.commit()
MEASURES = ["visit_count:sum", "customer_visited:count_distinct", "outside_radius_count:sum", "no_gps_count:sum",
            "stale_photo_count:sum", "duration:avg", "followup_count:sum"]


def populate(total):
    """Check-ins and follow-ups up to ``total`` each, spread over a year, set-based."""
    current = env["dealer.checkin"].search_count([])
    if total <= current:
        return
    params = dict(
        start=current, stop=total, users=[user.id for user in salespeople], customers=customers.ids, uid=env.uid,
    )
    env.execute_query(SQL("""
        INSERT INTO dealer_checkin (user_id, partner_id, checkin_time, checkout_time, duration, latitude, longitude,
                                    accuracy, has_position, distance, radius, photo_count, flag_outside_radius,
                                    flag_no_gps, flag_low_accuracy, flag_stale_photo, is_flagged, company_id,
                                    create_uid, write_uid, create_date, write_date)
        SELECT (%(users)s::int[])[1 + n %% 50], (%(customers)s::int[])[1 + n %% 2000],
               now() - (n %% 365) * interval '1 day', now() - (n %% 365) * interval '1 day' + interval '40 minutes',
               40, 31.23, 121.47, 20, true, (n %% 900), 500, 1, n %% 900 > 500, false, false, n %% 17 = 0,
               n %% 900 > 500 OR n %% 17 = 0, 1, %(uid)s, %(uid)s, now(), now()
          FROM generate_series(%(start)s, %(stop)s - 1) AS n
    """, **params))
    env.execute_query(SQL("""
        INSERT INTO dealer_followup (partner_id, user_id, date, method, content, company_id,
                                     create_uid, write_uid, create_date, write_date)
        SELECT (%(customers)s::int[])[1 + n %% 2000], (%(users)s::int[])[1 + n %% 50],
               now() - (n %% 365) * interval '1 day', 'visit', '跟进', 1, %(uid)s, %(uid)s, now(), now()
          FROM generate_series(%(start)s, %(stop)s - 1) AS n
    """, **params))
    env.cr.commit()
    env.cr.execute("ANALYZE dealer_checkin; ANALYZE dealer_followup")


def median_ms(runs=10):
    report = env["dealer.checkin.report"].with_user(env.ref("base.user_admin"))
    timings = []
    for _ in range(runs):
        env.invalidate_all()
        start = time.perf_counter()
        report._read_group([], ["user_id", "date:week"], MEASURES)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


print(f"{'check-ins':>10} {'report read ms':>15}")
previous = None
for size in (1_000, 10_000, 100_000):
    populate(size)
    elapsed = median_ms()
    growth = f"  (×{elapsed / previous:.1f} for ×10 rows)" if previous else ""
    print(f"{size:>10} {elapsed:>15.1f}{growth}")
    previous = elapsed
