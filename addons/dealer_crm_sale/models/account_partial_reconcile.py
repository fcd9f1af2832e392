from odoo import models


class AccountPartialReconcile(models.Model):
    _name = "account.partial.reconcile"
    _inherit = ["account.partial.reconcile", "dealer.sales.fact.source"]

    def _dealer_fact_sources(self, field_names=None):
        """A reconciliation made or undone changes whom its payment counts for."""
        return {"move": (self.debit_move_id.move_id | self.credit_move_id.move_id).ids}
