from odoo import api, fields, models


class DealerStockReportLine(models.Model):
    """One product of a dealer's monthly stock report: opening stock,
    received, sold and closing stock, in the product's unit."""

    _name = "dealer.stock.report.line"
    _description = "Dealer Stock Report Line"
    _order = "report_id, product_id"

    report_id = fields.Many2one("dealer.stock.report", string="Report", required=True, readonly=True, index=True,
                                ondelete="cascade")
    product_id = fields.Many2one("product.product", string="Product", required=True, readonly=True, index=True,
                                 ondelete="restrict")
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    opening_qty = fields.Float(string="Opening Stock", readonly=True, digits="Product Unit")
    received_qty = fields.Float(string="Received", readonly=True, digits="Product Unit")
    sold_qty = fields.Float(string="Sold", readonly=True, digits="Product Unit")
    closing_qty = fields.Float(string="Closing Stock", readonly=True, digits="Product Unit")
    difference_qty = fields.Float(string="Difference", compute="_compute_difference_qty", digits="Product Unit",
                                  help="Closing stock less opening + received − sold: within the tolerance.")

    _product_unique = models.Constraint(
        "UNIQUE (report_id, product_id)", "A product appears once on a stock report.")
    _quantities_positive = models.Constraint(
        "CHECK (opening_qty >= 0 AND received_qty >= 0 AND sold_qty >= 0 AND closing_qty >= 0)",
        "Stock quantities cannot be negative.")

    @api.depends("opening_qty", "received_qty", "sold_qty", "closing_qty")
    def _compute_difference_qty(self):
        for line in self:
            line.difference_qty = line.closing_qty - (line.opening_qty + line.received_qty - line.sold_qty)
