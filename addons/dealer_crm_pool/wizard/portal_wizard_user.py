from odoo import models
from odoo.exceptions import AccessError


class PortalWizardUser(models.TransientModel):
    _inherit = "portal.wizard.user"

    def _read_format(self, fnames, load="_classic_read"):
        """The wizard copies the contact's email: hidden where the contact's
        own is."""
        return self.env["res.partner"]._dealer_blank_hidden(
            self, super()._read_format(fnames, load), [fname for fname in fnames if fname == "email"],
        )

    def _dealer_check_pool(self):
        """A customer of a public pool gets no portal access until it has
        an owner, unless a manager gives it."""
        if not self.env.su and not self.env.user._is_dealer_manager() \
                and self.sudo().partner_id.commercial_partner_id.filtered("pool_id"):
            raise AccessError(self.env._("A customer in a public pool gets portal access once it has been claimed."))

    def action_grant_access(self):
        self._dealer_check_pool()
        return super().action_grant_access()

    def action_revoke_access(self):
        self._dealer_check_pool()
        return super().action_revoke_access()

    def action_invite_again(self):
        self._dealer_check_pool()
        return super().action_invite_again()
