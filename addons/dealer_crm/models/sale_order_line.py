from odoo import _, fields, models


SALES_FACT_FIELDS = {"order_id", "product_id", "product_uom_id", "product_uom_qty", "price_total", "price_subtotal",
                     "display_type"}


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "dealer.sales.fact.source"]
    _dealer_fact_fields = SALES_FACT_FIELDS
    _dealer_fact_column = "order_line_id"

    dealer_order_date = fields.Datetime(
        related="order_id.date_order", string="Order Date", store=True, index=True,
        help="The quotation or order date, for the customer's price history by period.",
    )

    def _dealer_fact_sources(self, field_names=None):
        return {"order": self.order_id.ids}

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
