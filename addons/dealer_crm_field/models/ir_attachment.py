from odoo import models
from odoo.exceptions import ValidationError

from ..tools.audio import is_audio


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _dealer_check_audio(self):
        """Voice notes must be sound, as their content says: a name ending in
        .mp3 proves nothing."""
        for attachment in self.sudo():
            if not is_audio(attachment.raw or b""):
                raise ValidationError(self.env._(
                    "“%(name)s” is not a sound recording and cannot be a voice note.", name=attachment.name,
                ))
