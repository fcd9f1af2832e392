from odoo import models

SALES_FACT_FIELDS = {"state", "move_type", "invoice_user_id", "team_id", "amount_total_signed"}


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "dealer.sales.fact.source"]

    def _dealer_fact_sources(self, field_names=None):
        if field_names is None or not field_names & SALES_FACT_FIELDS:
            return {}
        return {"move": self.ids}

    def unlink(self):
        # The payments that paid these entries are found through them: before they go.
        self.env.flush_all()
        self.env["dealer.sales.fact"]._mark_dirty("payment", self.env["dealer.sales.fact"]._payments_of_moves(self.ids))
        return super().unlink()
