from odoo import api, models


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members.crm_team_id._dealer_update_target_rollups()
        return members

    def write(self, vals):
        teams = self.crm_team_id
        result = super().write(vals)
        if {"crm_team_id", "user_id", "active"} & set(vals):
            (teams | self.crm_team_id)._dealer_update_target_rollups()
        return result

    def unlink(self):
        teams = self.crm_team_id
        result = super().unlink()
        teams.exists()._dealer_update_target_rollups()
        return result
