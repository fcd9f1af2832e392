from odoo import models


class AccountPayment(models.Model):
    _name = "account.payment"
    _inherit = ["account.payment", "dealer.sales.fact.source"]

    def _dealer_fact_sources(self, field_names=None):
        return {"payment": self.ids}

    def _dealer_fact_column(self):
        return "payment_id"
