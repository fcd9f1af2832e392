from odoo import fields, models

from .dealer_sales_fact import SALES_METRICS


class DealerSalesSummary(models.Model):
    """The sales facts summed by month, salesperson, team, company and the
    customer's region, channel and type: the figures that targets, the
    dashboard and the leaderboard read whole years of, a few thousand rows
    instead of millions. Maintained with the facts, by the difference each
    recomputation makes (see ``dealer.sales.fact._recompute``)."""

    _name = "dealer.sales.summary"
    _description = "Dealer CRM Monthly Sales Summary"
    _log_access = False
    _order = "month desc, id"

    metric = fields.Selection(SALES_METRICS, string="Metric", required=True, readonly=True)
    month = fields.Date(string="Month", required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True, ondelete="set null")
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True, ondelete="set null")
    company_id = fields.Many2one("res.company", string="Company", required=True, readonly=True, ondelete="cascade")
    region_id = fields.Many2one("dealer.region", string="Region", readonly=True, ondelete="set null")
    channel_id = fields.Many2one("dealer.channel", string="Channel", readonly=True, ondelete="set null")
    customer_type_id = fields.Many2one("dealer.customer.type", string="Customer Type", readonly=True,
                                       ondelete="set null")
    record_count = fields.Integer(string="Count", readonly=True)
    amount = fields.Float(string="Amount", readonly=True, help="In company currency.")
    amount_untaxed = fields.Float(string="Untaxed Amount", readonly=True, help="In company currency.")
    quantity = fields.Float(string="Quantity", readonly=True)

    _one_per_key = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (metric, month, user_id, team_id, company_id, region_id, channel_id, "
        "customer_type_id)",
        "One summary row per month and key.",
    )
