from odoo import fields, models


class DealerSalesReportMixin(models.AbstractModel):
    """The dimensions the sales analyses share: who, which team, which
    customer and its region, channel and type, which company."""

    _name = "dealer.sales.report.mixin"
    _description = "Dealer CRM Sales Report Dimensions"

    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    channel_id = fields.Many2one("dealer.channel", string="Channel", readonly=True)
    region_id = fields.Many2one("dealer.region", string="Region", readonly=True)
    customer_type_id = fields.Many2one("dealer.customer.type", string="Customer Type", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
