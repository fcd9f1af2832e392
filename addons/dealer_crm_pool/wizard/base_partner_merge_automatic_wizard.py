from odoo import models
from odoo.exceptions import AccessError

from odoo.addons.dealer_crm.tools.guard import as_action


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        """Merging moves a customer's orders, follow-ups and ownership
        history into another one: for Dealer CRM customers it is no way
        around the public pool. Customers of a pool are assigned first,
        customers of different owners transferred to one owner first, and
        the user must be allowed to change each of them. Checked before
        Odoo's own checks, whose messages would otherwise tell about hidden
        details (same email or not)."""
        partners = self.env["res.partner"].browse(partner_ids).exists()
        customers = partners.commercial_partner_id.filtered("is_dealer")
        if not customers or self.env.su:
            return super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
        if customers.sudo().filtered("pool_id"):
            raise AccessError(self.env._(
                "Customers in a public pool are not merged: assign them to a salesperson first.",
            ))
        if len({customer.user_id for customer in customers.sudo()}) > 1:
            raise AccessError(self.env._(
                "These customers have different owners: transfer them to one owner before merging them.",
            ))
        (partners | customers).check_access("write")
        # One owner, no pool: the ownership fields the merge copies change nothing the pool governs.
        return super(BasePartnerMergeAutomaticWizard, as_action(self))._merge(
            partner_ids, dst_partner=dst_partner, extra_checks=extra_checks,
        )

    def _dealer_check_duplicate_search(self):
        """Finding duplicates compares every partner's email, phone or tax ID
        in SQL: an oracle for hidden details."""
        if self.env["res.partner"]._dealer_hidden_pool_ids():
            raise AccessError(self.env._(
                "Finding duplicates compares the contact details of every customer, public pools included: ask a "
                "Dealer CRM manager to run it.",
            ))

    def action_start_manual_process(self):
        self._dealer_check_duplicate_search()
        return super().action_start_manual_process()

    def action_start_automatic_process(self):
        self._dealer_check_duplicate_search()
        return super().action_start_automatic_process()

    def action_update_all_process(self):
        self._dealer_check_duplicate_search()
        return super().action_update_all_process()
