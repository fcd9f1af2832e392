from odoo import models


class DealerRegion(models.Model):
    """The sales facts carry the customer's region."""

    _name = "dealer.region"
    _inherit = ["dealer.region", "dealer.sales.fact.source"]
    _dealer_fact_column = "region_id"
