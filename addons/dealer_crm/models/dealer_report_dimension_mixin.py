from odoo import fields, models


class DealerReportDimensionMixin(models.AbstractModel):
    """The dimensions Dealer CRM's analyses share, for SQL-view reports
    (``_auto = False``) whose query selects each of them: who, which team,
    which customer with its region, channel and type, which company."""

    _name = "dealer.report.dimension.mixin"
    _description = "Dealer CRM Report Dimensions"

    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    region_id = fields.Many2one("dealer.region", string="Region", readonly=True)
    channel_id = fields.Many2one("dealer.channel", string="Channel", readonly=True)
    customer_type_id = fields.Many2one("dealer.customer.type", string="Customer Type", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
