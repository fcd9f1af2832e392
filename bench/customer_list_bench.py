# Run inside `odoo-bin shell` (bench/run.sh). 100,000 dealer customers spread
# over 100 salespeople; a salesperson opens "My customers": the first 80 in
# the list's order, with the record rules. Median server time of 20 runs, at
# 10k and 100k customers, with and without the index on res_partner.user_id.
import statistics
import time

from odoo.tests import new_test_user
from odoo.tools import SQL

salespeople = [
    new_test_user(env, f"bench_sales_{i}", groups="base.group_user,dealer_crm.group_dealer_salesperson")
    for i in range(100)
]
env.cr.commit()


def populate(total):
    """Dealer customers up to ``total``, created set-based (as the import does)."""
    current = env["res.partner"].search_count([("is_dealer", "=", True)])
    for start in range(current, total, 10_000):
        env["res.partner"]._dealer_bulk_create([
            {"name": f"经销商{n}", "is_company": True, "is_dealer": True, "user_id": salespeople[n % 100].id}
            for n in range(start, min(start + 10_000, total))
        ])
        env.flush_all()
        env.cr.commit()
    env.cr.execute("ANALYZE res_partner")


def my_customers(user):
    Partner = env["res.partner"].with_user(user)
    domain = [("is_dealer", "=", True), ("is_company", "=", True), ("user_id", "=", user.id)]
    timings = []
    for _ in range(20):
        env.invalidate_all()
        start = time.perf_counter()
        records = Partner.search_fetch(domain, ["display_name", "dealer_code", "phone", "user_id"], limit=80)
        timings.append((time.perf_counter() - start) * 1000)
    assert len(records) == 80
    return statistics.median(timings)


index = env.execute_query(SQL(
    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'res_partner' AND indexdef LIKE %s",
    "%(user_id)%",
))
assert index, "res_partner.user_id has no index"
index_name, index_definition = index[0]
results = {}
for total in (10_000, 100_000):
    populate(total)
    with_index = my_customers(salespeople[7])
    env.cr.execute(SQL("DROP INDEX %s", SQL.identifier(index_name)))
    env.cr.execute("ANALYZE res_partner")
    without_index = my_customers(salespeople[7])
    env.cr.rollback()
    results[total] = with_index
    print(f"{total:>7} customers: first 80 of my customers {with_index:.2f} ms with the owner index, "
          f"{without_index:.2f} ms without ({without_index / with_index:.1f}x)")
print(f"growth 10k → 100k customers: ×{results[100_000] / results[10_000]:.2f} time")
