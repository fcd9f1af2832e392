import base64
import binascii
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools.photo import PhotoError, accepted_format_names, process_photo
from ..tools.settings import get_setting


class DealerCheckinPhoto(models.Model):
    """A photo taken at a check-in, stored as processed: upright, at most
    1600 px, with the time, salesperson, customer and position burned in."""

    _name = "dealer.checkin.photo"
    _inherit = ["dealer.value.mixin"]
    _description = "Check-in Photo"
    _order = "checkin_id, id"

    checkin_id = fields.Many2one("dealer.checkin", string="Check-in", required=True, index=True, ondelete="cascade")
    name = fields.Char(string="File Name")
    image = fields.Image(string="Photo", attachment=True, readonly=True)
    image_256 = fields.Image(string="Thumbnail", related="image", max_width=256, max_height=256, store=True)
    capture_time = fields.Datetime(
        string="Taken At", readonly=True, help="When the camera says the photo was taken (EXIF), in UTC.",
    )
    capture_gap_minutes = fields.Float(
        string="Gap to Check-in (minutes)", readonly=True, digits=(10, 1),
        help="Between the photo's EXIF time and the server's check-in time.",
    )
    is_stale = fields.Boolean(
        string="Stale", readonly=True,
        help="Without a capture time, or taken too long before or after the check-in.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        checkins = self.env["dealer.checkin"].browse({vals.get("checkin_id") for vals in vals_list})
        if not self.env.su and not self.env.user._is_dealer_manager() and any(
            checkin.create_date and checkin.create_date < fields.Datetime.now() - timedelta(minutes=5)
            for checkin in checkins
        ):
            raise AccessError(self.env._("Photos are taken during the check-in, not added to it afterwards."))
        for vals in vals_list:
            self._dealer_check_values(vals)
        return super().create([self._processed(vals) for vals in vals_list])

    def write(self, vals):
        if {"image", "checkin_id"} & set(vals) and not self.env.su:
            raise AccessError(self.env._("A check-in photo cannot be replaced."))
        return super().write(vals)

    @api.model
    def _processed(self, vals):
        """``vals`` with the upload validated, shrunk and watermarked, and its capture time checked."""
        checkin = self.env["dealer.checkin"].browse(vals["checkin_id"])
        name = vals.get("name") or self.env._("photo")
        try:
            content = base64.b64decode(vals.get("image") or b"", validate=True)
        except (binascii.Error, ValueError) as error:
            raise ValidationError(self.env._("“%(name)s” is not an image.", name=name)) from error
        if not content:
            raise ValidationError(self.env._("“%(name)s” is empty.", name=name))
        max_mb = get_setting(self.env, "dealer_crm.checkin_photo_max_mb")
        try:
            jpeg, capture = process_photo(content, checkin._watermark_lines(), max_mb * 1024 * 1024)
        except PhotoError as error:
            raise ValidationError(self._photo_error_message(error.args[0], name, max_mb)) from error
        capture_time = self._capture_time_utc(capture, checkin.user_id) if capture else False
        gap = (capture_time - checkin.checkin_time).total_seconds() / 60 if capture_time else 0.0
        return {
            **vals,
            "image": base64.b64encode(jpeg),
            "capture_time": capture_time,
            "capture_gap_minutes": gap,
            "is_stale": not capture_time or abs(gap) > checkin._dealer_stale_after().total_seconds() / 60,
            **self._dealer_upload_values(content),
        }

    @api.model
    def _dealer_upload_values(self, content):
        """What other addons measure of a valid upload, ``content`` as taken
        (before it is shrunk and watermarked): values for the photo."""
        return {}

    @api.model
    def _photo_error_message(self, reason, name, max_mb):
        return {
            "too_large": self.env._("“%(name)s” is larger than %(size)s MB; take the photo again at a lower resolution.",
                           name=name, size=max_mb),
            "not_image": self.env._("“%(name)s” is not a photo: the accepted formats are %(formats)s.",
                           name=name, formats=", ".join(accepted_format_names())),
            "bomb": self.env._("“%(name)s” has an abnormal number of pixels and is refused.", name=name),
            "damaged": self.env._("“%(name)s” is damaged or incomplete; take the photo again.", name=name),
        }[reason]

    @api.model
    def _capture_time_utc(self, capture, user):
        """The EXIF time in UTC: by its recorded offset, else in the salesperson's time zone."""
        taken, offset_minutes = capture
        if offset_minutes is not None:
            return taken - timedelta(minutes=offset_minutes)
        return user._dealer_to_utc(taken)

