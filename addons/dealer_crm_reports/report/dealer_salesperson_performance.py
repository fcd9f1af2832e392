from odoo import fields, models
from odoo.tools import SQL


class DealerSalespersonPerformance(models.Model):
    """Salesperson performance (销售业绩考核): per salesperson and day, the
    customers developed, follow-ups, check-ins, orders, revenue and payments
    collected — the sales facts side by side with the field work, each on
    the salesperson's local day."""

    _name = "dealer.salesperson.performance"
    _inherit = ["dealer.sales.report.mixin"]
    _description = "Salesperson Performance"
    _auto = False
    # What the query reads besides the facts, flushed before it runs.
    _depends = {
        "dealer.followup": ["user_id", "partner_id", "date", "company_id"],
        "dealer.checkin": ["user_id", "partner_id", "checkin_time", "company_id"],
        "res.partner": ["tz", "dealer_channel_id", "dealer_customer_type_id", "dealer_region_id"],
        "res.users": ["company_id", "partner_id", "sale_team_id"],
        "res.company": ["currency_id"],
    }
    _order = "date desc"
    _rec_name = "user_id"

    date = fields.Date(string="Date", readonly=True)
    new_customer_count = fields.Integer(string="New Customers", readonly=True, aggregator="sum")
    followup_count = fields.Integer(string="Follow-ups", readonly=True, aggregator="sum")
    checkin_count = fields.Integer(string="Check-ins", readonly=True, aggregator="sum")
    order_count = fields.Integer(string="Orders", readonly=True, aggregator="sum")
    revenue = fields.Monetary(string="Revenue", readonly=True, aggregator="sum")
    payment_amount = fields.Monetary(string="Payments Collected", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        Fact = self.env["dealer.sales.fact"]

        def field_work(table, moment, kind):
            return SQL(
                """SELECT work.id * 3 + %(kind)s AS id, %(day)s AS date, work.user_id, zone_user.sale_team_id,
                          work.partner_id, COALESCE(work.company_id, zone_user.company_id),
                          customer.dealer_region_id, customer.dealer_channel_id, customer.dealer_customer_type_id,
                          0, %(followup)s, %(checkin)s, 0, 0, 0
                     FROM %(table)s work
                     LEFT JOIN res_partner customer ON customer.id = work.partner_id
                     %(zone)s""",
                kind=kind, table=SQL.identifier(table), zone=Fact._sql_zone_join(SQL("work.user_id")),
                day=Fact._sql_local_day(SQL.identifier("work", moment)),
                followup=int(kind == 1), checkin=int(kind == 2),
            )

        return SQL(
            """
            SELECT work.*, company.currency_id
              FROM (
                SELECT fact.id * 3 AS id, fact.date, fact.user_id, fact.team_id, fact.partner_id, fact.company_id,
                       fact.region_id, fact.channel_id, fact.customer_type_id,
                       CASE WHEN fact.metric = 'new_customers' THEN fact.record_count ELSE 0 END AS new_customer_count,
                       0 AS followup_count, 0 AS checkin_count,
                       CASE WHEN fact.metric = 'contract_amount' THEN fact.record_count ELSE 0 END AS order_count,
                       CASE WHEN fact.metric = 'contract_amount' THEN fact.amount ELSE 0 END AS revenue,
                       CASE WHEN fact.metric = 'payment_amount' THEN fact.amount ELSE 0 END AS payment_amount
                  FROM dealer_sales_fact fact
                 UNION ALL %(followups)s
                 UNION ALL %(checkins)s
              ) AS work
              LEFT JOIN res_company company ON company.id = work.company_id
            """,
            followups=field_work("dealer_followup", "date", 1),
            checkins=field_work("dealer_checkin", "checkin_time", 2),
        )
