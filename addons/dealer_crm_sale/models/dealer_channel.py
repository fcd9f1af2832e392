from odoo import models


class DealerChannel(models.Model):
    """The sales facts carry the customer's channel."""

    _name = "dealer.channel"
    _inherit = ["dealer.channel", "dealer.sales.fact.source"]
    _dealer_fact_column = "channel_id"
