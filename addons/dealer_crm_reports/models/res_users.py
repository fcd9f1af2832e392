from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _dealer_home_action(self):
        """Managers land on the management dashboard."""
        self.ensure_one()
        if self._is_dealer_manager():
            return self.env.ref("dealer_crm_reports.dealer_sales_dashboard_action")
        return super()._dealer_home_action()
