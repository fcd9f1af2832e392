from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.dealer_crm.tools.guard import in_action


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

    @api.model_create_multi
    def create(self, vals_list):
        if any("state" in vals for vals in vals_list):
            self._dealer_check_line_state()
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals:
            self._dealer_check_line_state()
        return super().write(vals)

    def _dealer_check_line_state(self):
        """A line's status is its order's (a stored related field): written
        on the line, it would fall out of step with the order's invoicing."""
        if not in_action(self):
            raise AccessError(self.env._("The status of an order line follows its order."))

    def action_dealer_price_history(self):
        """The prices this product was quoted and sold at to this customer,
        latest first, whoever quoted them."""
        self.ensure_one()
        customer = self.order_partner_id.commercial_partner_id
        action = customer.action_dealer_view_price_history()
        action["domain"] += [("product_id", "=", self.product_id.id), ("id", "!=", self.id)]
        action["display_name"] = self.env._("%(product)s: prices for %(customer)s", product=self.product_id.display_name,
                                   customer=customer.name)
        action["target"] = "new"
        return action
