# Run inside `odoo-bin shell` (bench/run.sh). Visit planning's speed figures:
# - route building (nearest neighbour + 2-opt/or-opt) of a day of 25 candidate
#   stops (target < 100 ms) and a week of 150 (target < 1 s), median of 20
#   fixed instances around Shanghai;
# - customers near me: the 20 nearest of 10k and 100k pinned customers
#   around nine cities (target < 50 ms at 100k), as a salesperson (record
#   rules applied) and as an administrator, median of 100 positions, beside
#   the same query without the bounding box;
# - the reused-photo lookup (multi-index hashing on four indexed 16-bit parts)
#   among 10k, 100k and 1M stored hashes (target < 20 ms at 1M), median of 200
#   lookups, beside a plain scan of every hash at the same size.
import random
import statistics
import time

from odoo.addons.dealer_crm_route.tools import phash, route
from odoo.tests import new_test_user
from odoo.tools import SQL


def median_ms(function, runs):
    timings = []
    for _run in range(runs):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def instance(seed, size):
    rng = random.Random(seed)
    start = (31.2304 + rng.uniform(-0.05, 0.05), 121.4737 + rng.uniform(-0.05, 0.05))
    stops = [(n, 31.2304 + rng.uniform(-0.15, 0.15), 121.4737 + rng.uniform(-0.15, 0.15)) for n in range(size)]
    return start, stops


print("Route building (plan_day: distances, nearest neighbour, 2-opt and or-opt)")
for size, target in ((25, 100), (150, 1000)):
    timings, gains = [], []
    for seed in range(20):
        start, stops = instance(seed, size)
        timings.append(median_ms(lambda: route.plan_day(start, stops), 1))
        matrix = route.distance_matrix(start, [(lat, lon) for _key, lat, lon in stops])
        greedy = route.nearest_neighbour(matrix)
        improved = route.two_opt(matrix, greedy)
        gains.append(1 - route.path_length(matrix, improved) / route.path_length(matrix, greedy))
    print(f"  {size:>4} stops: median {statistics.median(timings):7.1f} ms, worst {max(timings):7.1f} ms "
          f"(target < {target} ms); route {statistics.mean(gains):.1%} shorter than nearest neighbour's")

print("Customers near me (dealer_nearby: 20 nearest within 5 km)")
CITIES = [(31.2304, 121.4737), (30.2741, 120.1551), (32.0603, 118.7969), (39.9042, 116.4074), (39.0842, 117.2009),
          (38.0428, 114.5149), (23.1291, 113.2644), (22.5431, 114.0579), (24.4798, 118.0894)]
salespeople = [new_test_user(env, f"bench_route_{n}", groups="base.group_user,dealer_crm.group_dealer_salesperson")
               for n in range(100)]
extra_columns = SQL(", autopost_bills") if "autopost_bills" in env["res.partner"]._fields else SQL("")
extra_values = SQL(", 'ask'") if "autopost_bills" in env["res.partner"]._fields else SQL("")
pinned = 0
for size in (10_000, 100_000):
    env.execute_query(SQL(
        """WITH rows AS (SELECT nextval('res_partner_id_seq') AS id, n, (%(cities)s::float8[])[1 + n %% 9][1] AS lat,
                                (%(cities)s::float8[])[1 + n %% 9][2] AS lon
                           FROM generate_series(%(start)s, %(stop)s - 1) n)
           INSERT INTO res_partner (id, commercial_partner_id, name, complete_name, is_company, is_dealer, active, type,
                                    user_id, partner_latitude, partner_longitude, create_date, write_date,
                                    create_uid, write_uid %(extra_columns)s)
           SELECT id, id, '附近客户' || n, '附近客户' || n, TRUE, TRUE, TRUE, 'contact',
                  CASE WHEN n %% 10 <> 0 THEN (%(users)s::int[])[1 + n %% 100] END,
                  -- about 20 km around the city centre, denser in the middle
                  lat + (random() + random() + random() - 1.5) * 0.25, lon + (random() + random() + random() - 1.5) * 0.3,
                  now(), now(), 1, 1 %(extra_values)s
             FROM rows""",
        cities=[list(city) for city in CITIES], start=pinned, stop=size, users=[user.id for user in salespeople],
        extra_columns=extra_columns, extra_values=extra_values))
    pinned = size
    env.cr.execute("ANALYZE res_partner")
    env.invalidate_all()
    positions = [(lat + rng_position.uniform(-0.1, 0.1), lon + rng_position.uniform(-0.1, 0.1))
                 for rng_position in [random.Random(size)] for lat, lon in CITIES * 12][:100]
    figures = {}
    for label, user in (("salesperson", salespeople[0]), ("administrator", env.ref("base.user_admin"))):
        Partner = env["res.partner"].with_user(user)
        timings, found = [], []
        for latitude, longitude in positions:
            start = time.perf_counter()
            found.append(len(Partner.dealer_nearby(latitude, longitude)))
            timings.append((time.perf_counter() - start) * 1000)
        figures[label] = (statistics.median(timings), sorted(timings)[94], statistics.mean(found))
    unboxed = median_ms(lambda: env.execute_query(SQL(
        """SELECT id FROM res_partner WHERE is_dealer AND is_company AND partner_latitude IS NOT NULL
         ORDER BY 2 * 6371008.8 * asin(least(1, sqrt(power(sin(radians(partner_latitude - 31.23) / 2), 2)
                  + cos(radians(31.23)) * cos(radians(partner_latitude))
                  * power(sin(radians(partner_longitude - 121.47) / 2), 2)))) LIMIT 20""")), 10)
    print(f"  {size:>9,} pinned: " + "; ".join(
        f"{label} median {median:5.1f} ms, p95 {p95:5.1f} ms ({count:.0f} found)"
        for label, (median, p95, count) in figures.items())
        + f" (target < 50 ms at 100,000); without the bounding box {unboxed:6.1f} ms")

print("Reused-photo lookup")
company = env.company
salesperson = env.ref("base.user_admin")
customer = env["res.partner"].create({"name": "哈希客户", "is_company": True, "is_dealer": True})
env.execute_query(SQL(
    """INSERT INTO dealer_checkin (user_id, partner_id, checkin_time, duration, latitude, longitude, accuracy,
                                   has_position, distance, radius, photo_count, company_id, trust_score,
                                   create_uid, write_uid, create_date, write_date)
       SELECT %(uid)s, %(customer)s, now() - (n %% 170) * interval '1 day', 0, 31.23, 121.47, 20, true, 0, 500, 100,
              %(company)s, 100, %(uid)s, %(uid)s, now(), now()
         FROM generate_series(1, 10000) AS n""",
    uid=salesperson.id, customer=customer.id, company=company.id))
checkin_ids = [row[0] for row in env.execute_query(SQL("SELECT id FROM dealer_checkin ORDER BY id"))]
# The check-in whose photo is looked up is today's; the stored photos go back 170 days.
env.execute_query(SQL("UPDATE dealer_checkin SET checkin_time = now() WHERE id = %s", checkin_ids[-1]))
probe_checkin = env["dealer.checkin"].browse(checkin_ids[-1])
rng = random.Random(1)
stored = 0
for size in (10_000, 100_000, 1_000_000):
    env.execute_query(SQL(
        """INSERT INTO dealer_checkin_photo (checkin_id, name, dhash_0, dhash_1, dhash_2, dhash_3, dealer_company_id,
                                             checkin_time, create_uid, write_uid, create_date, write_date)
           SELECT (%(checkins)s::int[])[1 + n %% %(count)s], 'photo.jpg',
                  floor(random() * 65536)::int, floor(random() * 65536)::int,
                  floor(random() * 65536)::int, floor(random() * 65536)::int,
                  %(company)s, now() - (n %% 170) * interval '1 day', 1, 1, now(), now()
             FROM generate_series(%(start)s, %(stop)s - 1) AS n""",
        checkins=checkin_ids[:-1], count=len(checkin_ids) - 1, company=company.id, start=stored, stop=size))
    stored = size
    env.cr.execute("ANALYZE dealer_checkin_photo")
    # The photo looked up: a stored hash with 3 bits flipped (a recompressed copy), or a new random one.
    known = [phash.join(*row) for row in env.execute_query(SQL(
        "SELECT dhash_0, dhash_1, dhash_2, dhash_3 FROM dealer_checkin_photo ORDER BY random() LIMIT 100"))]
    queries = []
    for value in known:
        for bit in rng.sample(range(64), 3):
            value ^= 1 << bit
        queries.append(value)
    queries += [rng.getrandbits(64) for _n in range(100)]
    Photo = env["dealer.checkin.photo"]
    found = 0
    timings = []
    for value in queries:
        start = time.perf_counter()
        matches = Photo._dealer_matching_photos(value, company, probe_checkin.checkin_time, probe_checkin)
        timings.append((time.perf_counter() - start) * 1000)
        found += bool(matches)
    scan = []
    for value in queries[:5]:
        start = time.perf_counter()
        env.execute_query(SQL(
            """SELECT id FROM dealer_checkin_photo
                WHERE bit_count((((dhash_0::bigint << 48) | (dhash_1::bigint << 32) | (dhash_2::bigint << 16)
                                 | dhash_3::bigint) # %s)::bit(64)) <= 4""", phash.to_signed(value)))
        scan.append((time.perf_counter() - start) * 1000)
    print(f"  {size:>9,} hashes: multi-index median {statistics.median(timings):6.2f} ms, "
          f"p95 {sorted(timings)[int(len(timings) * 0.95)]:6.2f} ms (target < 20 ms at 1,000,000); "
          f"plain scan {statistics.median(scan):8.1f} ms ({statistics.median(scan) / statistics.median(timings):.0f}×); "
          f"{found} of {len(queries)} lookups matched (100 are copies)")
env.cr.rollback()
