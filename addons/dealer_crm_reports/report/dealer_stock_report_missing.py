from odoo import fields, models
from odoo.tools import SQL


class DealerStockReportMissing(models.Model):
    """Missing stock reports (进销存未上报): for each of the last 12 months
    up to the previous one (the user's local months), the dealers that had an agreement in force that
    month (active, expired or terminated since, its dates overlapping the
    month) and sent no stock report for that month and the agreement's
    company. The agreement is the one the report would be filed under (see
    ``dealer.stock.report._dealer_agreement_of``); region and salesperson are
    the dealer's current ones, who follow it up."""

    _name = "dealer.stock.report.missing"
    _inherit = ["dealer.report.dimension.mixin"]
    _description = "Missing Dealer Stock Report"
    _auto = False
    # What the view reads, flushed before it is queried.
    _depends = {
        "dealer.agreement": ["partner_id", "company_id", "state", "date_start", "date_end", "agreement_type"],
        "dealer.stock.report": ["partner_id", "company_id", "date_from"],
        "res.partner": ["dealer_region_id", "user_id", "dealer_team_id", "dealer_channel_id",
                        "dealer_customer_type_id"],
    }
    _order = "date desc, partner_id"
    _rec_name = "partner_id"

    date = fields.Date(string="Month", readonly=True)
    partner_id = fields.Many2one(string="Dealer")
    agreement_id = fields.Many2one("dealer.agreement", string="Agreement", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
                WITH months AS (
                    SELECT month::date AS date, (month + INTERVAL '1 month - 1 day')::date AS date_end
                      FROM generate_series(%(this_month)s::date - INTERVAL '12 months',
                                           %(this_month)s::date - INTERVAL '1 month',
                                           INTERVAL '1 month') AS month
                ), in_force AS (
                    SELECT DISTINCT ON (months.date, agreement.partner_id, agreement.company_id)
                           months.date, agreement.partner_id, agreement.company_id, agreement.id AS agreement_id
                      FROM months
                      JOIN dealer_agreement agreement
                        ON agreement.state IN ('active', 'expired', 'terminated')
                       AND agreement.date_start <= months.date_end
                       AND agreement.date_end >= months.date
                     ORDER BY months.date, agreement.partner_id, agreement.company_id,
                              agreement.state, agreement.agreement_type DESC, agreement.date_start DESC
                )
                SELECT in_force.agreement_id::bigint * 100000
                           + EXTRACT(YEAR FROM in_force.date)::integer * 12
                           + EXTRACT(MONTH FROM in_force.date)::integer AS id,
                       in_force.date,
                       in_force.partner_id,
                       in_force.company_id,
                       in_force.agreement_id,
                       dealer.dealer_region_id AS region_id,
                       dealer.user_id,
                       dealer.dealer_team_id AS team_id,
                       dealer.dealer_channel_id AS channel_id,
                       dealer.dealer_customer_type_id AS customer_type_id
                  FROM in_force
                  JOIN res_partner dealer ON dealer.id = in_force.partner_id
                 WHERE NOT EXISTS (
                       SELECT 1
                         FROM dealer_stock_report report
                        WHERE report.partner_id = in_force.partner_id
                          AND report.company_id = in_force.company_id
                          AND report.date_from = in_force.date
                       )
            """,
            this_month=self.env.user._dealer_local_today().replace(day=1),
        )
