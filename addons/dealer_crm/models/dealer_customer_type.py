from odoo import models


class DealerCustomerType(models.Model):
    """Role of the customer in the distribution chain: 经销商 (dealer), 代理商 (agent) …"""

    _name = "dealer.customer.type"
    _inherit = ["dealer.classification.mixin"]
    _description = "Dealer Customer Type"
