from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_agreement_order_policy = fields.Selection(
        [("none", "Allow"), ("warn", "Warn"), ("block", "Block")], string="Quotations outside an Agreement",
        default="warn", required=True,
        help="What happens to a quotation for a Dealer CRM customer without an active agreement, or outside its "
             "territory or product categories.",
    )
    dealer_orders_through_back_office = fields.Boolean(
        string="Orders through the Back Office",
        help="Salespeople submit the orders of Dealer CRM customers; only the back office (or a manager) confirms.",
    )
