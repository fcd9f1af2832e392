from odoo import fields, models


class DealerSalesReportMixin(models.AbstractModel):
    """The sales analyses' dimensions: Dealer CRM's report dimensions, and
    the currency of their amounts."""

    _name = "dealer.sales.report.mixin"
    _inherit = ["dealer.report.dimension.mixin"]
    _description = "Dealer CRM Sales Report Dimensions"

    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
