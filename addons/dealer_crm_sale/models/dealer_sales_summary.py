from odoo import fields, models


class DealerSalesSummary(models.Model):
    """The sales facts summed by month, salesperson, team, company and the
    customer's region, channel and type: the figures that targets and the
    dashboard read whole years or months of, a few thousand rows instead of
    millions. Maintained with the facts, by the difference each
    recomputation makes (see ``dealer.sales.fact._recompute``)."""

    _name = "dealer.sales.summary"
    _inherit = ["dealer.sales.figures"]
    _description = "Dealer CRM Monthly Sales Summary"
    _log_access = False
    _order = "month desc, id"

    month = fields.Date(string="Month", required=True, readonly=True)
    # A deleted salesperson, team, region, channel or type takes its rows
    # along; its facts, emptied of it, are summed again without it
    # (see ``dealer.sales.fact._resum_emptied``).
    user_id = fields.Many2one(ondelete="cascade")
    team_id = fields.Many2one(ondelete="cascade")
    region_id = fields.Many2one(ondelete="cascade")
    channel_id = fields.Many2one(ondelete="cascade")
    customer_type_id = fields.Many2one(ondelete="cascade")

    _one_per_key = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (metric, month, user_id, team_id, company_id, region_id, channel_id, "
        "customer_type_id)",
        "One summary row per month and key.",
    )
