from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _dealer_home_action(self):
        """Salespeople land on My Day: today's visits, follow-ups and tasks."""
        self.ensure_one()
        if self.has_group("dealer_crm.group_dealer_salesperson"):
            return self.env.ref("dealer_crm_field.dealer_agenda_action_server")
        return super()._dealer_home_action()
