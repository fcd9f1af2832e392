from odoo import api, models
from odoo.tools import SQL


class DealerSalesMetric(models.AbstractModel):
    """The sales facts that targets, work reports and the analytics count.

    Each fact is one SQL query of rows ``(user_id, region_id, company_id,
    day, amount)``: whose fact it is, the customer's region, the company, the
    local day it happened (in time zone ``tz``) and its amount (1 for a
    count), restricted to the days ``date_from`` to ``date_to`` included.
    One definition of each fact for the whole product:

    - **new customer**: a Dealer CRM customer counts once for each person, on
      the day that person first owned it — created with them as owner, or
      claimed, assigned or transferred to them — in the customer's company,
      or the person's for a customer shared between companies;
    - **contract amount**: a confirmed sale order (cancelled ones drop out)
      on its confirmation day, total with taxes, in company currency, for
      the order's salesperson;
    - **quotation**: a sale order created that day, not cancelled, total in
      company currency, for its salesperson;
    - **payment collected**: a posted customer payment on its date, in
      company currency (money paid back to a customer counts negative), for
      the salesperson of the invoices it pays (registered for or reconciled
      with), shared by their totals; a payment for no invoice counts for the
      customer's current owner.
    """

    _name = "dealer.sales.metric"
    _description = "Dealer CRM Sales Facts"

    @api.model
    def _sql_local_day(self, column, tz):
        """The local day, in ``tz``, of a stored UTC datetime ``column``."""
        return SQL("(%s AT TIME ZONE 'UTC' AT TIME ZONE %s)::date", column, tz)

    @api.model
    def _sql_utc_start(self, day, tz):
        """The stored UTC datetime at which the local day ``day`` starts in ``tz``."""
        return SQL("((%s)::date::timestamp AT TIME ZONE %s AT TIME ZONE 'UTC')", day, tz)

    @api.model
    def _sql_within(self, column, tz, date_from, date_to):
        """``column`` (a stored UTC datetime) falls on the local days from ``date_from`` to ``date_to``."""
        return SQL(
            "%(column)s >= %(start)s AND %(column)s < %(end)s",
            column=column, start=self._sql_utc_start(date_from, tz),
            end=self._sql_utc_start(SQL("%s::date + 1", date_to), tz),
        )

    @api.model
    def _sql_new_customers(self, tz, date_from, date_to):
        self.env.flush_all()
        return SQL(
            """
            WITH first_change AS (
                SELECT DISTINCT ON (partner_id) partner_id, from_user_id
                  FROM dealer_pool_log
                 ORDER BY partner_id, date, id
            ), ownership AS (
                SELECT customer.id AS partner_id, customer.create_date AS date,
                       CASE WHEN first_change.partner_id IS NULL THEN customer.user_id
                            ELSE first_change.from_user_id END AS user_id
                  FROM res_partner customer
                  LEFT JOIN first_change ON first_change.partner_id = customer.id
                 WHERE customer.is_dealer AND customer.is_company
                 UNION ALL
                SELECT log.partner_id, log.date, log.to_user_id
                  FROM dealer_pool_log log
                 WHERE log.to_user_id IS NOT NULL
            )
            SELECT ownership.user_id, customer.dealer_region_id AS region_id,
                   COALESCE(customer.company_id, owner.company_id) AS company_id, %(day)s AS day, 1 AS amount
              FROM ownership
              JOIN res_partner customer ON customer.id = ownership.partner_id
              JOIN res_users owner ON owner.id = ownership.user_id
             WHERE customer.is_dealer AND customer.is_company
             GROUP BY ownership.user_id, ownership.partner_id, customer.dealer_region_id,
                      COALESCE(customer.company_id, owner.company_id)
            HAVING %(within)s
            """,
            day=self._sql_local_day(SQL("MIN(ownership.date)"), tz),
            within=self._sql_within(SQL("MIN(ownership.date)"), tz, date_from, date_to),
        )

    @api.model
    def _sql_orders(self, tz, date_from, date_to):
        self.env.flush_all()
        return self._sql_sale_orders(tz, date_from, date_to, SQL("so.date_order"), SQL("so.state = 'sale'"))

    @api.model
    def _sql_quotations(self, tz, date_from, date_to):
        self.env.flush_all()
        return self._sql_sale_orders(tz, date_from, date_to, SQL("so.create_date"), SQL("so.state != 'cancel'"))

    @api.model
    def _sql_sale_orders(self, tz, date_from, date_to, date_column, condition):
        return SQL(
            """
            SELECT so.user_id, customer.dealer_region_id AS region_id, so.company_id, %(day)s AS day,
                   so.amount_total / CASE WHEN COALESCE(so.currency_rate, 0) = 0 THEN 1
                                          ELSE so.currency_rate END AS amount
              FROM sale_order so
              JOIN res_partner buyer ON buyer.id = so.partner_id
              JOIN res_partner customer ON customer.id = buyer.commercial_partner_id
             WHERE %(condition)s AND %(within)s
            """,
            day=self._sql_local_day(date_column, tz), condition=condition,
            within=self._sql_within(date_column, tz, date_from, date_to),
        )

    @api.model
    def _sql_payments(self, tz, date_from, date_to):
        """Posted customer payments of the days; the invoices a payment pays
        are those it was registered for and those reconciled with it."""
        self.env.flush_all()
        return SQL(
            """
            WITH payment AS (
                SELECT id, move_id, partner_id, company_id, date, amount_company_currency_signed AS amount
                  FROM account_payment
                 WHERE partner_type = 'customer' AND state IN ('in_process', 'paid')
                   AND date BETWEEN %(date_from)s AND %(date_to)s
            ), paid AS (
                SELECT registered.payment_id, registered.invoice_id
                  FROM account_move__account_payment registered
                  JOIN payment ON payment.id = registered.payment_id
                 UNION
                SELECT payment.id, counterpart.move_id
                  FROM payment
                  JOIN account_move_line own ON own.move_id = payment.move_id
                  JOIN account_partial_reconcile part ON own.id IN (part.debit_move_id, part.credit_move_id)
                  JOIN account_move_line counterpart
                    ON counterpart.id = CASE WHEN part.debit_move_id = own.id THEN part.credit_move_id
                                             ELSE part.debit_move_id END
            ), invoice AS (
                SELECT paid.payment_id, move.invoice_user_id, ABS(move.amount_total_signed) AS weight
                  FROM paid
                  JOIN account_move move ON move.id = paid.invoice_id
                   AND move.move_type IN ('out_invoice', 'out_refund') AND move.state = 'posted'
            )
            SELECT COALESCE(invoice.invoice_user_id, customer.user_id) AS user_id,
                   customer.dealer_region_id AS region_id, payment.company_id, payment.date AS day,
                   payment.amount * COALESCE(
                       invoice.weight / NULLIF(SUM(invoice.weight) OVER (PARTITION BY payment.id), 0), 1
                   ) AS amount
              FROM payment
              JOIN res_partner payer ON payer.id = payment.partner_id
              JOIN res_partner customer ON customer.id = payer.commercial_partner_id
              LEFT JOIN invoice ON invoice.payment_id = payment.id
            """,
            date_from=date_from, date_to=date_to,
        )

    @api.model
    def _sql_facts(self, metric, tz, date_from, date_to):
        return {
            "new_customers": self._sql_new_customers,
            "contract_amount": self._sql_orders,
            "payment_amount": self._sql_payments,
            "quotations": self._sql_quotations,
        }[metric](tz, date_from, date_to)
