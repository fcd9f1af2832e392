from odoo import fields, models
from odoo.tools import SQL


class DealerCustomerRanking(models.Model):
    """TOP customers (TOP10 / TOP50): customers ranked by revenue in the
    period chosen by the filters (see ``dealer.report.period``), with their
    share of the company's revenue and their change against the previous
    period. Computed on each read from the sales facts of the two periods
    only."""

    _name = "dealer.customer.ranking"
    _inherit = ["dealer.report.period", "dealer.sales.report.mixin"]
    _description = "Customer Ranking"
    _auto = False
    # What the query reads besides the facts, flushed before it runs.
    _depends = {
        "res.partner": ["user_id", "dealer_team_id", "dealer_channel_id", "dealer_customer_type_id", "dealer_region_id"],
        "res.company": ["currency_id"],
    }
    _order = "company_id, rank, partner_id"
    _rec_name = "partner_id"

    rank = fields.Integer(string="Rank", readonly=True, aggregator=None)
    user_id = fields.Many2one(string="Owner")
    order_count = fields.Integer(string="Orders", readonly=True, aggregator="sum")
    revenue = fields.Monetary(string="Revenue", readonly=True, aggregator="sum")
    share = fields.Float(string="Share (%)", readonly=True, aggregator="sum", digits=(16, 2),
                         help="Share of the company's revenue of the period.")
    previous_revenue = fields.Monetary(string="Previous Period", readonly=True, aggregator="sum")
    previous_rank = fields.Integer(string="Previous Rank", readonly=True, aggregator=None)
    rank_change = fields.Integer(string="Rank Change", readonly=True, aggregator=None,
                                 help="Places gained since the previous period; empty for a newcomer.")
    growth = fields.Float(string="Change (%)", readonly=True, aggregator=None, digits=(16, 1),
                          help="Revenue against the previous period; empty without revenue then.")

    @property
    def _table_query(self):
        start, end, previous_start, previous_end = self._dealer_periods()

        def ranked(date_from, date_to):
            return SQL(
                """SELECT partner_id, company_id, SUM(record_count) AS order_count, SUM(amount) AS revenue,
                          RANK() OVER (PARTITION BY company_id ORDER BY SUM(amount) DESC) AS rank,
                          SUM(SUM(amount)) OVER (PARTITION BY company_id) AS total
                     FROM dealer_sales_fact
                    WHERE metric = 'contract_amount' AND date BETWEEN %s AND %s
                    GROUP BY partner_id, company_id""",
                date_from, date_to,
            )

        return SQL(
            """
            SELECT current.partner_id * 1000 + current.company_id AS id, current.rank, current.partner_id,
                   customer.user_id, customer.dealer_team_id AS team_id, customer.dealer_channel_id AS channel_id,
                   customer.dealer_region_id AS region_id, customer.dealer_customer_type_id AS customer_type_id,
                   current.company_id, company.currency_id, current.order_count, current.revenue,
                   100 * current.revenue / NULLIF(current.total, 0) AS share,
                   previous.revenue AS previous_revenue, previous.rank AS previous_rank,
                   previous.rank - current.rank AS rank_change,
                   100 * (current.revenue - previous.revenue) / NULLIF(previous.revenue, 0) AS growth,
                   %(start)s::date AS period_start, %(end)s::date AS period_end
              FROM (%(current)s) AS current
              LEFT JOIN (%(previous)s) AS previous
                ON previous.partner_id = current.partner_id AND previous.company_id = current.company_id
              JOIN res_partner customer ON customer.id = current.partner_id
              JOIN res_company company ON company.id = current.company_id
            """,
            start=start, end=end, current=ranked(start, end), previous=ranked(previous_start, previous_end),
        )
