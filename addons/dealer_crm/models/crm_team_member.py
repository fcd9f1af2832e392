from odoo import api, models


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        self.env["res.users"]._dealer_scopes_changed()
        return members

    def write(self, vals):
        result = super().write(vals)
        if {"crm_team_id", "user_id", "active"} & set(vals):
            self.env["res.users"]._dealer_scopes_changed()
        return result

    def unlink(self):
        result = super().unlink()
        self.env["res.users"]._dealer_scopes_changed()
        return result
