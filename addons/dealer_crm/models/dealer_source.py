from odoo import models


class DealerSource(models.Model):
    """How the customer was first reached: 陌拜 (cold visit), 展会 (trade fair) …"""

    _name = "dealer.source"
    _inherit = ["dealer.classification.mixin"]
    _description = "Dealer Source"
