from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from .dealer_sales_figures import SALES_METRICS

DIRTY_KEY = "dealer_crm.sales_fact_dirty"

# The columns of a fact that point to its source record; its other ones
# (salesperson, team, region, channel, type) are what it is counted by.
SOURCE_COLUMNS = {"order_id", "order_line_id", "payment_id", "partner_id"}

# What the monthly summary sums the facts by (see dealer.sales.summary): its
# columns, and how a fact's row gives them.
SUMMARY_COLUMNS = SQL("metric, month, user_id, team_id, company_id, region_id, channel_id, customer_type_id")
SUMMARY_KEY = SQL(
    """metric, date_trunc('month', date::timestamp)::date AS month, user_id, team_id, company_id, region_id,
       channel_id, customer_type_id""",
)

# The customer's (alias ``customer``) classification a fact carries.
CUSTOMER_CLASSIFICATION = SQL("customer.dealer_region_id, customer.dealer_channel_id, customer.dealer_customer_type_id")

# Divides a sale order's amounts (alias ``so``) into company currency.
ORDER_RATE = SQL("CASE WHEN COALESCE(so.currency_rate, 0) = 0 THEN 1 ELSE so.currency_rate END")

# A fact whose source record was deleted (the database emptied its reference).
ORPHAN_FACT = SQL(
    """(metric = 'contract_amount' AND order_line_id IS NULL) OR (metric = 'payment_amount' AND payment_id IS NULL)
       OR (metric = 'new_customers' AND partner_id IS NULL)""",
)

FACT_COLUMNS = SQL(
    """metric, date, user_id, team_id, partner_id, company_id, region_id, channel_id, customer_type_id,
       order_id, order_line_id, product_id, quantity, payment_id, invoice_id, record_count, amount, amount_untaxed""",
)


class DealerSalesFact(models.Model):
    """The sales facts that targets, work reports and the analytics count,
    one row per fact, kept current in the transaction that changes their
    source records.

    One definition of each fact for the whole product:

    - **new customer**: a Dealer CRM customer counts once for each person, on
      the day that person first owned it — created with them as owner, or
      claimed, assigned or transferred to them — in the customer's company,
      or the person's for a customer shared between companies;
    - **contract amount**: each line of a confirmed sale order (cancelled
      ones drop out) on the order's confirmation day, total with taxes and
      untaxed, in company currency, with the quantity in the product's unit,
      for the order's salesperson;
    - **payment collected**: a posted customer payment on its date, in
      company currency (money paid back to a customer counts negative), for
      the salesperson of the invoices it pays (registered for, else
      reconciled with), shared by their totals; a payment for no invoice
      counts for the customer's current owner.

    Days are the salesperson's local days (their time zone, Shanghai's by
    default). The customer (``partner_id``) is the commercial entity; its
    current region, channel and type are copied on its facts, which are
    recomputed when they change: moving a customer moves its history.

    **Kept current**: the source models mark what they change (orders,
    payments, journal entries, customers) in the cursor's pre-commit data;
    the marked sources' facts are recomputed set-based when the transaction
    commits (``_sync``, a pre-commit hook). Reports only read them, so that
    they can be served from a read-only replica; a transaction that writes
    and then reads a report flushes first (``cr.flush()``). A nightly job
    rebuilds them all, for writes made outside the ORM."""

    _name = "dealer.sales.fact"
    _inherit = ["dealer.sales.figures"]
    _description = "Dealer CRM Sales Fact"
    _log_access = False
    _order = "date desc, id desc"

    date = fields.Date(string="Date", required=True, readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True, ondelete="set null", index=True)
    order_id = fields.Many2one("sale.order", string="Order", readonly=True, ondelete="set null", index="btree_not_null")
    order_line_id = fields.Many2one("sale.order.line", string="Order Line", readonly=True, ondelete="set null")
    product_id = fields.Many2one("product.product", string="Product", readonly=True, ondelete="set null")
    payment_id = fields.Many2one(
        "account.payment", string="Payment", readonly=True, ondelete="set null", index="btree_not_null",
    )
    invoice_id = fields.Many2one("account.move", string="Invoice", readonly=True, ondelete="set null")

    _date_index = models.Index("(date, metric)")
    _user_date_index = models.Index("(user_id, date)")
    _orphan_index = models.Index(f"(id) WHERE {ORPHAN_FACT.code}")

    # ------------------------------------------------------------------
    # Keeping the facts current
    # ------------------------------------------------------------------

    @api.model
    def _mark_dirty(self, kind, ids):
        """Recompute, before this transaction commits, the facts of the
        records ``ids`` of ``kind``: ``order`` (sale orders), ``payment``,
        ``move`` (journal entries: the payments they are, or that pay them),
        ``customer`` (whom they first belonged to) or ``buyer`` (everything
        a partner bought or paid)."""
        ids = [record_id for record_id in ids if isinstance(record_id, int)]
        if ids:
            self._dirty()[kind].update(ids)

    @api.model
    def _dirty(self):
        """{kind: ids} marked in this transaction, recomputed before it commits."""
        data = self.env.cr.precommit.data
        dirty = data.get(DIRTY_KEY)
        if dirty is None:
            dirty = data[DIRTY_KEY] = defaultdict(set)
            self.env.cr.precommit.add(self.sudo().with_context(active_test=False)._sync)
        return dirty

    @api.model
    def _sync(self):
        """Recompute the facts of the sources marked in this transaction."""
        self.env.flush_all()
        dirty = self.env.cr.precommit.data.pop(DIRTY_KEY, None)
        if not dirty:
            return
        if dirty["buyer"]:
            for kind, table in (("order", "sale_order"), ("payment", "account_payment")):
                dirty[kind].update(record_id for [record_id] in self.env.execute_query(SQL(
                    """SELECT record.id FROM %s record JOIN res_partner buyer ON buyer.id = record.partner_id
                        WHERE buyer.commercial_partner_id = ANY(%s) OR buyer.id = ANY(%s)""",
                    SQL.identifier(table), list(dirty["buyer"]), list(dirty["buyer"]),
                )))
        if dirty["move"]:
            dirty["payment"].update(self._payments_of_moves(list(dirty["move"])))
        if dirty["deleted"] & SOURCE_COLUMNS:
            self._drop_deleted_sources()
        for kind, column, metric in (
            ("order", "order_id", "contract_amount"),
            ("payment", "payment_id", "payment_amount"),
            ("customer", "partner_id", "new_customers"),
        ):
            if dirty[kind]:
                self._recompute(metric, SQL.identifier("dealer_sales_fact", column), list(dirty[kind]))
        for column in sorted(dirty["deleted"] - SOURCE_COLUMNS):
            self._resum_emptied(column)
        self.invalidate_model()
        self.env["dealer.sales.summary"].invalidate_model()

    @api.model
    def _payments_of_moves(self, move_ids):
        """The payments that are, are registered for, or are reconciled with
        the journal entries ``move_ids``."""
        return [payment_id for [payment_id] in self.env.execute_query(SQL(
            """
            SELECT id FROM account_payment WHERE move_id = ANY(%(moves)s)
             UNION
            SELECT payment_id FROM account_move__account_payment WHERE invoice_id = ANY(%(moves)s)
             UNION
            SELECT payment.id
              FROM account_move_line own
              JOIN account_partial_reconcile part ON own.id IN (part.debit_move_id, part.credit_move_id)
              JOIN account_move_line counterpart
                ON counterpart.id = CASE WHEN part.debit_move_id = own.id THEN part.credit_move_id
                                         ELSE part.debit_move_id END
              JOIN account_payment payment ON payment.move_id = counterpart.move_id
             WHERE own.move_id = ANY(%(moves)s)
            """,
            moves=move_ids,
        ))]

    @api.model
    def _recompute(self, metric, source_column, source_ids):
        """Replace the facts of the sources ``source_ids`` (ids in
        ``source_column``) and add the difference to the monthly summary,
        in one statement."""
        self.env.cr.execute(SQL(
            """
            WITH removed AS (
                DELETE FROM dealer_sales_fact WHERE metric = %(metric)s AND %(column)s = ANY(%(ids)s)
                RETURNING %(summed)s, -record_count AS record_count, -amount AS amount,
                          -amount_untaxed AS amount_untaxed, -quantity AS quantity
            ), added AS (
                INSERT INTO dealer_sales_fact (%(columns)s) %(source)s
                RETURNING %(summed)s, record_count, amount, amount_untaxed, quantity
            )
            %(summary)s
            """,
            metric=metric, column=source_column, ids=source_ids, columns=FACT_COLUMNS,
            source=self._sql_source(metric, source_ids), summed=SUMMARY_KEY,
            summary=self._sql_add_to_summary(SQL("SELECT * FROM removed UNION ALL SELECT * FROM added")),
        ))

    @api.model
    def _mark_deleted(self, column):
        """Records whose facts point to them through ``column`` are being
        deleted: drop or re-sum those facts before this transaction commits.
        Only notes the column: nothing is read or written in the middle of
        the deletion, which may be part of another module's operation."""
        self._dirty()["deleted"].add(column)

    @api.model
    def _drop_deleted_sources(self):
        """Drop, and take out of the monthly summary, the facts whose source
        record (order line, payment, customer) was deleted: the database
        emptied their reference."""
        self.env.cr.execute(SQL(
            """
            WITH removed AS (
                DELETE FROM dealer_sales_fact WHERE %(orphan)s
                RETURNING %(summed)s, -record_count AS record_count, -amount AS amount,
                          -amount_untaxed AS amount_untaxed, -quantity AS quantity
            )
            %(summary)s
            """,
            orphan=ORPHAN_FACT, summed=SUMMARY_KEY,
            summary=self._sql_add_to_summary(SQL("SELECT * FROM removed")),
        ))

    @api.model
    def _resum_emptied(self, column):
        """Sum again the summary rows without ``column``: the database deleted
        the rows of the deleted salesperson, team, region, channel or type
        and emptied ``column`` on their facts, which now count without it."""
        column = SQL.identifier(column)
        self.env.cr.execute(SQL("DELETE FROM dealer_sales_summary WHERE %s IS NULL", column))
        self.env.cr.execute(self._sql_add_to_summary(SQL(
            "SELECT %s, record_count, amount, amount_untaxed, quantity FROM dealer_sales_fact WHERE %s IS NULL",
            SUMMARY_KEY, column,
        )))

    @api.model
    def _sql_add_to_summary(self, facts):
        """Add ``facts`` (rows of ``SUMMARY_KEY`` and the measures) to the monthly summary."""
        return SQL(
            """
            INSERT INTO dealer_sales_summary (%(key)s, record_count, amount, amount_untaxed, quantity)
            SELECT %(key)s, SUM(record_count), SUM(amount), SUM(amount_untaxed), SUM(quantity)
              FROM (%(facts)s) AS fact
             GROUP BY %(key)s
                ON CONFLICT (%(key)s) DO UPDATE
               SET record_count = dealer_sales_summary.record_count + EXCLUDED.record_count,
                   amount = dealer_sales_summary.amount + EXCLUDED.amount,
                   amount_untaxed = dealer_sales_summary.amount_untaxed + EXCLUDED.amount_untaxed,
                   quantity = dealer_sales_summary.quantity + EXCLUDED.quantity
            """,
            key=SUMMARY_COLUMNS, facts=facts,
        )

    @api.model
    def _rebuild(self):
        """Recompute every fact, and the monthly summary, from the source records."""
        self.env.flush_all()
        # DELETE, not TRUNCATE: the reports go on reading the old facts meanwhile.
        self.env.cr.execute(SQL("DELETE FROM dealer_sales_fact"))
        self.env.cr.execute(SQL("DELETE FROM dealer_sales_summary"))
        for metric, _label in SALES_METRICS:
            self.env.cr.execute(SQL("INSERT INTO dealer_sales_fact (%s) %s", FACT_COLUMNS, self._sql_source(metric)))
        self.env.cr.execute(self._sql_add_to_summary(SQL(
            "SELECT %s, record_count, amount, amount_untaxed, quantity FROM dealer_sales_fact", SUMMARY_KEY,
        )))
        self.env.cr.execute(SQL("ANALYZE dealer_sales_fact"))
        self.env.cr.execute(SQL("ANALYZE dealer_sales_summary"))
        self.invalidate_model()
        self.env["dealer.sales.summary"].invalidate_model()

    @api.model
    def _cron_rebuild(self):
        self._rebuild()

    # ------------------------------------------------------------------
    # The facts from their sources
    # ------------------------------------------------------------------

    @api.model
    def _sql_source(self, metric, source_ids=None):
        """The facts of ``metric`` computed from the source records (all of
        them, or those of the order, payment or customer ids ``source_ids``),
        as rows of ``FACT_COLUMNS``."""
        return {
            "new_customers": self._sql_new_customers,
            "contract_amount": self._sql_order_lines,
            "payment_amount": self._sql_payments,
        }[metric](source_ids)

    @api.model
    def _sql_zone_join(self, user_id):
        """Joins ``zone``, the partner holding the time zone of the user ``user_id``."""
        return SQL(
            """LEFT JOIN res_users zone_user ON zone_user.id = %s
               LEFT JOIN res_partner zone ON zone.id = zone_user.partner_id""",
            user_id,
        )

    @api.model
    def _sql_local_day(self, moment):
        """The local day of the stored UTC datetime ``moment`` in the time zone of ``zone`` (see ``_sql_zone_join``)."""
        return SQL("(%s AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(zone.tz, 'Asia/Shanghai'))::date", moment)

    @api.model
    def _sql_within(self, column, tz, date_from, date_to):
        """``column`` (a stored UTC datetime) falls on the local days from
        ``date_from`` to ``date_to`` in ``tz``."""
        def start(day):
            return SQL("((%s)::date::timestamp AT TIME ZONE %s AT TIME ZONE 'UTC')", day, tz)
        return SQL("%s >= %s AND %s < %s", column, start(date_from), column, start(SQL("%s::date + 1", date_to)))

    @staticmethod
    def _sql_among(column, source_ids):
        return SQL("TRUE") if source_ids is None else SQL("%s = ANY(%s)", column, source_ids)

    @api.model
    def _sql_new_customers(self, source_ids=None):
        among = self._sql_among(SQL("customer.id"), source_ids)
        return SQL(
            """
            WITH first_change AS (
                SELECT DISTINCT ON (log.partner_id) log.partner_id, log.from_user_id
                  FROM dealer_owner_log log JOIN res_partner customer ON customer.id = log.partner_id
                 WHERE log.action != 'create' AND %(among)s
                 ORDER BY log.partner_id, log.date, log.id
            ), ownership AS (
                SELECT customer.id AS partner_id, customer.create_date AS date,
                       CASE WHEN first_change.partner_id IS NULL THEN customer.user_id
                            ELSE first_change.from_user_id END AS user_id
                  FROM res_partner customer
                  LEFT JOIN first_change ON first_change.partner_id = customer.id
                 WHERE customer.is_dealer AND customer.is_company AND %(among)s
                 UNION ALL
                SELECT log.partner_id, log.date, log.to_user_id
                  FROM dealer_owner_log log JOIN res_partner customer ON customer.id = log.partner_id
                 WHERE log.to_user_id IS NOT NULL AND log.action != 'create' AND %(among)s
            ), first_ownership AS (
                SELECT ownership.partner_id, ownership.user_id, MIN(ownership.date) AS date
                  FROM ownership WHERE ownership.user_id IS NOT NULL
                 GROUP BY ownership.partner_id, ownership.user_id
            )
            SELECT 'new_customers', %(day)s, first_ownership.user_id, owner.sale_team_id, customer.id,
                   COALESCE(customer.company_id, owner.company_id), %(classification)s,
                   NULL::int, NULL::int, NULL::int, 0,
                   NULL::int, NULL::int, 1, 1, 1
              FROM first_ownership
              JOIN res_partner customer ON customer.id = first_ownership.partner_id
              JOIN res_users owner ON owner.id = first_ownership.user_id
              JOIN res_partner zone ON zone.id = owner.partner_id
             WHERE customer.is_dealer AND customer.is_company
            """,
            among=among, day=self._sql_local_day(SQL("first_ownership.date")),
            classification=CUSTOMER_CLASSIFICATION,
        )

    @api.model
    def _sql_order_lines(self, source_ids=None):
        return SQL(
            """
            SELECT 'contract_amount', %(day)s, so.user_id, so.team_id, customer.id, so.company_id,
                   %(classification)s, so.id, line.id, line.product_id,
                   CASE WHEN line.product_id IS NULL THEN 0
                        ELSE line.product_uom_qty * COALESCE(line_unit.factor / NULLIF(product_unit.factor, 0), 1) END,
                   NULL::int, NULL::int, CASE WHEN line.id = MIN(line.id) OVER (PARTITION BY so.id) THEN 1 ELSE 0 END,
                   line.price_total / %(rate)s, line.price_subtotal / %(rate)s
              FROM sale_order so
              JOIN sale_order_line line ON line.order_id = so.id AND line.display_type IS NULL
              JOIN res_partner buyer ON buyer.id = so.partner_id
              JOIN res_partner customer ON customer.id = buyer.commercial_partner_id
              LEFT JOIN product_product product ON product.id = line.product_id
              LEFT JOIN product_template template ON template.id = product.product_tmpl_id
              LEFT JOIN uom_uom line_unit ON line_unit.id = line.product_uom_id
              LEFT JOIN uom_uom product_unit ON product_unit.id = template.uom_id
              %(zone)s
             WHERE so.state = 'sale' AND %(among)s
            """,
            day=self._sql_local_day(SQL("so.date_order")), zone=self._sql_zone_join(SQL("so.user_id")), rate=ORDER_RATE,
            classification=CUSTOMER_CLASSIFICATION,
            among=self._sql_among(SQL("so.id"), source_ids),
        )

    @api.model
    def _sql_payments(self, source_ids=None):
        """Posted customer payments. The invoices a payment pays are those it
        was registered for; for a payment registered for none, those
        reconciled with it.

        Three branches over the tables themselves (no shared subquery), so
        that PostgreSQL estimates each join from the tables' statistics."""
        payment = SQL(
            """account_payment pay
               JOIN res_partner payer ON payer.id = pay.partner_id
               JOIN res_partner customer ON customer.id = payer.commercial_partner_id""",
        )
        paid = SQL(
            "pay.partner_type = 'customer' AND pay.state IN ('in_process', 'paid') AND %s",
            self._sql_among(SQL("pay.id"), source_ids),
        )
        sale_document = SQL("invoice.move_type IN ('out_invoice', 'out_refund') AND invoice.state = 'posted'")
        registered = SQL(
            """SELECT registered.payment_id, registered.invoice_id
                 FROM account_move__account_payment registered
                WHERE %s""",
            self._sql_among(SQL("registered.payment_id"), source_ids),
        )
        reconciled = SQL(
            """SELECT DISTINCT payment.id AS payment_id, counterpart.move_id AS invoice_id
                 FROM account_payment payment
                 JOIN account_move_line own ON own.move_id = payment.move_id
                 JOIN account_partial_reconcile part ON own.id IN (part.debit_move_id, part.credit_move_id)
                 JOIN account_move_line counterpart
                   ON counterpart.id = CASE WHEN part.debit_move_id = own.id THEN part.credit_move_id
                                            ELSE part.debit_move_id END
                WHERE %s""",
            self._sql_among(SQL("payment.id"), source_ids),
        )

        def shared(links):
            """The payment split over the sale documents of ``links``, by their totals."""
            return SQL(
                """SELECT 'payment_amount', pay.date, invoice.invoice_user_id, invoice.team_id, customer.id,
                          pay.company_id, %(classification)s, NULL::int, NULL::int, NULL::int, 0, pay.id,
                          invoice.id,
                          CASE WHEN invoice.id = MIN(invoice.id) OVER (PARTITION BY pay.id) THEN 1 ELSE 0 END,
                          pay.amount_company_currency_signed * COALESCE(
                              ABS(invoice.amount_total_signed) / NULLIF(total.weight, 0), 1.0 / total.documents
                          ) AS amount, 0
                     FROM %(payment)s
                     JOIN (%(links)s) AS link ON link.payment_id = pay.id
                     JOIN account_move invoice ON invoice.id = link.invoice_id AND %(sale_document)s
                     JOIN (SELECT link.payment_id, SUM(ABS(invoice.amount_total_signed)) AS weight,
                                  COUNT(*) AS documents
                             FROM (%(links)s) AS link
                             JOIN account_move invoice ON invoice.id = link.invoice_id AND %(sale_document)s
                            GROUP BY link.payment_id) AS total ON total.payment_id = pay.id
                    WHERE %(paid)s""",
                payment=payment, links=links, sale_document=sale_document, paid=paid,
                classification=CUSTOMER_CLASSIFICATION,
            )

        def pays_none(links):
            return SQL(
                """NOT EXISTS (SELECT 1 FROM (%s) AS link JOIN account_move invoice ON invoice.id = link.invoice_id
                                WHERE link.payment_id = pay.id AND %s)""",
                links, sale_document,
            )

        return SQL(
            """%(registered)s
                UNION ALL
               %(reconciled)s AND %(not_registered)s
                UNION ALL
               SELECT 'payment_amount', pay.date, customer.user_id, owner.sale_team_id, customer.id, pay.company_id,
                      %(classification)s, NULL::int, NULL::int, NULL::int, 0, pay.id, NULL::int, 1,
                      pay.amount_company_currency_signed, 0
                 FROM %(payment)s
                 LEFT JOIN res_users owner ON owner.id = customer.user_id
                WHERE %(paid)s AND %(not_registered)s AND %(not_reconciled)s""",
            registered=shared(registered), reconciled=shared(reconciled), payment=payment, paid=paid,
            not_registered=pays_none(registered), not_reconciled=pays_none(reconciled),
            classification=CUSTOMER_CLASSIFICATION,
        )
