#!/usr/bin/env bash
# A field team's day against a served Dealer CRM (README: "Deploying"):
#   bash bench/field_day.sh URL [USERS] [SECONDS]
# URL is a server already serving DEALER_CRM_DB (default dealer_crm_demo):
# `make run`'s http://127.0.0.1:8069 or `make serve`'s http://127.0.0.1:8080.
# Makes the load test's team in that database once (bench/field_day/
# setup_users.py), runs Locust headless (bench/field_day/locustfile.py; in
# its own virtualenv, DEALER_CRM_HOME/load-venv) with USERS users (default
# 100: about 20 salespeople to 2 managers and 1 back office clerk, 1–3 s of
# think time) for SECONDS (default 120), then prints requests per second and
# p50/p95/max per operation once every user has logged in (Locust's
# statistics reset then) and the failures of the whole run, and checks that
# every acknowledged check-in, follow-up, claim, order and confirmation is
# stored exactly once, that none is half-written and that no claim broke a
# limit.
source "$(dirname "$0")/../scripts/common.sh"
URL=${1:?usage: bench/field_day.sh URL [USERS] [SECONDS]}
USERS=${2:-100}
SECONDS_TO_RUN=${3:-120}
DB=${DEALER_CRM_DB:-dealer_crm_demo}
LOAD_VENV=$DEALER_CRM_HOME/load-venv
if [ ! -x "$LOAD_VENV/bin/locust" ]; then
    say "Installing Locust into $LOAD_VENV"
    python3 -m venv "$LOAD_VENV"
    "$LOAD_VENV/bin/pip" install -q locust pillow 2>&1 | grep -v "is ignored: it is neither" || true
fi
curl -sf -o /dev/null "$URL/web/health" || die "nothing answers on $URL"
managers=$((USERS / 25 > 0 ? USERS / 25 : 1))
FIELD_DAY_SALESPEOPLE=$USERS "$PYTHON" "$ODOO_BIN" shell -c "$ODOO_CONF" -d "$DB" --no-http --log-level=warn \
    <"$ROOT/bench/field_day/setup_users.py"
work=$(mktemp -d -t field-day.XXXXXX)
started=$(psql -d "$DB" -tAc "SELECT now() AT TIME ZONE 'UTC'")
say "$USERS users for $SECONDS_TO_RUN s against $URL"
FIELD_DAY_DB=$DB FIELD_DAY_LEDGER="$work/ledger.jsonl" FIELD_DAY_MANAGERS=$managers \
    "$LOAD_VENV/bin/locust" -f "$ROOT/bench/field_day/locustfile.py" --headless --host "$URL" \
    --users "$USERS" --spawn-rate "$((USERS / 10 > 0 ? USERS / 10 : 1))" --run-time "${SECONDS_TO_RUN}s" \
    --stop-timeout 120 --reset-stats --csv "$work/stats" --only-summary --loglevel WARNING >"$work/locust.out" 2>&1 \
    || true
"$PYTHON" - "$work" "$DB" "$started" <<'PYTHON'
import csv, json, subprocess, sys
from collections import Counter
work, db, started = sys.argv[1:]
rows = list(csv.DictReader(open(f"{work}/stats_stats.csv")))
print(f"{'operation':<24}{'requests':>10}{'failures':>10}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
for row in rows:
    print(f"{row['Name']:<24}{row['Request Count']:>10}{row['Failure Count']:>10}{row['50%']:>9}{row['95%']:>9}"
          f"{float(row['Max Response Time']):>9.0f}")
total = next(row for row in rows if row["Name"] == "Aggregated")
WRITES = {"login", "check in (photo)", "check out", "follow-up", "claim", "quotation", "submit order", "confirm order"}
reads = [row for row in rows if row["Name"] not in WRITES | {"Aggregated"} and int(row["Request Count"])]
slowest = max(reads, key=lambda row: float(row["95%"]), default=None)
checkin = next((row for row in rows if row["Name"] == "check in (photo)"), None)
print(f"p50 {total['50%']} ms, p95 {total['95%']} ms, max {float(total['Max Response Time']):.0f} ms; "
      f"reads p95 at most {slowest['95%'] if slowest else '-'} ms ({slowest['Name'] if slowest else '-'}); "
      f"check-in p95 {checkin['95%'] if checkin else '-'} ms")
ledger = [json.loads(line) for line in open(f"{work}/ledger.jsonl")]
errors = [entry for entry in ledger if entry["kind"] == "error"]
print(f"throughput {float(total['Requests/s']):.1f} req/s, failures {len(errors)}")
for (name, message), count in Counter((entry["name"], entry["message"]) for entry in errors).most_common(5):
    print(f"  failure: {count} × {name}: {message[:160]}")
acknowledged = Counter(entry["kind"] for entry in ledger)
def query(sql):
    return subprocess.run(["psql", "-d", db, "-tAc", sql], check=True, capture_output=True, text=True).stdout.split()
problems = []
for kind, table in (("checkin", "dealer_checkin"), ("followup", "dealer_followup")):
    ids = sorted({entry["id"] for entry in ledger if entry["kind"] == kind})
    if len(ids) != acknowledged[kind]:
        problems.append(f"{kind}: an id acknowledged twice")
    stored = int(query(f"SELECT count(*) FROM {table} WHERE id = ANY('{{{','.join(map(str, ids)) or 0}}}')")[0])
    made = int(query(f"""SELECT count(*) FROM {table} t JOIN res_users u ON u.id = t.create_uid
                          WHERE u.login LIKE 'fd\\_sp\\_%' AND t.create_date >= '{started}'""")[0])
    print(f"{kind}s: {acknowledged[kind]} acknowledged, {stored} of them stored, {made} made by the run")
    if stored != len(ids):
        problems.append(f"{kind}: {len(ids) - stored} acknowledged but not stored")
    if made != len(ids):
        problems.append(f"{kind}: {made - len(ids)} stored but not acknowledged (a request cut short)")
photos = int(query(f"""SELECT count(*) FROM dealer_checkin_photo p JOIN dealer_checkin c ON c.id = p.checkin_id
                        JOIN res_users u ON u.id = c.user_id WHERE u.login LIKE 'fd\\_sp\\_%'
                        AND c.create_date >= '{started}'""")[0])
print(f"photos stored with the run's check-ins: {photos}")
# Half-written records: a check-in without its photo, an order without its lines.
bare = int(query(f"""SELECT count(*) FROM dealer_checkin c JOIN res_users u ON u.id = c.create_uid
                      WHERE u.login LIKE 'fd\\_sp\\_%' AND c.create_date >= '{started}'
                        AND NOT EXISTS (SELECT 1 FROM dealer_checkin_photo p WHERE p.checkin_id = c.id)""")[0])
bare += int(query(f"""SELECT count(*) FROM sale_order o JOIN res_users u ON u.id = o.create_uid
                       WHERE u.login LIKE 'fd\\_sp\\_%' AND o.create_date >= '{started}'
                         AND NOT EXISTS (SELECT 1 FROM sale_order_line l WHERE l.order_id = o.id)""")[0])
if bare:
    problems.append(f"{bare} check-ins without a photo or orders without lines")
orders = sorted({entry["id"] for entry in ledger if entry["kind"] == "order"})
made = int(query(f"""SELECT count(*) FROM sale_order o JOIN res_users u ON u.id = o.create_uid
                      WHERE u.login LIKE 'fd\\_sp\\_%' AND o.create_date >= '{started}'""")[0])
if len(orders) != acknowledged["order"] or made != len(orders):
    problems.append(f"orders: {acknowledged['order']} acknowledged, {len(orders)} ids, {made} made by the run")
for kind, condition in (("submitted", "o.dealer_back_office_state IN ('submitted', 'confirmed')"),
                        ("confirmed", "o.state = 'sale' AND o.dealer_back_office_state = 'confirmed'")):
    ids = ",".join(str(entry["id"]) for entry in ledger if entry["kind"] == kind) or "0"
    found = int(query(f"SELECT count(*) FROM sale_order o WHERE o.id IN ({ids}) AND {condition}")[0])
    if found != acknowledged[kind]:
        problems.append(f"{kind}: {acknowledged[kind] - found} of {acknowledged[kind]} acknowledged not so stored")
print(f"orders: {len(orders)} made, {acknowledged['submitted']} submitted, {acknowledged['confirmed']} confirmed")
# Claims: one log row each, by the run's claimers only, and no member over the pool's daily limit.
claims = [entry for entry in ledger if entry["kind"] == "claim"]
logged = query(f"""SELECT l.partner_id || ':' || u.login FROM dealer_owner_log l JOIN res_users u ON u.id = l.to_user_id
                    WHERE l.action = 'claim' AND u.login LIKE 'fd\\_sp\\_%' AND l.date >= '{started}'""")
if sorted(logged) != sorted(f"{entry['id']}:{entry['user']}" for entry in claims):
    problems.append(f"claims: {len(claims)} acknowledged, {len(logged)} logged, not the same")
over = query(f"""SELECT count(*) FROM (
                   SELECT 1 FROM dealer_owner_log l JOIN dealer_pool pool ON pool.id = l.pool_id
                    WHERE l.action = 'claim' AND l.date >= '{started}' AND pool.daily_claim_limit > 0
                 GROUP BY l.to_user_id, pool.id, pool.daily_claim_limit,
                          (l.date AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date
                   HAVING count(*) > pool.daily_claim_limit) AS broken""")[0]
if int(over):
    problems.append(f"claims: {over} members over a pool's daily limit")
refused = Counter(entry["name"] for entry in ledger if entry["kind"] == "refused")
print(f"claims: {len(claims)} acknowledged, {len(logged)} logged; refused on purpose: "
      + (", ".join(f"{count} {name}" for name, count in sorted(refused.items())) or "none"))
if errors:
    with open(f"{work}/errors.txt", "w") as output:
        for entry in errors:
            output.write(f"== {entry['user']} {entry['name']}\n{entry['debug']}\n")
    print(f"the server's tracebacks of the {len(errors)} failed calls: {work}/errors.txt")
print("integrity: " + ("; ".join(problems) if problems else "every acknowledged write stored exactly once"))
sys.exit(1 if problems else 0)
PYTHON
