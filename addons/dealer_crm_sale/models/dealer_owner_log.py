from odoo import models


class DealerOwnerLog(models.Model):
    """A change of owner makes the new owner's new-customer fact."""

    _name = "dealer.owner.log"
    _inherit = ["dealer.owner.log", "dealer.sales.fact.source"]

    def _dealer_fact_sources(self, field_names=None):
        return {"customer": self.partner_id.ids}
