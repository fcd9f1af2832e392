from odoo import _, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    dealer_order_date = fields.Datetime(
        related="order_id.date_order", string="Order Date", store=True, index=True,
        help="The quotation or order date, for the customer's price history by period.",
    )

    def action_dealer_price_history(self):
        """The prices this product was quoted and sold at to this customer,
        latest first, whoever quoted them."""
        self.ensure_one()
        customer = self.order_partner_id.commercial_partner_id
        action = customer.action_dealer_view_price_history()
        action["domain"] += [("product_id", "=", self.product_id.id), ("id", "!=", self.id)]
        action["display_name"] = _("%(product)s: prices for %(customer)s", product=self.product_id.display_name,
                                   customer=customer.name)
        action["target"] = "new"
        return action
