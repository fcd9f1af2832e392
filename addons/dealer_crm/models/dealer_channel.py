from odoo import models


class DealerChannel(models.Model):
    """Sales channel a dealer works through, e.g. 五金市场 (hardware market) or 电商 (e-commerce)."""

    _name = "dealer.channel"
    _inherit = ["dealer.classification.mixin"]
    _description = "Dealer Channel"
