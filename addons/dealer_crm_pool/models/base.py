from odoo import models


class Base(models.AbstractModel):
    _inherit = "base"

    def _message_get_suggested_recipients_batch(self, reply_discussion=False, reply_message=None, no_create=True,
                                                primary_email=False, additional_partners=None):
        """Suggested recipients of any chatter carry no email of a customer
        hiding its contact details."""
        suggestions = super()._message_get_suggested_recipients_batch(
            reply_discussion=reply_discussion, reply_message=reply_message, no_create=no_create,
            primary_email=primary_email, additional_partners=additional_partners,
        )
        partner_ids = {
            recipient["partner_id"] for recipients in suggestions.values() for recipient in recipients
            if recipient.get("partner_id")
        }
        hidden_ids = self.env["res.partner"].browse(partner_ids)._dealer_hidden_contact_ids(ignore_sudo=True)
        for recipients in suggestions.values():
            for recipient in recipients:
                if recipient.get("partner_id") in hidden_ids:
                    recipient["email"] = False
        return suggestions
