from odoo import models


class ResUsers(models.Model):
    _name = "res.users"
    _inherit = ["res.users", "dealer.sales.fact.source"]
    _dealer_fact_column = "user_id"

    def _dealer_home_action(self):
        """The back office (unless it also sells) lands on the Order Desk."""
        self.ensure_one()
        if self.has_group("dealer_crm.group_dealer_back_office") \
                and not self.has_group("dealer_crm.group_dealer_salesperson"):
            return self.env.ref("dealer_crm_sale.sale_order_action_dealer_order_desk")
        return super()._dealer_home_action()
