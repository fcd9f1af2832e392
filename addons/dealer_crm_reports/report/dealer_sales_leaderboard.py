from odoo import fields, models
from odoo.tools import SQL

RANKED_MEASURES = ("revenue", "payment_amount", "new_customer_count", "followup_count")


class DealerSalesLeaderboard(models.Model):
    """The leaderboard (销售龙虎榜): salespeople ranked by revenue, payments
    collected, new customers and follow-ups in the period chosen by the
    filters (see ``dealer.report.period``), each rank with its change
    against the previous period."""

    _name = "dealer.sales.leaderboard"
    _inherit = ["dealer.report.period"]
    _description = "Sales Leaderboard"
    _auto = False
    # What the query reads besides the facts, flushed before it runs.
    _depends = {
        "dealer.followup": ["user_id", "date", "company_id"],
        "res.users": ["company_id", "partner_id"],
        "res.partner": ["tz"],
        "res.company": ["currency_id"],
    }
    _order = "company_id, revenue_rank, user_id"
    _rec_name = "user_id"

    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    revenue = fields.Monetary(string="Revenue", readonly=True, aggregator="sum")
    revenue_rank = fields.Integer(string="Revenue Rank", readonly=True, aggregator=None)
    revenue_rank_change = fields.Integer(string="Revenue Rank Change", readonly=True, aggregator=None)
    payment_amount = fields.Monetary(string="Payments Collected", readonly=True, aggregator="sum")
    payment_amount_rank = fields.Integer(string="Payments Rank", readonly=True, aggregator=None)
    payment_amount_rank_change = fields.Integer(string="Payments Rank Change", readonly=True, aggregator=None)
    new_customer_count = fields.Integer(string="New Customers", readonly=True, aggregator="sum")
    new_customer_count_rank = fields.Integer(string="New Customers Rank", readonly=True, aggregator=None)
    new_customer_count_rank_change = fields.Integer(string="New Customers Rank Change", readonly=True,
                                                    aggregator=None)
    followup_count = fields.Integer(string="Follow-ups", readonly=True, aggregator="sum")
    followup_count_rank = fields.Integer(string="Follow-ups Rank", readonly=True, aggregator=None)
    followup_count_rank_change = fields.Integer(string="Follow-ups Rank Change", readonly=True, aggregator=None)

    @property
    def _table_query(self):
        Fact = self.env["dealer.sales.fact"]
        start, end, previous_start, previous_end = self._dealer_periods()

        def ranked(date_from, date_to):
            ranks = SQL(", ").join(
                SQL("RANK() OVER (PARTITION BY company_id ORDER BY SUM(%s) DESC) AS %s",
                    SQL.identifier(measure), SQL.identifier(f"{measure}_rank"))
                for measure in RANKED_MEASURES
            )
            return SQL(
                """SELECT user_id, company_id, SUM(revenue) AS revenue, SUM(payment_amount) AS payment_amount,
                          SUM(new_customer_count) AS new_customer_count, SUM(followup_count) AS followup_count,
                          %(ranks)s
                     FROM (SELECT user_id, company_id,
                                  CASE WHEN metric = 'contract_amount' THEN amount ELSE 0 END AS revenue,
                                  CASE WHEN metric = 'payment_amount' THEN amount ELSE 0 END AS payment_amount,
                                  CASE WHEN metric = 'new_customers' THEN record_count ELSE 0 END
                                      AS new_customer_count,
                                  0 AS followup_count
                             FROM dealer_sales_fact
                            WHERE date BETWEEN %(date_from)s AND %(date_to)s AND user_id IS NOT NULL
                            UNION ALL
                           SELECT followup.user_id, COALESCE(followup.company_id, zone_user.company_id), 0, 0, 0, 1
                             FROM dealer_followup followup
                             %(zone)s
                            WHERE followup.date >= %(utc_from)s AND followup.date < %(utc_to)s
                              AND %(within)s) AS work
                    WHERE company_id IS NOT NULL
                    GROUP BY user_id, company_id""",
                ranks=ranks, date_from=date_from, date_to=date_to, zone=Fact._sql_zone_join(SQL("followup.user_id")),
                # The widest UTC range the local days can fall in, for the index; then each one's own days.
                utc_from=SQL("%s::timestamp - INTERVAL '1 day'", date_from),
                utc_to=SQL("%s::timestamp + INTERVAL '2 days'", date_to),
                within=Fact._sql_within(SQL("followup.date"), SQL("COALESCE(zone.tz, 'Asia/Shanghai')"),
                                        date_from, date_to),
            )

        rank_columns = SQL(", ").join(
            SQL("current.%(rank)s, previous.%(rank)s - current.%(rank)s AS %(change)s",
                rank=SQL.identifier(f"{measure}_rank"), change=SQL.identifier(f"{measure}_rank_change"))
            for measure in RANKED_MEASURES
        )
        return SQL(
            """
            SELECT current.user_id * 1000 + current.company_id AS id, current.user_id,
                   person.sale_team_id AS team_id, current.company_id, company.currency_id,
                   current.revenue, current.payment_amount, current.new_customer_count, current.followup_count,
                   %(rank_columns)s, %(start)s::date AS period_start, %(end)s::date AS period_end
              FROM (%(current)s) AS current
              LEFT JOIN (%(previous)s) AS previous
                ON previous.user_id = current.user_id AND previous.company_id = current.company_id
              JOIN res_users person ON person.id = current.user_id
              JOIN res_company company ON company.id = current.company_id
            """,
            rank_columns=rank_columns, start=start, end=end,
            current=ranked(start, end), previous=ranked(previous_start, previous_end),
        )
