from odoo import models


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    def _read_format(self, fnames, load="_classic_read"):
        """A follower's email comes from its partner, read as superuser: it
        stays hidden where the partner's own would be."""
        return self.env["res.partner"]._dealer_blank_hidden(
            self, super()._read_format(fnames, load), [fname for fname in fnames if fname == "email"],
        )
