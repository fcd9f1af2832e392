from odoo import models

from .res_partner import POOL_HIDDEN_FIELDS


class MailTrackingValue(models.Model):
    _inherit = "mail.tracking.value"

    def _filter_has_field_access(self, env):
        """The chatter of a customer hiding its contact details does not
        show their old and new values either."""
        trackings = super()._filter_has_field_access(env)
        hidden_fields = trackings.filtered(lambda tracking: tracking.field_id.model == "res.partner"
                                           and tracking.field_id.name in POOL_HIDDEN_FIELDS)
        if not hidden_fields:
            return trackings
        hidden_ids = env["res.partner"].browse(
            hidden_fields.mail_message_id.filtered(lambda message: message.model == "res.partner").mapped("res_id"),
        )._dealer_hidden_contact_ids()
        return trackings - hidden_fields.filtered(lambda tracking: tracking.mail_message_id.res_id in hidden_ids)
