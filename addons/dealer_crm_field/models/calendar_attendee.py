from odoo import models


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    def _read_format(self, fnames, load="_classic_read"):
        """An attendee's email and phone come from its partner, read as
        superuser: they stay hidden where the partner's own would be."""
        return self.env["res.partner"]._dealer_blank_hidden(
            self, super()._read_format(fnames, load), [fname for fname in fnames if fname in ("email", "phone")],
        )
