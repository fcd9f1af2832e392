from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """The web client opens ``home_action_id`` when the URL names no
        action, else the first app (Discuss). A user who set no home action
        gets their Dealer CRM role's page (``res.users._dealer_home_action``);
        it is not stored on the user, so it follows their role and they can
        still choose another in their preferences."""
        info = super().session_info()
        if info.get("uid") and not info.get("home_action_id"):
            info["home_action_id"] = self.env.user._dealer_home_action().id or False
        return info
