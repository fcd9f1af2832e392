"""Run inside `odoo-bin shell` (bench/run.sh). Issue #19's speed bar for the
dealer portal, with 1M order lines in the database; median of 7 runs each,
printed beside its target, with and without PostgreSQL's JIT:
 - a dealer's statement of account for a month of 5,000 invoices (target
   < 1 s): ``dealer.statement._dealer_generate`` for that dealer, up to what
   its commit flushes, from scratch each run (in a savepoint rolled back
   after it); its closing balance and entry count checked against the
   receivable move lines;
 - the dealer home (/my/dealer, target < 150 ms server-side): what
   ``dealer_home`` computes for the dealer's portal user, without HTTP and
   on empty caches (agreements, the agreement in force and its rebate, the
   credit, the latest orders with their status, the latest statements),
   and its page when QWeb renders it without a request (the label says
   which was timed). The portal layout's own values need a request: left out.
Around them, as team_bench.py builds them: 100k customers with 250k orders of
1M lines over the 13 months up to the statement's, and 300k posted invoices
of theirs with their receivable and income lines. The dealer has 5,000
invoices in each of those months, a credit note for one in a hundred,
payments (account.payment with their entries on the bank journal) settling
each month's invoices in the next but a few left overdue, 300 orders of its
own (the confirmed ones invoiced), an agreement in force with three rebate
tiers, a portal user and the statements of the three months before, sent.
Rows are inserted with SQL (the ORM's own path would take hours), then
VACUUM ANALYZE.
"""
import statistics
import time
from collections import Counter

from dateutil.relativedelta import relativedelta

from bench_tools import vacuum, without_jit

from odoo import Command, fields
from odoo.tests import new_test_user
from odoo.tools import SQL

from odoo.addons.dealer_crm_portal.controllers.portal import LATEST_ORDERS, LATEST_STATEMENTS, DealerPortal

CUSTOMERS, ORDERS, CUSTOMER_INVOICES = 100_000, 250_000, 300_000
INVOICES_PER_MONTH = 5_000
HISTORY_MONTHS = 12
# A payment settles ten invoices of the month before; a credit note takes a
# tenth off one invoice in a hundred; one invoice in 2,500 of the months at
# least four back stays unpaid, past its 90 days.
INVOICES_PER_PAYMENT = 10
REFUND_EVERY = 100
OVERDUE_EVERY = 2_500
PAYMENT_TERM_DAYS = 90
DEALER_ORDERS = 300
RUNS = 7

company = env.company
currency = company.currency_id
now = fields.Datetime.now()
today = env.user._dealer_local_today()
month = today.replace(day=1) - relativedelta(months=1)
month_end = month + relativedelta(months=1, days=-1)
first_month = month - relativedelta(months=HISTORY_MONTHS)
Journal = env["account.journal"]
sale_journal = Journal.search([("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
bank_journal = Journal.search([("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
dealer = env["res.partner"].create({"name": "上海鑫达五金商行", "is_company": True, "is_dealer": True})
contact = env["res.partner"].create({"name": "王志强", "parent_id": dealer.id, "type": "contact",
                                     "dealer_is_key_contact": True})
receivable = dealer.with_company(company).property_account_receivable_id
income, liquidity = sale_journal.default_account_id, bank_journal.default_account_id
if receivable.account_type != "asset_receivable" or income.account_type != "income" or not liquidity:
    raise RuntimeError(f"No chart of accounts to book on: receivable {receivable.code}, income {income.code}, "
                       f"bank {liquidity.code}")
product = env["product.product"].create({"name": "不锈钢合页"})
env["dealer.agreement"].create({
    "partner_id": dealer.id, "state": "active", "date_start": today.replace(month=1, day=1),
    "date_end": today.replace(month=12, day=31), "credit_limit": 20_000_000, "annual_target": 1_200_000,
    "rebate_tier_ids": [Command.create({"threshold": threshold, "rate": rate})
                        for threshold, rate in ((200_000, 1), (500_000, 2), (1_000_000, 3))],
})
portal_user = new_test_user(env, "portal_bench", groups="base.group_portal", partner_id=contact.id)
env.cr.commit()


def execute(query, **params):
    env.cr.execute(SQL(query, **params))


def count(table):
    [[rows]] = env.execute_query(SQL("SELECT COUNT(*) FROM %s", SQL.identifier(table)))
    return rows


def dealer_invoices():
    """The dealer's invoices: month index ``i`` (0 the first month, the
    statement's last), number ``k`` in the month, date, amount, credit note
    (0 without), whether left overdue, and what is still due on it (the
    statement's month and the overdue ones are open)."""
    return SQL(
        """
        SELECT invoice.*,
               CASE WHEN i = %(months)s OR overdue THEN amount - refund ELSE 0 END AS residual
          FROM (SELECT base.*,
                       CASE WHEN k %% %(refund_every)s = %(refund_every)s / 2 THEN ROUND(amount / 10, 2)
                            ELSE 0 END AS refund
                  FROM (SELECT i, k, to_char(m, 'YYYYMM') AS period,
                               m + k * ((m + INTERVAL '1 month')::date - m) / %(per_month)s AS invoice_date,
                               (50000 + (k * 3701 + i * 113) %% 450000) / 100.0 AS amount,
                               k %% %(overdue_every)s = 1 AND i <= %(months)s - 4 AS overdue
                          FROM generate_series(0, %(months)s) i,
                               LATERAL (SELECT (%(first_month)s::date + i * INTERVAL '1 month')::date AS m) starts,
                               generate_series(0, %(per_month)s - 1) k) base) invoice
        """,
        months=HISTORY_MONTHS, refund_every=REFUND_EVERY, per_month=INVOICES_PER_MONTH,
        overdue_every=OVERDUE_EVERY, first_month=first_month,
    )


def populate():
    """The customers' orders and invoices, the dealer's invoices, credit
    notes, payments and orders, with SQL; their journal items."""
    execute(
        """
        WITH rows AS (SELECT nextval('res_partner_id_seq') AS id, n FROM generate_series(0, %(customers)s - 1) n)
        INSERT INTO res_partner (id, commercial_partner_id, name, complete_name, is_company, is_dealer, active,
                                 type, autopost_bills, company_id, create_date, write_date, create_uid, write_uid)
        SELECT id, id, 'PB客户' || n, 'PB客户' || n, TRUE, TRUE, TRUE, 'contact', 'ask', %(company)s,
               %(now)s, %(now)s, 1, 1
          FROM rows
        """,
        customers=CUSTOMERS, company=company.id, now=now,
    )
    execute(
        """
        WITH customers AS (
            SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM res_partner WHERE name LIKE 'PB客户%%'
        ), rows AS (
            SELECT n, customers.id AS partner_id, 1000 + n %% 5000 AS untaxed
              FROM generate_series(0, %(orders)s - 1) n
              JOIN customers ON customers.k = (n::bigint * 7919) %% %(customers)s
        )
        INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id, company_id, state,
                                date_order, picking_policy, amount_untaxed, amount_tax, amount_total,
                                currency_rate, currency_id, create_date, write_date, create_uid, write_uid)
        SELECT 'PB/SO/' || n, partner_id, partner_id, partner_id, %(company)s,
               CASE WHEN n %% 10 = 0 THEN 'cancel' WHEN n %% 5 = 1 THEN 'draft' ELSE 'sale' END,
               %(first_month)s::date + (n %% %(days)s) * INTERVAL '1 day' + (n %% 24) * INTERVAL '1 hour',
               'direct', untaxed, untaxed * 0.13, untaxed * 1.13, 1, %(currency)s, %(now)s, %(now)s, 1, 1
          FROM rows
        """,
        orders=ORDERS, customers=CUSTOMERS, company=company.id, first_month=first_month,
        days=(month_end - first_month).days + 1, currency=currency.id, now=now,
    )
    # The dealer's own, the latest first: cancelled, submitted, returned, sent, confirmed by the order desk.
    execute(
        """
        INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id, company_id, state,
                                dealer_back_office_state, date_order, picking_policy, amount_untaxed, amount_tax,
                                amount_total, currency_rate, currency_id, create_date, write_date, create_uid,
                                write_uid)
        SELECT 'PB/D/SO/' || LPAD(n::text, 3, '0'), %(dealer)s, %(dealer)s, %(dealer)s, %(company)s,
               CASE WHEN n %% 10 = 0 THEN 'cancel' WHEN n %% 10 IN (1, 2) THEN 'draft' WHEN n %% 10 = 3 THEN 'sent'
                    ELSE 'sale' END,
               CASE WHEN n %% 10 = 1 THEN 'submitted' WHEN n %% 20 = 2 THEN 'returned'
                    WHEN n %% 10 >= 4 THEN 'confirmed' END,
               %(now)s::timestamp - n * INTERVAL '1 day' - (n %% 9) * INTERVAL '1 hour', 'direct',
               2000 + n * 37 %% 8000, (2000 + n * 37 %% 8000) * 0.13, (2000 + n * 37 %% 8000) * 1.13, 1,
               %(currency)s, %(now)s, %(now)s, 1, 1
          FROM generate_series(0, %(orders)s - 1) n
        """,
        dealer=dealer.id, company=company.id, now=now, currency=currency.id, orders=DEALER_ORDERS,
    )
    execute(
        """
        INSERT INTO sale_order_line (order_id, name, product_id, product_uom_qty, price_unit, customer_lead,
                                     company_id, currency_id, order_partner_id, state, price_subtotal, price_total,
                                     create_date, write_date, create_uid, write_uid)
        SELECT o.id, '不锈钢合页', %(product)s, 10 + line, 25, 0, o.company_id, o.currency_id, o.partner_id, o.state,
               o.amount_untaxed / 4, o.amount_total / 4, o.create_date, o.write_date, 1, 1
          FROM sale_order o CROSS JOIN generate_series(1, 4) line
         WHERE o.name LIKE 'PB/%%'
        """,
        product=product.id,
    )
    # The customers' invoices, one for each of 300k confirmed orders (some twice), unpaid, without taxes.
    execute(
        """
        WITH sold AS (
            SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k
              FROM sale_order WHERE name LIKE 'PB/SO/%%' AND state = 'sale'
        ), rows AS (
            SELECT n, sold.id AS order_id
              FROM generate_series(0, %(invoice_count)s - 1) n
              JOIN sold ON sold.k = (n::bigint * 104729) %% (SELECT COUNT(*) FROM sold)
        )
        INSERT INTO account_move (name, journal_id, company_id, currency_id, state, move_type, auto_post, date,
                                  invoice_date, invoice_date_due, partner_id, commercial_partner_id, invoice_origin,
                                  amount_untaxed, amount_tax, amount_total, amount_residual, amount_untaxed_signed,
                                  amount_total_signed, amount_total_in_currency_signed, amount_residual_signed,
                                  payment_state, create_date, write_date, create_uid, write_uid)
        SELECT 'PB/INV/' || r.n, %(journal)s, o.company_id, o.currency_id, 'posted', 'out_invoice', 'no',
               o.date_order::date, o.date_order::date, o.date_order::date + %(term)s, o.partner_id, o.partner_id,
               o.name, o.amount_total, 0, o.amount_total, o.amount_total, o.amount_total, o.amount_total,
               o.amount_total, o.amount_total, 'not_paid', %(now)s, %(now)s, 1, 1
          FROM rows r JOIN sale_order o ON o.id = r.order_id
        """,
        invoice_count=CUSTOMER_INVOICES, journal=sale_journal.id, term=PAYMENT_TERM_DAYS, now=now,
    )
    execute(
        """
        WITH invoice AS (%(invoices)s)
        INSERT INTO account_move (name, journal_id, company_id, currency_id, state, move_type, auto_post, date,
                                  invoice_date, invoice_date_due, partner_id, commercial_partner_id, amount_untaxed,
                                  amount_tax, amount_total, amount_residual, amount_untaxed_signed,
                                  amount_total_signed, amount_total_in_currency_signed, amount_residual_signed,
                                  payment_state, create_date, write_date, create_uid, write_uid)
        SELECT 'PB/D/INV/' || period || '/' || LPAD(k::text, 4, '0'), %(journal)s, %(company)s, %(currency)s,
               'posted', 'out_invoice', 'no', invoice_date, invoice_date, invoice_date + %(term)s, %(dealer)s,
               %(dealer)s, amount, 0, amount, residual, amount, amount, amount, residual,
               CASE WHEN residual = 0 THEN 'paid' WHEN refund > 0 THEN 'partial' ELSE 'not_paid' END,
               %(now)s, %(now)s, 1, 1
          FROM invoice
        UNION ALL
        SELECT 'PB/D/RINV/' || period || '/' || LPAD(k::text, 4, '0'), %(journal)s, %(company)s, %(currency)s,
               'posted', 'out_refund', 'no', invoice_date, invoice_date, invoice_date, %(dealer)s, %(dealer)s,
               refund, 0, refund, 0, -refund, -refund, -refund, 0, 'paid', %(now)s, %(now)s, 1, 1
          FROM invoice
         WHERE refund > 0
        """,
        invoices=dealer_invoices(), journal=sale_journal.id, company=company.id, currency=currency.id,
        term=PAYMENT_TERM_DAYS, dealer=dealer.id, now=now,
    )
    execute(
        """
        WITH invoice AS (%(invoices)s), settled AS (
            SELECT i, k / %(per_payment)s AS g, SUM(amount - refund) AS amount
              FROM invoice
             WHERE i < %(months)s AND NOT overdue
          GROUP BY i, k / %(per_payment)s
        )
        INSERT INTO account_payment (name, memo, journal_id, company_id, state, payment_type, partner_type, date,
                                     partner_id, amount, amount_company_currency_signed, currency_id,
                                     payment_method_line_id, outstanding_account_id, destination_account_id,
                                     is_reconciled, is_matched, create_date, write_date, create_uid, write_uid)
        SELECT 'PB/D/PAY/' || to_char(paid_in, 'YYYYMM') || '/' || LPAD(g::text, 3, '0'),
               'PB/D/PAY/' || to_char(paid_in, 'YYYYMM') || '/' || LPAD(g::text, 3, '0'), %(journal)s, %(company)s,
               'paid', 'inbound', 'customer',
               paid_in + g * ((paid_in + INTERVAL '1 month')::date - paid_in) / %(payments_per_month)s, %(dealer)s,
               amount, amount, %(currency)s, %(method)s::int, %(liquidity)s, %(receivable)s, TRUE, FALSE, %(now)s,
               %(now)s, 1, 1
          FROM settled,
               LATERAL (SELECT (%(first_month)s::date + (i + 1) * INTERVAL '1 month')::date AS paid_in) starts
        """,
        invoices=dealer_invoices(), per_payment=INVOICES_PER_PAYMENT, months=HISTORY_MONTHS,
        journal=bank_journal.id, company=company.id, payments_per_month=INVOICES_PER_MONTH // INVOICES_PER_PAYMENT,
        dealer=dealer.id, currency=currency.id, method=bank_journal.inbound_payment_method_line_ids[:1].id or None,
        liquidity=liquidity.id, receivable=receivable.id, first_month=first_month, now=now,
    )
    execute(
        """
        INSERT INTO account_move (name, journal_id, company_id, currency_id, state, move_type, auto_post, date,
                                  partner_id, commercial_partner_id, origin_payment_id, amount_total,
                                  amount_total_signed, amount_total_in_currency_signed, amount_residual,
                                  amount_residual_signed, create_date, write_date, create_uid, write_uid)
        SELECT name, journal_id, company_id, currency_id, 'posted', 'entry', 'no', date, partner_id, partner_id, id,
               amount, amount, amount, 0, 0, %(now)s, %(now)s, 1, 1
          FROM account_payment
         WHERE name LIKE 'PB/D/PAY/%%'
        """,
        now=now,
    )
    execute(
        """
        UPDATE account_payment payment SET move_id = move.id
          FROM account_move move
         WHERE move.origin_payment_id = payment.id AND payment.journal_id = %(journal)s
           AND payment.name LIKE 'PB/D/PAY/%%'
        """,
        journal=bank_journal.id,
    )
    # Two items a move: the receivable (an invoice's payment term, a payment's
    # counterpart, settled but for what is still due) and the income (an
    # invoice's product line) or the bank (a payment's liquidity line).
    execute(
        """
        INSERT INTO account_move_line (move_id, journal_id, company_id, company_currency_id, currency_id, move_name,
                                       parent_state, date, invoice_date, payment_id, sequence, account_id, name,
                                       display_type, partner_id, product_id, quantity, price_unit, price_subtotal,
                                       price_total, debit, credit, balance, amount_currency, amount_residual,
                                       amount_residual_currency, reconciled, date_maturity,
                                       create_date, write_date, create_uid, write_uid)
        SELECT move.id, move.journal_id, move.company_id, move.currency_id, move.currency_id, move.name, move.state,
               move.date, move.invoice_date, move.origin_payment_id, line.sequence, line.account_id, line.name,
               line.display_type, move.commercial_partner_id, line.product_id, line.quantity, line.price, line.price,
               line.price, GREATEST(line.balance, 0), GREATEST(-line.balance, 0), line.balance, line.balance,
               line.residual, line.residual, line.reconciled, line.date_maturity, %(now)s, %(now)s, 1, 1
          FROM (SELECT move.*, move.move_type = 'entry' AS is_payment,
                       CASE WHEN move.move_type = 'entry' THEN -move.amount_total
                            ELSE move.amount_total_signed END AS receivable_balance,
                       CASE WHEN move.move_type = 'entry' THEN 0 ELSE move.amount_residual_signed END AS open_amount
                  FROM account_move move
                 WHERE move.name LIKE 'PB/%%') move
         CROSS JOIN LATERAL (VALUES
               (1, %(receivable)s, move.name,
                CASE WHEN move.is_payment THEN 'product' ELSE 'payment_term' END, NULL::int, NULL::float8,
                NULL::numeric, move.receivable_balance, move.open_amount, move.open_amount = 0,
                COALESCE(move.invoice_date_due, move.date)),
               (2, CASE WHEN move.is_payment THEN %(liquidity)s ELSE %(income)s END,
                CASE WHEN move.is_payment THEN move.name ELSE '不锈钢合页' END, 'product',
                CASE WHEN move.is_payment THEN NULL ELSE %(product)s END,
                CASE WHEN move.is_payment THEN NULL ELSE 1 END,
                CASE WHEN move.is_payment THEN NULL ELSE move.amount_untaxed END, -move.receivable_balance,
                CASE WHEN move.is_payment THEN -move.receivable_balance ELSE 0 END, FALSE, NULL::date)
         ) AS line(sequence, account_id, name, display_type, product_id, quantity, price, balance, residual,
                   reconciled, date_maturity)
        """,
        receivable=receivable.id, liquidity=liquidity.id, income=income.id, product=product.id, now=now,
    )
    # The confirmed orders invoiced, one every 50 invoices from the latest:
    # the newest by this month's open invoices, the older by last month's paid.
    execute(
        """
        WITH confirmed AS (
            SELECT id, ROW_NUMBER() OVER (ORDER BY date_order DESC, id DESC) AS r
              FROM sale_order WHERE name LIKE 'PB/D/SO/%%' AND state = 'sale'
        ), invoiced AS (
            SELECT id, ROW_NUMBER() OVER (ORDER BY date DESC, move_name DESC) AS r
              FROM account_move_line WHERE move_name LIKE 'PB/D/INV/%%' AND display_type = 'product'
        )
        INSERT INTO sale_order_line_invoice_rel (order_line_id, invoice_line_id)
        SELECT order_line.id, invoiced.id
          FROM confirmed
          JOIN invoiced ON invoiced.r = confirmed.r * %(step)s
          JOIN sale_order_line order_line ON order_line.order_id = confirmed.id
        """,
        step=50,
    )
    env.cr.commit()


def median_ms(function):
    """The median of RUNS timings of ``function`` (which times itself), on
    empty caches, and its last result."""
    timings = []
    for _run in range(RUNS):
        env.invalidate_all()
        elapsed, result = function()
        timings.append(elapsed)
    return statistics.median(timings), result


def timed(function):
    """``function`` returning its time in ms beside its result."""
    def run():
        start = time.perf_counter()
        result = function()
        return (time.perf_counter() - start) * 1000, result
    return run


Statement = env["dealer.statement"]


def generate_statement():
    """The month's statement generated from scratch, up to what its commit
    flushes, then rolled back: the time, and its closing balance, entry
    count and entries."""
    with env.cr.savepoint() as savepoint:
        start = time.perf_counter()
        statement = Statement._dealer_generate(month, company, dealer)
        env.cr.flush()
        elapsed = (time.perf_counter() - start) * 1000
        figures = len(statement), statement.closing_balance, statement.line_count, len(statement.line_ids)
        savepoint.rollback()
    return elapsed, figures


def dealer_receivable_lines():
    """The dealer's posted receivable lines up to the month's end: their
    sum, how many fall in the month, how many in all."""
    [row] = env.execute_query(SQL(
        """
        SELECT COALESCE(SUM(line.balance), 0), COUNT(*) FILTER (WHERE line.date >= %(date_from)s), COUNT(*)
          FROM account_move_line line
          JOIN account_account account ON account.id = line.account_id
          JOIN res_partner partner ON partner.id = line.partner_id
         WHERE account.account_type = 'asset_receivable' AND line.parent_state = 'posted'
           AND line.company_id = %(company)s AND line.date <= %(date_to)s
           AND partner.commercial_partner_id = %(dealer)s
        """,
        date_from=month, date_to=month_end, company=company.id, dealer=dealer.id,
    ))
    return row


portal_env = env(user=portal_user)
controller = DealerPortal()


def dealer_home_values():
    """What ``dealer_home`` puts in the page, as the portal user."""
    home_dealer = portal_env.user.partner_id.commercial_partner_id
    agreements = home_dealer._dealer_portal_agreements()
    in_force = portal_env["dealer.agreement"]._dealer_active_of(home_dealer).with_env(portal_env)
    Order = portal_env["sale.order"]
    orders = Order.search(Order._dealer_portal_domain(home_dealer), order="date_order desc, id desc",
                          limit=LATEST_ORDERS)
    return {
        "page_name": "dealer_home",
        "dealer": home_dealer,
        "agreements": agreements,
        "agreement": in_force,
        "rebate": in_force._dealer_portal_rebate() if in_force else None,
        "credit": home_dealer._dealer_portal_credit(in_force),
        "orders": orders,
        "order_statuses": [order._dealer_portal_status() for order in orders],
        "statements": portal_env["dealer.statement"].search(controller._dealer_statement_domain(home_dealer),
                                                            limit=LATEST_STATEMENTS),
    }


def dealer_home_page():
    values = dealer_home_values()
    portal_env["ir.qweb"]._render("dealer_crm_portal.dealer_portal_home", values)
    return values


start = time.perf_counter()
populate()
vacuum(env, "res_partner", "sale_order", "sale_order_line", "sale_order_line_invoice_rel", "account_move",
       "account_move_line", "account_payment")
for back in (3, 2, 1):
    Statement._dealer_generate(month - relativedelta(months=back), company, dealer).write(
        {"state": "sent", "sent_date": now})
env.cr.commit()
vacuum(env, "dealer_statement", "dealer_statement_line")
populated = time.perf_counter() - start

balance, month_lines, dealer_lines = dealer_receivable_lines()
expected_entries = (INVOICES_PER_MONTH + INVOICES_PER_MONTH // REFUND_EVERY
                    + INVOICES_PER_MONTH // INVOICES_PER_PAYMENT)
statement_ms, (statements, closing, line_count, entries) = median_ms(generate_statement)
statement_nojit_ms, _figures = median_ms(without_jit(env, generate_statement))
if statements != 1 or currency.compare_amounts(closing, balance) or not (
        line_count == entries == month_lines == expected_entries):
    raise AssertionError(
        f"STATEMENT CHECK FAILED: {statements} statement(s), closing balance {closing} against {balance} "
        f"summed from the receivable lines; {line_count} entries counted, {entries} written, {month_lines} "
        f"receivable lines in the month, {expected_entries} expected")

try:
    with env.cr.savepoint():
        dealer_home_page()
    home, home_label = dealer_home_page, "values and page"
except Exception as error:  # whatever stops QWeb without a request: said in the label
    reason = (str(error).strip().splitlines() or [type(error).__name__])[0][:100]
    home, home_label = dealer_home_values, f"values only, the page not rendered without a request: {reason}"
home_ms, values = median_ms(timed(home))
home_nojit_ms, _values = median_ms(without_jit(env, timed(home)))

print(f"Dealer portal (issue #19): {count('sale_order_line'):,} order lines, {count('account_move_line'):,} "
      f"journal items ({dealer_lines:,} of the dealer's receivable ones to {month_end}); populated in "
      f"{populated:.0f} s")
print(f"  statement of a dealer with {INVOICES_PER_MONTH:,} invoices in {month:%Y-%m}: {statement_ms:6.0f} ms "
      f"({statement_nojit_ms:.0f} ms without JIT; target < 1 s); closing balance {closing:,.2f} = its receivable "
      f"lines' sum; {line_count:,} entries = the month's receivable lines ({INVOICES_PER_MONTH:,} invoices, "
      f"{INVOICES_PER_MONTH // REFUND_EVERY} credit notes, {INVOICES_PER_MONTH // INVOICES_PER_PAYMENT} payments)")
statuses = ", ".join(f"{n} {key}" for key, n in Counter(key for key, _label in values["order_statuses"]).items())
print(f"  dealer home ({home_label}): {home_ms:6.0f} ms ({home_nojit_ms:.0f} ms without JIT; target < 150 ms "
      f"server-side); {len(values['orders'])} orders ({statuses}), "
      f"{len(values['statements'])} statements, rebate {values['rebate']['sales']:,.2f} sold, open balance "
      f"{values['credit']['balance']:,.2f} with {len(values['credit']['overdue'])} overdue invoices")
env.cr.rollback()
