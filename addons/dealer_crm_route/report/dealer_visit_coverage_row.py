from odoo import fields, models

from odoo.addons.dealer_crm.models.res_partner import DEALER_IMPORTANCE


class DealerVisitCoverageRow(models.AbstractModel):
    """What a row of visit coverage is about: a customer in a week or a
    month, counted on one day for the salesperson who owned it then. Shared
    by the report and by the closed periods it keeps."""

    _name = "dealer.visit.coverage.row"
    _description = "Visit Coverage Row"

    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    region_id = fields.Many2one("dealer.region", string="Region", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    period = fields.Selection([("week", "Week"), ("month", "Month")], string="Period", readonly=True)
    date = fields.Date(string="Period Start", readonly=True)
    date_end = fields.Date(string="Period End", readonly=True)
    day = fields.Date(string="Counted On", readonly=True,
                      help="The period's last day, or today for the running period.")
    importance = fields.Selection(DEALER_IMPORTANCE, string="Importance", readonly=True)
    visit_days = fields.Integer(string="Visit Every (days)", readonly=True, aggregator=None)
