from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    dealer_customer_cap = fields.Integer(
        string="Customer Cap per Member",
        help="How many Dealer CRM customers each member may own, unless the member has a cap of their own; 0: none.",
    )
