from odoo import fields, models

SALES_METRICS = [
    ("new_customers", "New Customers"),
    ("contract_amount", "Contract Amount"),
    ("payment_amount", "Payment Collected"),
]


class DealerSalesFigures(models.AbstractModel):
    """What the sales facts and their monthly summary both hold: the metric,
    whose figure it is (salesperson, team, company, and the customer's
    region, channel and type) and the summed measures."""

    _name = "dealer.sales.figures"
    _description = "Dealer CRM Sales Figures"

    metric = fields.Selection(SALES_METRICS, string="Metric", required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True, ondelete="set null")
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True, ondelete="set null")
    company_id = fields.Many2one("res.company", string="Company", required=True, readonly=True, ondelete="cascade")
    region_id = fields.Many2one("dealer.region", string="Region", readonly=True, ondelete="set null")
    channel_id = fields.Many2one("dealer.channel", string="Channel", readonly=True, ondelete="set null")
    customer_type_id = fields.Many2one("dealer.customer.type", string="Customer Type", readonly=True,
                                       ondelete="set null")
    record_count = fields.Integer(
        string="Count", readonly=True,
        help="1 on one fact of each customer, order or payment, 0 on its other ones: the number of them when summed.",
    )
    # Floats (float8), not numerics: summed by the million for the analytics.
    amount = fields.Float(string="Amount", readonly=True, help="In company currency.")
    amount_untaxed = fields.Float(string="Untaxed Amount", readonly=True, help="In company currency.")
    quantity = fields.Float(string="Quantity", readonly=True, help="In the product's unit.")
