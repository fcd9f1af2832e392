from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_cap_counts_won = fields.Boolean(
        string="Won Customers Count toward the Cap", default=True,
        help="Off: customers with a confirmed order do not count in a salesperson's customer cap.",
    )
