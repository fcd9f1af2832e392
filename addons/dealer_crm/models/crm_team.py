from odoo import fields, models


class CrmTeam(models.Model):
    _name = "crm.team"
    _inherit = ["crm.team", "dealer.sales.fact.source"]
    _dealer_fact_column = "team_id"

    dealer_customer_cap = fields.Integer(
        string="Customer Cap per Member",
        help="How many Dealer CRM customers each member may own, unless the member has a cap of their own; 0: none.",
    )

    def _dealer_update_target_rollups(self):
        """A team's rolled-up targets follow its members."""
        targets = self.env["dealer.target"].sudo().search([("team_id", "in", self.ids), ("is_rollup", "=", True)])
        targets._update_rollups()
