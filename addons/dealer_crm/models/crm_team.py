from odoo import api, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    # A team's members change the scopes through crm.team.member's own hooks;
    # the team itself only through its leader.
    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        if teams.user_id:
            self.env["res.users"]._dealer_scopes_changed()
        return teams

    def write(self, vals):
        result = super().write(vals)
        if {"user_id", "active"} & set(vals):
            self.env["res.users"]._dealer_scopes_changed()
        return result

    def unlink(self):
        result = super().unlink()
        self.env["res.users"]._dealer_scopes_changed()
        return result
