from odoo import models

SALES_FACT_FIELDS = {"state", "move_type", "invoice_user_id", "team_id", "amount_total_signed"}


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "dealer.sales.fact.source"]
    _dealer_fact_fields = SALES_FACT_FIELDS

    def _dealer_fact_sources(self, field_names=None):
        # A new journal entry pays nothing and is paid by nothing yet.
        return {} if field_names is None else {"move": self.ids}

    def unlink(self):
        # The payments that are these entries, or were registered for them.
        # Those reconciled with them are marked as their reconciliations
        # are undone (see account.partial.reconcile).
        moves = self.sudo()
        self.env["dealer.sales.fact"]._mark_dirty("payment", (moves.origin_payment_id | moves.matched_payment_ids).ids)
        return super().unlink()
