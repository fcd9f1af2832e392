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
      the salesperson of the invoices it pays (registered for, else
      reconciled with), shared by their totals; a payment for no invoice
      counts for the customer's current owner.
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
        """Posted customer payments of the days. The invoices a payment pays
        are those it was registered for; for a payment registered for none,
        those reconciled with it.

        Three branches over the tables themselves (no shared subquery), so
        that PostgreSQL estimates each join from the tables' statistics."""
        self.env.flush_all()
        payment = SQL(
            """account_payment pay
               JOIN res_partner payer ON payer.id = pay.partner_id
               JOIN res_partner customer ON customer.id = payer.commercial_partner_id""",
        )
        paid = SQL(
            """pay.partner_type = 'customer' AND pay.state IN ('in_process', 'paid')
               AND pay.date BETWEEN %s AND %s""",
            date_from, date_to,
        )
        sale_document = SQL("invoice.move_type IN ('out_invoice', 'out_refund') AND invoice.state = 'posted'")
        registered = SQL(
            """SELECT registered.payment_id, registered.invoice_id
                 FROM account_move__account_payment registered""",
        )
        reconciled = SQL(
            """SELECT DISTINCT payment.id AS payment_id, counterpart.move_id AS invoice_id
                 FROM account_payment payment
                 JOIN account_move_line own ON own.move_id = payment.move_id
                 JOIN account_partial_reconcile part ON own.id IN (part.debit_move_id, part.credit_move_id)
                 JOIN account_move_line counterpart
                   ON counterpart.id = CASE WHEN part.debit_move_id = own.id THEN part.credit_move_id
                                            ELSE part.debit_move_id END""",
        )

        def shared(links):
            """The payment split over the sale documents of ``links``, by their totals."""
            return SQL(
                """SELECT invoice.invoice_user_id AS user_id, customer.dealer_region_id AS region_id,
                          pay.company_id, pay.date AS day,
                          pay.amount_company_currency_signed * COALESCE(
                              ABS(invoice.amount_total_signed) / NULLIF(total.weight, 0), 1.0 / total.documents
                          ) AS amount
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
               SELECT customer.user_id, customer.dealer_region_id, pay.company_id, pay.date, pay.amount_company_currency_signed
                 FROM %(payment)s
                WHERE %(paid)s AND %(not_registered)s AND %(not_reconciled)s""",
            registered=shared(registered), reconciled=shared(reconciled), payment=payment, paid=paid,
            not_registered=pays_none(registered), not_reconciled=pays_none(reconciled),
        )

    @api.model
    def _sql_facts(self, metric, tz, date_from, date_to):
        return {
            "new_customers": self._sql_new_customers,
            "contract_amount": self._sql_orders,
            "payment_amount": self._sql_payments,
            "quotations": self._sql_quotations,
        }[metric](tz, date_from, date_to)
