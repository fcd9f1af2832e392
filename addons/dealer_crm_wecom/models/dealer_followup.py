from odoo import fields, models


class DealerFollowup(models.Model):
    _inherit = "dealer.followup"

    method = fields.Selection(selection_add=[("wecom", "WeCom Message")], ondelete={"wecom": "set default"})
    dealer_wecom_location = fields.Char(
        string="Place Sent from WeCom", compute="_compute_dealer_wecom_location", compute_sudo=True,
        help="The location the salesperson sent with this follow-up in WeCom. It is not a check-in.",
    )

    def _compute_dealer_wecom_location(self):
        messages = self.env["dealer.wecom.message"].sudo().search(
            [("followup_id", "in", self.ids), ("msg_type", "=", "location")], order="id",
        )
        places = {}
        for message in messages:
            places[message.followup_id.id] = (
                f"{message.location_label or ''} ({message.latitude:.5f}, {message.longitude:.5f})".strip()
            )
        for followup in self:
            followup.dealer_wecom_location = places.get(followup.id, False)
