from odoo import models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    def _dealer_update_target_rollups(self):
        """A team's rolled-up targets follow its members."""
        targets = self.env["dealer.target"].sudo().search([("team_id", "in", self.ids), ("is_rollup", "=", True)])
        targets._update_rollups()
