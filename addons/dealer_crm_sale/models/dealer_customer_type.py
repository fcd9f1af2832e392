from odoo import models


class DealerCustomerType(models.Model):
    """The sales facts carry the customer's type."""

    _name = "dealer.customer.type"
    _inherit = ["dealer.customer.type", "dealer.sales.fact.source"]
    _dealer_fact_column = "customer_type_id"
