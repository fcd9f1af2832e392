from odoo import models


class CrmTeam(models.Model):
    """The sales facts carry the owner's sales team."""

    _name = "crm.team"
    _inherit = ["crm.team", "dealer.sales.fact.source"]
    _dealer_fact_column = "team_id"
