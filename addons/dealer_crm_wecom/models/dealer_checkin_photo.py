import base64

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.api import WeComApiError


class DealerCheckinPhoto(models.Model):
    _inherit = "dealer.checkin.photo"

    dealer_wecom_media_id = fields.Char(
        string="WeCom Media ID", readonly=True,
        help="Taken with WeCom's camera (JS-SDK uploadImage); the server fetches the photo from WeCom.",
    )

    @api.model
    def _processed(self, vals):
        """A photo taken in WeCom comes as its media id: fetched here, then
        through the same checks as any upload."""
        media_id = vals.get("dealer_wecom_media_id")
        if media_id and not vals.get("image"):
            company = self.env["dealer.checkin"].browse(vals["checkin_id"]).sudo().user_id.company_id
            try:
                content, _content_type = company._dealer_wecom_client().get_media(media_id)
            except WeComApiError as error:
                raise ValidationError(self.env._(
                    "The photo could not be fetched from WeCom: %(error)s",
                    error=company._dealer_wecom_error_text(error),
                )) from None
            vals = {**vals, "image": base64.b64encode(content)}
        return super()._processed(vals)
