from odoo import models


class DealerChannel(models.Model):
    """Sales channel a dealer works through, e.g. 五金市场 (hardware market) or 电商 (e-commerce)."""

    _name = "dealer.channel"
    _inherit = ["dealer.classification.mixin", "dealer.sales.fact.source"]
    _description = "Dealer Channel"
    _dealer_fact_column = "channel_id"
