from odoo import models
from odoo.tools.sql import create_index

SALES_FACT_FIELDS = {"state", "move_type", "invoice_user_id", "team_id", "amount_total_signed"}


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "dealer.sales.fact.source"]
    _dealer_fact_fields = SALES_FACT_FIELDS

    def _dealer_fact_sources(self, field_names=None):
        # A new journal entry pays nothing and is paid by nothing yet.
        return {} if field_names is None else {"move": self.ids}

    def init(self):
        super().init()
        # A dealer's open invoices, by due date: the overdue ones the portal
        # and the credit check list, without scanning every entry.
        create_index(
            self.env.cr, "account_move_dealer_open_invoice_index", self._table,
            ["commercial_partner_id", "invoice_date_due"],
            where="move_type = 'out_invoice' AND state = 'posted' AND payment_state IN ('not_paid', 'partial')",
        )

    def unlink(self):
        # The payments that are these entries, or were registered for them.
        # Those reconciled with them are marked as their reconciliations
        # are undone (see account.partial.reconcile).
        moves = self.sudo()
        self.env["dealer.sales.fact"]._mark_dirty("payment", (moves.origin_payment_id | moves.matched_payment_ids).ids)
        return super().unlink()
