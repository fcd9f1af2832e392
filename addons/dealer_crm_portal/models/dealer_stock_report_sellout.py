from odoo import fields, models


class DealerStockReportSellout(models.Model):
    """Where a dealer sold a product in the month: a region and a quantity.
    A region outside the territory of the dealer's agreement is flagged
    (窜货)."""

    _name = "dealer.stock.report.sellout"
    _description = "Dealer Sell-out by Region"
    _order = "report_id, region_id, product_id"

    report_id = fields.Many2one("dealer.stock.report", string="Report", required=True, readonly=True, index=True,
                                ondelete="cascade")
    product_id = fields.Many2one("product.product", string="Product", required=True, readonly=True, index=True,
                                 ondelete="restrict")
    region_id = fields.Many2one("dealer.region", string="Region", required=True, readonly=True, index=True,
                                ondelete="restrict")
    quantity = fields.Float(string="Quantity Sold", readonly=True, digits="Product Unit")
    outside_territory = fields.Boolean(string="Outside Territory", readonly=True,
                                       help="The region is outside the territory of the dealer's agreement.")

    _region_product_unique = models.Constraint(
        "UNIQUE (report_id, product_id, region_id)", "A product's sell-out is given once per region.")
    _quantity_positive = models.Constraint("CHECK (quantity > 0)", "A sell-out quantity is above 0.")
