from odoo import models


class AccountPayment(models.Model):
    _name = "account.payment"
    _inherit = ["account.payment", "dealer.sales.fact.source"]
    _dealer_fact_column = "payment_id"

    def _dealer_fact_sources(self, field_names=None):
        return {"payment": self.ids}
