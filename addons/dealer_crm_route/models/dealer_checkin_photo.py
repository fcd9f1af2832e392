import io
from datetime import timedelta

from PIL import Image

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.dealer_crm.tools.guard import as_action, check_governed, create_fields
from odoo.addons.dealer_crm_field.tools.photo import EXIF_ORIENTATION, EXIF_TRANSPOSITIONS

from ..tools import phash
from ..tools.settings import get_setting

HASH_FIELDS = ("dhash_0", "dhash_1", "dhash_2", "dhash_3")
PHOTO_GOVERNED_FIELDS = frozenset({*HASH_FIELDS, "reused_photo_id", "reused_distance"})
# Decoding a camera JPEG at 1/8 scale is enough for a 9 × 8 hash, and fast.
HASH_DECODE_SIZE = (256, 256)


class DealerCheckinPhoto(models.Model):
    """A check-in photo's perceptual hash, and the earlier photo it reuses.

    The 64-bit dHash is stored as four 16-bit parts, each indexed: two
    hashes within ``phash.MAX_DISTANCE`` bits of each other share at least
    one part within one bit, so a lookup probes 4 × 17 index values and
    checks the few candidates exactly (multi-index hashing)."""

    _inherit = "dealer.checkin.photo"

    dhash_0 = fields.Integer(string="Photo Hash, Part 1", readonly=True, copy=False, index="btree_not_null")
    dhash_1 = fields.Integer(string="Photo Hash, Part 2", readonly=True, copy=False, index="btree_not_null")
    dhash_2 = fields.Integer(string="Photo Hash, Part 3", readonly=True, copy=False, index="btree_not_null")
    dhash_3 = fields.Integer(string="Photo Hash, Part 4", readonly=True, copy=False, index="btree_not_null")
    dealer_company_id = fields.Many2one(
        "res.company", string="Company", compute="_compute_dealer_company_id", store=True,
        help="The company of the check-in's customer, else of its salesperson: where a reused photo is looked for.",
    )
    checkin_time = fields.Datetime(related="checkin_id.checkin_time", store=True, string="Check-in Time")
    reused_photo_id = fields.Many2one(
        "dealer.checkin.photo", string="Reuses", readonly=True, copy=False, ondelete="set null",
        index="btree_not_null",
        help="The earlier check-in photo this one matches.",
    )
    reused_distance = fields.Integer(
        string="Differing Bits", readonly=True, copy=False, help="Of the 64 bits of the two photos' perceptual hashes.",
    )
    reused_image_256 = fields.Image(string="Original Photo", compute="_compute_reused_original")
    reused_checkin_id = fields.Many2one(
        "dealer.checkin", string="Original Check-in", compute="_compute_reused_original")

    @api.depends("reused_photo_id")
    @api.depends_context("uid")
    def _compute_reused_original(self):
        """The original beside the reuse, for those who may see it: a
        salesperson whose photo copies a colleague's learns that it does,
        not what the colleague photographed where."""
        readable = self.reused_photo_id._filtered_access("read")
        for photo in self:
            original = photo.reused_photo_id & readable
            photo.reused_image_256 = original.image_256
            photo.reused_checkin_id = original.checkin_id

    @api.depends("checkin_id.company_id", "checkin_id.user_id.company_id")
    def _compute_dealer_company_id(self):
        for photo in self:
            photo.dealer_company_id = photo.checkin_id.company_id or photo.checkin_id.user_id.company_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_governed(self, create_fields(self, vals) - set(HASH_FIELDS), PHOTO_GOVERNED_FIELDS,
                           self.env._("Only the server compares check-in photos."))
        photos = super().create(vals_list)
        photos._dealer_find_reused()
        return photos

    def write(self, vals):
        check_governed(self, vals, PHOTO_GOVERNED_FIELDS, self.env._("Only the server compares check-in photos."))
        result = super().write(vals)
        if set(HASH_FIELDS) & set(vals):
            self._dealer_find_reused()
        return result

    @api.model
    def _dealer_upload_values(self, content):
        """The upload's perceptual hash, from the photo as taken: before the
        watermark, which differs on every check-in."""
        return {**super()._dealer_upload_values(content), **dict(zip(HASH_FIELDS, phash.parts(self._dealer_hash(content))))}

    @api.model
    def _dealer_hash(self, content):
        """The dHash of an upload (valid: the pipeline checked it), upright."""
        image = Image.open(io.BytesIO(content))
        orientation = image.getexif().get(EXIF_ORIENTATION)
        if image.format in ("JPEG", "MPO"):
            image.draft("RGB", HASH_DECODE_SIZE)
        if transposition := EXIF_TRANSPOSITIONS.get(orientation):
            image = image.transpose(transposition)
        return phash.dhash(image)

    def _dealer_hash_value(self):
        self.ensure_one()
        return phash.join(*(self[name] for name in HASH_FIELDS))

    def _dealer_find_reused(self):
        """Link each of these photos to the closest earlier photo of the
        company it matches, of another check-in."""
        self.flush_model([*HASH_FIELDS, "dealer_company_id", "checkin_time", "checkin_id"])
        for photo in self:
            if not photo.checkin_time:
                continue
            matches = self._dealer_matching_photos(
                photo._dealer_hash_value(), photo.dealer_company_id, photo.checkin_time, photo.checkin_id)
            distance, original_id = matches[0] if matches else (0, False)
            if photo.reused_photo_id.id != original_id or photo.reused_distance != distance:
                as_action(photo.sudo()).write({"reused_photo_id": original_id, "reused_distance": distance})

    @api.model
    def _dealer_matching_photos(self, value, company, until, checkin):
        """``(distance, photo id)`` of the photos of ``company`` whose hash is
        within ``phash.MAX_DISTANCE`` bits of ``value``, taken within the
        reuse window before ``until``, of another check-in than ``checkin``:
        the closest first, then the oldest."""
        days = get_setting(self.env, "dealer_crm.photo_reuse_days")
        probes = phash.probes(value)
        candidates = self.env.execute_query(SQL(
            """SELECT id, dhash_0, dhash_1, dhash_2, dhash_3
                 FROM dealer_checkin_photo
                WHERE (dhash_0 = ANY(%(p0)s) OR dhash_1 = ANY(%(p1)s)
                       OR dhash_2 = ANY(%(p2)s) OR dhash_3 = ANY(%(p3)s))
                  AND dealer_company_id = %(company)s AND checkin_id != %(checkin)s
                  AND checkin_time >= %(since)s AND checkin_time <= %(until)s
             ORDER BY checkin_time, id""",
            p0=list(probes[0]), p1=list(probes[1]), p2=list(probes[2]), p3=list(probes[3]),
            company=company.id, checkin=checkin.id, since=until - timedelta(days=days), until=until,
        ))
        matches = [
            (distance, candidate_id) for candidate_id, *candidate_parts in candidates
            if (distance := phash.hamming(value, phash.join(*candidate_parts))) <= phash.MAX_DISTANCE
        ]
        return sorted(matches, key=lambda match: match[0])
