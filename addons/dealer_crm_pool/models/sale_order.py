from odoo import api, models
from odoo.exceptions import AccessError

from odoo.addons.dealer_crm.tools.guard import in_action


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders._dealer_check_pool_customer()
        return orders

    def write(self, vals):
        result = super().write(vals)
        if {"partner_id", "partner_invoice_id", "partner_shipping_id"} & set(vals):
            self._dealer_check_pool_customer()
        return result

    def _dealer_check_pool_customer(self):
        """A customer still in a public pool is quoted by whoever claims it
        (a quotation would print its hidden address); managers may."""
        if in_action(self) or self.env.user._is_dealer_manager():
            return
        pooled = self.sudo().filtered(lambda order: (
            order.partner_id | order.partner_invoice_id | order.partner_shipping_id).commercial_partner_id.pool_id)
        if pooled:
            raise AccessError(self.env._(
                "%(customer)s is in the public pool: claim it before quoting it.",
                customer=pooled[0].partner_id.commercial_partner_id.name,
            ))
